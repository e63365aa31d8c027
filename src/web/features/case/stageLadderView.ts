import { formatInstant } from '../../../domain/calendar/formatting.ts';
import { capLimit } from '../../../domain/disagreement/deadlines.ts';
import {
  type CaseStage,
  caseTimes,
  type Disagreement,
  stageLabel,
} from '../../../domain/disagreement/disagreement.ts';
import { capsCovering, type LadderStage, stageOf } from '../../../domain/protocol/ladder.ts';
import { amountInWords, timescaleInWords } from '../../../domain/protocol/timescaleWords.ts';
import type { CaseView } from '../../../services/readDisagreements.ts';
import { type CapBar, capBarsOf, capsOnLadder } from './capBarsView.ts';

/** Where a case stands at one stage of its ladder. */
export type StepState = 'done' | 'now' | 'to-come' | 'skipped' | 'not-reached';

const stateWords: Record<StepState, string> = {
  done: 'Done',
  now: 'Now',
  'to-come': 'To come',
  skipped: 'Skipped',
  'not-reached': 'Not reached',
};

const outcomeWords = { escalated: 'Escalated', resolved: 'Resolved', withdrawn: 'Withdrawn' };

// The stylesheet places a cap's bar on rows and lanes it has classes for; a longer ladder or
// more overlapping caps show the caps below the stages instead.
const PLACEABLE_ROWS = 16;
const PLACEABLE_LANES = 3;

export type LadderStep = {
  label: string;
  who: string;
  state: StepState;
  stateText: string;
  /** How a done stage ended: "Escalated", "Resolved". */
  outcome: string | null;
  /** Its own timescale when the caps over it are drawn beside it, else with theirs in words. */
  timescale: string;
  startedAt: string;
  dueAt: string;
  endedAt: string;
  overdue: boolean;
  /** For a stage to come: the earliest end of a cap over it, which it cannot go past. */
  latestBy: string;
};

export type StageLadder = {
  pathwayName: string;
  steps: LadderStep[];
  caps: CapBar[];
  /** How many cap lanes sit beside the stages; 0 when the caps are shown below them. */
  lanes: number;
};

/** The case's ladder as the page draws it: each stage's state and times, and its caps. */
export function stageLadder(view: CaseView): StageLadder {
  const { disagreement, rules } = view;
  const when = (instant: Temporal.Instant) => formatInstant(instant, rules.calendar.timeZone);
  const iso = (value: string | null) => (value ? when(Temporal.Instant.from(value)) : '');
  const times = caseTimes(disagreement, rules);
  const bars = capBarsOf(view, capsOnLadder(view), times);
  const lanes = Math.max(0, ...bars.map((bar) => bar.lane));
  const placed = rules.ladder.stages.length <= PLACEABLE_ROWS && lanes <= PLACEABLE_LANES;

  const steps = rules.ladder.stages.map((stage): LadderStep => {
    const entered = disagreement.stages.filter((each) => each.key === stage.key).at(-1);
    const state = stepState(disagreement, entered, stage, view);
    const capsOver = capsCovering(rules.protocol, stage.key, {
      pathwayId: rules.ladder.pathwayId,
      urgent: disagreement.urgent,
    });
    const capEnds = capsOver
      .map((cap) => capLimit(times, cap)?.dueAt)
      .filter((dueAt) => dueAt !== undefined)
      .sort(Temporal.Instant.compare);
    return {
      label: stageLabel(rules, stage),
      who: stage.who,
      state,
      stateText: stateWords[state],
      outcome:
        state === 'done' && entered
          ? entered.outcome
            ? outcomeWords[entered.outcome]
            : 'Ended'
          : null,
      timescale:
        placed && capsOver.length > 0
          ? (amountInWords(stage.timescale) ??
            `within the ${capsOver.length === 1 ? 'limit' : 'limits'} beside it`)
          : timescaleInWords(rules.protocol, rules.ladder, stage, disagreement),
      startedAt: iso(entered?.startedAt ?? null),
      dueAt: iso(entered?.dueAt ?? null),
      endedAt: iso(entered?.endedAt ?? null),
      overdue:
        state === 'now' &&
        entered?.dueAt != null &&
        Temporal.Instant.compare(entered.dueAt, rules.now) < 0,
      latestBy: state === 'to-come' && capEnds[0] ? when(capEnds[0]) : '',
    };
  });

  return {
    pathwayName: rules.ladder.pathwayName,
    steps,
    caps: bars,
    lanes: placed ? lanes : 0,
  };
}

function stepState(
  disagreement: Disagreement,
  entered: CaseStage | undefined,
  stage: LadderStage,
  { rules }: CaseView,
): StepState {
  const open = disagreement.status === 'open';
  if (entered) return entered.endedAt === null && open ? 'now' : 'done';
  const passedOver = disagreement.stages.some(
    (other) => (stageOf(rules.ladder, other.key)?.position ?? -1) > stage.position,
  );
  if (passedOver) return 'skipped';
  return open ? 'to-come' : 'not-reached';
}
