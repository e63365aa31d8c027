import { describeWorkingTimeChange } from '../calendar/describeWorkingTimeChange.ts';
import { formatInstant } from '../calendar/formatting.ts';
import { type WorkingTimeSettings, workingCalendarFor } from '../calendar/workingCalendar.ts';
import type { Ladder } from '../protocol/ladder.ts';
import type { Protocol } from '../protocol/protocolSchema.ts';
import { type StageDue, stageDue } from './deadlines.ts';

export type ProjectedStage = {
  key: string;
  startedAt: Temporal.Instant;
  endedAt: Temporal.Instant | null;
  dueAt: Temporal.Instant | null;
};

export type Reprojection = {
  key: string;
  previousDueAt: Temporal.Instant | null;
  dueAt: Temporal.Instant | null;
  changed: boolean;
  due: StageDue;
  /** Why, for the case's record: the working-time change and what it did to this stage. */
  reason: string;
};

/**
 * New due times for a case's open stages after the partnership changed its
 * calendar or working hours. Ended stages are never re-projected.
 */
export function reproject(input: {
  protocol: Protocol;
  ladder: Ladder;
  raisedAt: Temporal.Instant;
  stages: readonly ProjectedStage[];
  childDeadline?: Temporal.Instant | null;
  before: WorkingTimeSettings;
  after: WorkingTimeSettings;
}): Reprojection[] {
  const calendar = workingCalendarFor(input.after);
  const change = describeWorkingTimeChange(input.before, input.after);
  return input.stages
    .filter((stage) => stage.endedAt === null)
    .map((stage) => {
      const due = stageDue(
        {
          protocol: input.protocol,
          ladder: input.ladder,
          raisedAt: input.raisedAt,
          stages: input.stages,
          childDeadline: input.childDeadline ?? null,
          calendar,
        },
        stage.key,
        stage.startedAt,
      );
      const changed = !sameInstant(stage.dueAt, due.dueAt);
      const effect = changed
        ? `Due time moved from ${describe(stage.dueAt, calendar.timeZone)} to ${describe(due.dueAt, calendar.timeZone)}.`
        : 'Due time unchanged.';
      return {
        key: stage.key,
        previousDueAt: stage.dueAt,
        dueAt: due.dueAt,
        changed,
        due,
        reason: `${change} ${effect}`,
      };
    });
}

function sameInstant(a: Temporal.Instant | null, b: Temporal.Instant | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

function describe(instant: Temporal.Instant | null, timeZone: string): string {
  return instant ? formatInstant(instant, timeZone) : 'no set time';
}
