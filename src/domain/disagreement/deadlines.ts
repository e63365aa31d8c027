import { afterHours, afterWorkingDays, type Reckoning } from '../calendar/dueTime.ts';
import { formatInstant } from '../calendar/formatting.ts';
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import { capsCovering, type Ladder, type LadderStage, stageOf } from '../protocol/ladder.ts';
import type { Protocol, ProtocolCap, Timescale } from '../protocol/protocolSchema.ts';

/** When each stage of a case started (the first starts when the disagreement was raised). */
export type StageStart = { key: string; startedAt: Temporal.Instant };

export type CaseTimes = {
  protocol: Protocol;
  ladder: Ladder;
  raisedAt: Temporal.Instant;
  /** The raiser said a child is at immediate risk: the urgent route's caps apply too (not when left out). */
  urgent?: boolean;
  /** Stages entered so far, in order; a stage entered twice counts from its first entry for caps. */
  stages: readonly StageStart[];
  /** A child-protective deadline in force on the case, if any. */
  childDeadline?: Temporal.Instant | null;
  calendar: WorkingCalendar;
};

export type DuePart = {
  kind: 'stage' | 'cap' | 'child-deadline';
  dueAt: Temporal.Instant;
  /** A sentence fragment: "5 working days from Monday 2 November 2026: by 5pm on Monday 9 November 2026". */
  text: string;
};

export type StageDue = {
  /** The effective due instant: the earliest of the parts, or null when nothing sets one. */
  dueAt: Temporal.Instant | null;
  /** Plain English for the page, led by the part that sets the due time. */
  explanation: string;
  /** Every limit that applies, earliest first. */
  parts: DuePart[];
  /** The stage's own timescale, when it was for something that has happened and so is met. */
  met: string | null;
};

/**
 * The effective due time of a stage that starts (or started) at `startedAt`:
 * the earliest of its own timescale, every cap over it, and the child-protective
 * deadline (protocols.md §2).
 */
export function stageDue(
  times: CaseTimes,
  stageKey: string,
  startedAt: Temporal.Instant,
  options: { ownTimescaleMet?: boolean } = {},
): StageDue {
  const stage = stageOf(times.ladder, stageKey);
  if (!stage)
    throw new RangeError(`stage "${stageKey}" is not on the ${times.ladder.pathwayId} pathway`);
  const { calendar } = times;
  const parts: DuePart[] = [];

  // A timescale for something other than the stage's end (Lincolnshire 4a: the meeting date set
  // within 24 hours) stops counting once that has happened.
  const own = reckon(calendar, stage.timescale, startedAt);
  const what = stage.timescale.describes ? `, ${stage.timescale.describes}` : '';
  const met = own && options.ownTimescaleMet ? `${capitalise(own.span)}${what}: met` : null;
  if (own && !met) {
    parts.push({ kind: 'stage', dueAt: own.dueAt, text: `${own.span}${what}: by ${own.by}` });
  }

  for (const cap of capsCovering(times.protocol, stageKey, {
    pathwayId: times.ladder.pathwayId,
    urgent: times.urgent ?? false,
  })) {
    const anchor = capAnchor(times, cap.from, stageKey, startedAt);
    if (!anchor) continue;
    const limit = reckon(calendar, cap.timescale, anchor.at, anchor.label);
    if (limit) {
      parts.push({
        kind: 'cap',
        dueAt: limit.dueAt,
        text: `${limit.span}, the limit for ${cap.name}: by ${limit.by}`,
      });
    }
  }

  if (times.childDeadline) {
    parts.push({
      kind: 'child-deadline',
      dueAt: times.childDeadline,
      text: `the deadline set on the case to protect the child: by ${formatInstant(times.childDeadline, calendar.timeZone)}`,
    });
  }

  // Stable sort: on a tie the stage's own timescale leads, then caps, then the child's deadline.
  parts.sort((a, b) => Temporal.Instant.compare(a.dueAt, b.dueAt));
  const earliest = parts[0];
  return {
    dueAt: earliest?.dueAt ?? null,
    explanation: earliest ? capitalise(earliest.text) : 'No set timescale',
    parts,
    met,
  };
}

/** A cap's limit on one case: when it ends, and the start it counts from. */
export type CapLimit = { dueAt: Temporal.Instant; from: string };

/**
 * When a cap over a case's stages ends, counted as stageDue counts it; undefined while the
 * stage it counts from has not started (a cap from raising always has its end).
 */
export function capLimit(times: CaseTimes, cap: ProtocolCap): CapLimit | undefined {
  const covered = times.stages.find((stage) => cap.stages.includes(stage.key));
  if (!covered && cap.from !== 'raised') return undefined;
  const anchor = capAnchor(
    times,
    cap.from,
    covered?.key ?? cap.from,
    covered?.startedAt ?? times.raisedAt,
  );
  const limit = anchor && reckon(times.calendar, cap.timescale, anchor.at, anchor.label);
  return limit && anchor && { dueAt: limit.dueAt, from: anchor.label };
}

function reckon(
  calendar: WorkingCalendar,
  timescale: Timescale,
  from: Temporal.Instant,
  fromLabel?: string,
): Reckoning | undefined {
  if (timescale.unit === 'none' || timescale.amount === undefined) return undefined;
  return timescale.unit === 'workingDays'
    ? afterWorkingDays(calendar, from, timescale.amount, fromLabel)
    : afterHours(from, timescale.amount, calendar.timeZone, fromLabel);
}

/**
 * Where a cap counts from: when the disagreement was raised, or when its anchor stage
 * started. If a jump skipped the anchor, the cap counts from the first stage at or after
 * it that did start, so a skipped stage never lifts the limit.
 */
function capAnchor(
  times: CaseTimes,
  from: string,
  stageKey: string,
  startedAt: Temporal.Instant,
): { at: Temporal.Instant; label: string } | undefined {
  if (from === 'raised') return { at: times.raisedAt, label: 'when the disagreement was raised' };
  const anchor = stageOf(times.ladder, from);
  if (!anchor) return undefined;
  const entered = times.stages.some((stage) => stage.key === stageKey)
    ? times.stages
    : [...times.stages, { key: stageKey, startedAt }];
  const started = entered
    .map((stage) => ({ ...stage, position: stageOf(times.ladder, stage.key)?.position ?? -1 }))
    .filter((stage) => stage.position >= anchor.position)
    .sort((a, b) => Temporal.Instant.compare(a.startedAt, b.startedAt));
  const first = started.find((stage) => stage.key === from) ?? started[0];
  const firstStage = first && stageOf(times.ladder, first.key);
  if (!first || !firstStage) return undefined;
  return { at: first.startedAt, label: `the start of ${stageName(times.protocol, firstStage)}` };
}

function stageName(protocol: Protocol, stage: LadderStage): string {
  return stage.number ? `${protocol.terms.stage} ${stage.number}` : `"${stage.name}"`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
