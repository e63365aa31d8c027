import { formatInstant } from '../../../domain/calendar/formatting.ts';
import { relativeDue } from '../../../domain/calendar/relativeDue.ts';
import { type CaseTimes, capLimit } from '../../../domain/disagreement/deadlines.ts';
import { currentStage } from '../../../domain/disagreement/disagreement.ts';
import { capsCovering, stageOf } from '../../../domain/protocol/ladder.ts';
import type { ProtocolCap } from '../../../domain/protocol/protocolSchema.ts';
import { amountInWords } from '../../../domain/protocol/timescaleWords.ts';
import type { CaseView } from '../../../services/readDisagreements.ts';

/** Where a case stands against a cap: its clock runs, has run out, or was kept to. */
export type CapState = 'to-come' | 'running' | 'passed' | 'kept' | 'not-reached';

const stateWords: Record<CapState, string> = {
  'to-come': 'To come',
  running: 'Running',
  passed: 'Passed',
  kept: 'Kept to',
  'not-reached': 'Not reached',
};

/** A cap drawn as a bar beside the stages it covers, labelled in words. */
export type CapBar = {
  /** "Limit for stages 1 to 3 together". */
  name: string;
  /** "15 working days": the bar's short label on a phone. */
  amount: string;
  /** "15 working days from the start of stage 1". */
  limit: string;
  /** "5pm on Friday 18 December 2026"; empty until the stage it counts from starts. */
  dueAt: string;
  state: CapState;
  stateText: string;
  /** "Ends in 4 working days", "Overdue by 2 working days", "Counts from the start of stage 1". */
  note: string;
  /** The ladder rows (from 1) the bar spans, and the lane (from 1) beside the stages it sits in. */
  firstRow: number;
  rows: number;
  lane: number;
};

/** Every cap over a stage of the case's ladder, once each, in the protocol's order. */
export function capsOnLadder({ disagreement, rules }: CaseView): ProtocolCap[] {
  const on = { pathwayId: rules.ladder.pathwayId, urgent: disagreement.urgent };
  return [
    ...new Set(rules.ladder.stages.flatMap((stage) => capsCovering(rules.protocol, stage.key, on))),
  ];
}

/** Each cap as a bar: its limit for this case, how the case stands, and where it is drawn. */
export function capBarsOf(view: CaseView, caps: ProtocolCap[], times: CaseTimes): CapBar[] {
  const lanesEnd: number[] = [];
  return caps
    .map((cap) => {
      const positions = view.rules.ladder.stages
        .filter((stage) => cap.stages.includes(stage.key))
        .map((stage) => stage.position);
      return { cap, first: Math.min(...positions), last: Math.max(...positions) };
    })
    .sort((a, b) => a.first - b.first)
    .map(({ cap, first, last }) => {
      // Caps whose stages overlap sit in lanes side by side.
      let lane = lanesEnd.findIndex((end) => end < first);
      if (lane === -1) lane = lanesEnd.push(last) - 1;
      else lanesEnd[lane] = last;
      return {
        ...capInWords(view, cap, times),
        firstRow: first + 1,
        rows: last - first + 1,
        lane: lane + 1,
      };
    });
}

function capInWords(view: CaseView, cap: ProtocolCap, times: CaseTimes) {
  const { rules } = view;
  const limit = capLimit(times, cap);
  const anchor = stageOf(rules.ladder, cap.from);
  const from =
    cap.from === 'raised'
      ? 'raising'
      : (limit?.from ??
        `the start of ${anchor?.number ? `${rules.protocol.terms.stage} ${anchor.number}` : `“${anchor?.name ?? cap.from}”`}`);
  const { state, note } = capStanding(view, cap, limit?.dueAt, from);
  const amount = amountInWords(cap.timescale) as string;
  return {
    name: `Limit for ${cap.name}`,
    amount,
    limit: `${amount} from ${from}`,
    dueAt: limit ? formatInstant(limit.dueAt, rules.calendar.timeZone) : '',
    state,
    stateText: stateWords[state],
    note,
  };
}

function capStanding(
  { disagreement, rules }: CaseView,
  cap: ProtocolCap,
  dueAt: Temporal.Instant | undefined,
  from: string,
): { state: CapState; note: string } {
  const open = disagreement.status === 'open';
  if (!dueAt) return open ? { state: 'to-come', note: `Counts from ${from}` } : notReached;
  const relative = relativeDue(rules.calendar, dueAt, rules.now);
  const current = currentStage(disagreement);
  const covered = disagreement.stages.filter((stage) => cap.stages.includes(stage.key));
  const runningNow = open && current !== null && cap.stages.includes(current.key);
  if (runningNow || (open && covered.length === 0)) {
    if (relative.overdue) return { state: 'passed', note: sentence(relative.words) };
    return { state: runningNow ? 'running' : 'to-come', note: `Ends ${relative.words}` };
  }
  if (covered.length === 0) return notReached;
  const ended = covered
    .map((stage) => stage.endedAt)
    .filter((at) => at !== null)
    .sort(Temporal.Instant.compare)
    .at(-1);
  if (!ended) return notReached;
  return Temporal.Instant.compare(ended, dueAt) <= 0
    ? { state: 'kept', note: 'Its stages ended within it' }
    : { state: 'passed', note: 'Its stages ended after it' };
}

const notReached = { state: 'not-reached', note: '' } as const;

function sentence(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
