import type { Meeting } from './caseDocument.ts';

/**
 * What happened to a case, as its commands (actions/) report it: the facts later work reacts
 * to (the messages it causes, the partnership's dashboard), each naming what it is about by
 * id. A command returns the events of its change; the deadline events come from the clock.
 */
export type CaseEvent =
  | { type: 'DisagreementRaised' }
  /** The other agencies may see the case from now on, so they are told of it (East Riding: at stage 2). */
  | { type: 'OtherAgenciesInvolved' }
  | { type: 'StageEntered'; stageIndex: number }
  | { type: 'MonitoringStageReached'; stageIndex: number }
  | { type: 'DiscussionRecorded'; recordId: string }
  | { type: 'OutcomeProposed'; proposalId: string }
  | { type: 'OutcomeConfirmed'; agencyId: string }
  | { type: 'OutcomeRejected'; proposalId: string }
  | { type: 'DisagreementResolved' }
  | { type: 'DisagreementWithdrawn'; otherAgenciesKnew: boolean }
  | { type: 'DisagreementClosed'; lessons: number }
  | { type: 'ChildDeadlineSet' }
  | { type: 'ChildDeadlineCleared' }
  | { type: 'ActionAdded'; actionId: string }
  | { type: 'ActionCompleted'; actionId: string }
  /** `previous` is the meeting as it was before it was moved, if it was. */
  | { type: 'MeetingArranged'; meetingId: string; previous: Meeting | null }
  | { type: 'MinutesRecorded'; meetingId: string }
  | { type: 'NextLevelTold'; personIds: string[] }
  /** The partnership team was told of the case now, at whatever stage (its monitoring inbox). */
  | { type: 'PartnershipTold' }
  | { type: 'InboxAcknowledged' }
  | { type: 'LessonReferred'; lessonId: string }
  | { type: 'DueTimeReprojected'; stageIndex: number; before: string | null }
  // The clock's events: a deadline's reminder or overdue prompt falls due. `occurrence` says
  // which one ("reminder", "overdue-2026-12-01"), so each is acted on once.
  | { type: 'StageReminderDue'; stageIndex: number; occurrence: string }
  | { type: 'StageOverdue'; stageIndex: number; occurrence: string }
  | { type: 'ActionReminderDue'; actionId: string; occurrence: string }
  | { type: 'ActionOverdue'; actionId: string; occurrence: string };

export type CaseEventType = CaseEvent['type'];
export type EventOf<Type extends CaseEventType> = Extract<CaseEvent, { type: Type }>;
