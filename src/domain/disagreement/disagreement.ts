import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import { isoInstant } from '../clock.ts';
import { escalationTargets, type Ladder, type LadderStage, stageOf } from '../protocol/ladder.ts';
import type { Protocol } from '../protocol/protocolSchema.ts';
import type {
  CaseStage,
  ChildDeadline,
  Disagreement,
  DueReasons,
  Meeting,
} from './caseDocument.ts';
import { type CaseTimes, type StageDue, stageDue } from './deadlines.ts';

/**
 * A disagreement (a case): what can be asked of it. Its shape is caseDocument.ts; what can be
 * done to it is actions/, one command each. Instants are ISO 8601 UTC strings.
 */

export type {
  AgreedAction,
  CaseRecord,
  CaseStage,
  CaseStatus,
  Child,
  ChildDeadline,
  Disagreement,
  DueReasons,
  Family,
  HistoryEntry,
  HistoryKind,
  Lesson,
  Meeting,
  Resolution,
  StageOutcome,
} from './caseDocument.ts';
export { caseStatuses, historyKinds, stageOutcomes } from './caseDocument.ts';

/** What the protocol and the partnership's calendar say, and the time now. */
export type CaseRules = {
  protocol: Protocol;
  ladder: Ladder;
  calendar: WorkingCalendar;
  now: Temporal.Instant;
};

const instant = (iso: string) => Temporal.Instant.from(iso);
const compare = (a: string, b: string) => Temporal.Instant.compare(instant(a), instant(b));

export function currentStage(disagreement: Disagreement): CaseStage | null {
  const last = disagreement.stages.at(-1);
  return last && last.endedAt === null ? last : null;
}

export function partyAgencyIds(disagreement: Disagreement): string[] {
  return [disagreement.raiserAgencyId, ...disagreement.otherAgencyIds];
}

export function isOverdue(disagreement: Disagreement, now: Temporal.Instant): boolean {
  const stage = currentStage(disagreement);
  return (
    disagreement.status === 'open' &&
    stage?.dueAt != null &&
    Temporal.Instant.compare(instant(stage.dueAt), now) < 0
  );
}

/** False while the case has only been at stages inside the raising agency (East Riding stage 1). */
export function otherSideCanSee(disagreement: Disagreement, ladder: Ladder): boolean {
  return disagreement.stages.some((stage) => stageOf(ladder, stage.key)?.sides !== 'raising');
}

/** The stage in force at an instant: the last one started at or before it. */
export function stageInForceAt(disagreement: Disagreement, at: string): CaseStage {
  const started = disagreement.stages.filter((stage) => compare(stage.startedAt, at) <= 0);
  return started.at(-1) ?? (disagreement.stages[0] as CaseStage);
}

/** Where the case could go from its current stage: the next stage and any allowed jump. */
export function nextStages(disagreement: Disagreement, rules: CaseRules): LadderStage[] {
  const stage = currentStage(disagreement);
  return stage && disagreement.status === 'open' ? escalationTargets(rules.ladder, stage.key) : [];
}

/** The party agencies whose confirmation the proposed outcome still needs. */
export function awaitingConfirmationFrom(disagreement: Disagreement): string[] {
  const resolution = disagreement.resolution;
  if (!resolution || disagreement.status !== 'open') return [];
  const confirmed = new Set(resolution.confirmations.map((c) => c.agencyId));
  return partyAgencyIds(disagreement).filter(
    (agencyId) => agencyId !== resolution.proposedByAgencyId && !confirmed.has(agencyId),
  );
}

/** The meeting of the current stage entry, if one was arranged. */
export function currentMeeting(disagreement: Disagreement): Meeting | undefined {
  const index = disagreement.stages.length - 1;
  return disagreement.meetings.find((meeting) => meeting.stageIndex === index);
}

