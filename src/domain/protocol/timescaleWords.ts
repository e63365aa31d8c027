import { listInWords } from '../calendar/formatting.ts';
import { type CapCase, capsCovering, type Ladder, type LadderStage, stageOf } from './ladder.ts';
import type { Protocol, ProtocolCap, Timescale } from './protocolSchema.ts';

/**
 * A stage's timescale in words, as a ladder shows it: its own ("5 working days") followed by
 * every cap over it ("5 working days, and within 15 working days of the start of stage 1 (for
 * stages 1 to 3 together)"), or, for a stage with none of its own, the caps' alone ("within 5
 * working days of raising (for stages 1 to 5 together)"); "No set timescale" only when nothing
 * sets a due time.
 */
export function timescaleInWords(
  protocol: Protocol,
  ladder: Ladder,
  stage: LadderStage,
  on: Pick<CapCase, 'urgent'>,
): string {
  const own = amountInWords(stage.timescale);
  const limits = capsCovering(protocol, stage.key, {
    pathwayId: ladder.pathwayId,
    urgent: on.urgent,
  }).map((cap) => capInWords(protocol, ladder, cap));
  // A cap that may bind is said beside the stage's own timescale: step 6's 14 working days on an
  // urgent route of 24 hours would otherwise read longer than the case really has.
  if (own) return [own, ...limits].join(', and ');
  return limits.length > 0 ? limits.join('; ') : 'No set timescale';
}

/** "5 working days", "24 hours", "1 working day"; nothing for a timescale of none. */
export function amountInWords(timescale: Timescale): string | undefined {
  if (timescale.unit === 'none' || timescale.amount === undefined) return undefined;
  const unit = timescale.unit === 'hours' ? 'hour' : 'working day';
  return `${timescale.amount} ${unit}${timescale.amount === 1 ? '' : 's'}`;
}

/**
 * A cap as a limit on the stages of one ladder: "within 15 working days of the start of
 * stage 1 (for stages 1 to 3 together)".
 */
export function capInWords(protocol: Protocol, ladder: Ladder, cap: ProtocolCap): string {
  const amount = amountInWords(cap.timescale) as string;
  const anchor = stageOf(ladder, cap.from);
  const from =
    cap.from === 'raised'
      ? 'raising'
      : `the start of ${anchor ? stageInWords(protocol, anchor) : `"${cap.from}"`}`;
  const covered = ladder.stages.filter((stage) => cap.stages.includes(stage.key));
  return covered.length > 1
    ? `within ${amount} of ${from} (for ${stagesInWords(protocol, covered)} together)`
    : `within ${amount} of ${from}`;
}

function stageInWords(protocol: Protocol, stage: LadderStage): string {
  return stage.number ? `${protocol.terms.stage} ${stage.number}` : `"${stage.name}"`;
}

/** "stages 1 to 5" for a run of numbered stages, else "stages 1, 3 and 4" or their names. */
function stagesInWords(protocol: Protocol, stages: LadderStage[]): string {
  const term = `${protocol.terms.stage}s`;
  const numbers = stages.map((stage) => stage.number);
  if (numbers.every((number): number is string => number !== null)) {
    const run = stages.every(
      (stage, i) => i === 0 || stage.position === (stages[i - 1] as LadderStage).position + 1,
    );
    return run && stages.length > 2
      ? `${term} ${numbers[0]} to ${numbers.at(-1)}`
      : `${term} ${listInWords(numbers)}`;
  }
  return listInWords(stages.map((stage) => stageInWords(protocol, stage)));
}