/** Whether the protocol says a meeting's minutes are kept: its stage's chairedMeeting.minuted. */
export function isMinuted(meeting: Meeting, ladder: Ladder): boolean {
  return stageOf(ladder, meeting.stageKey)?.onEntry.chairedMeeting?.minuted ?? true;
}

/**
 * The current stage's meeting when it has begun and its minutes are still to be recorded,
 * where the protocol says the meeting is minuted (Lincolnshire 4a: "a chaired and minuted
 * meeting... the resolution is agreed and recorded at the meeting").
 */
export function minutesAwaited(
  disagreement: Disagreement,
  rules: Pick<CaseRules, 'ladder' | 'now'>,
): Meeting | undefined {
  const meeting = currentMeeting(disagreement);
  if (!meeting || disagreement.status !== 'open' || meeting.minutes) return undefined;
  if (!isMinuted(meeting, rules.ladder)) return undefined;
  return Temporal.Instant.compare(instant(meeting.startsAt), rules.now) <= 0 ? meeting : undefined;
}

/**
 * The effective due time of a stage entered at `startedAt`, with its explanation, worked out
 * now. Stored stages keep what was worked out when they were set (dueReasons): read those,
 * and use this only to set them, or to say when a stage not yet entered would be due.
 */
export function dueOf(
  disagreement: Disagreement,
  rules: CaseRules,
  stageKey: string,
  startedAt: string,
  childDeadline: ChildDeadline | null = disagreement.childDeadline,
): StageDue {
  return stageDue(caseTimes(disagreement, rules, childDeadline), stageKey, instant(startedAt), {
    ownTimescaleMet: meetingMetTimescale(disagreement, rules, stageKey),
  });
}

/** What the case's due times are counted from: its protocol, calendar and stage starts. */
export function caseTimes(
  disagreement: Disagreement,
  rules: Pick<CaseRules, 'protocol' | 'ladder' | 'calendar'>,
  childDeadline: ChildDeadline | null = disagreement.childDeadline,
): CaseTimes {
  return {
    protocol: rules.protocol,
    ladder: rules.ladder,
    raisedAt: instant(disagreement.raisedAt),
    urgent: disagreement.urgent,
    stages: disagreement.stages.map((stage) => ({
      key: stage.key,
      startedAt: instant(stage.startedAt),
    })),
    childDeadline: childDeadline ? instant(childDeadline.dueAt) : null,
    calendar: rules.calendar,
  };
}

/** A due time as a stage keeps it: the instant and the reasons for it. */
export function storedDue(due: StageDue): { dueAt: string | null; dueReasons: DueReasons } {
  return {
    dueAt: due.dueAt ? isoInstant(due.dueAt) : null,
    dueReasons: {
      explanation: due.explanation,
      parts: due.parts.map((part) => ({
        kind: part.kind,
        dueAt: isoInstant(part.dueAt),
        text: part.text,
      })),
      met: due.met,
    },
  };
}

/** Whether a stage's timescale was for its meeting to be set, and the meeting has been. */
function meetingMetTimescale(
  disagreement: Disagreement,
  rules: CaseRules,
  stageKey: string,
): boolean {
  const stage = stageOf(rules.ladder, stageKey);
  if (!stage?.timescale.describes || !stage.onEntry.chairedMeeting) return false;
  const entry = disagreement.stages.map((entered) => entered.key).lastIndexOf(stageKey);
  return disagreement.meetings.some(
    (meeting) => meeting.stageKey === stageKey && meeting.stageIndex === entry,
  );
}

export function stageLabel(rules: Pick<CaseRules, 'protocol'>, stage: LadderStage | undefined) {
  if (!stage) return 'an unknown stage';
  // A stage's number names it, like a title: "Stage 3", "Step 4a".
  const term =
    rules.protocol.terms.stage.charAt(0).toUpperCase() + rules.protocol.terms.stage.slice(1);
  return stage.number ? `${term} ${stage.number} (${stage.name})` : `“${stage.name}”`;
}
