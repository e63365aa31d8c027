import type { CaseEvent } from '../../domain/disagreement/caseEvents.ts';
import {
  actionOverdue,
  actionReminderDue,
  stageOverdue,
  stageReminderDue,
} from './deadlineReminders.ts';
import { meetingArranged } from './meetingArranged.ts';
import type {
  MessageFacts,
  MessageHandler,
  MessageHandlers,
  MessageIntent,
} from './messageIntent.ts';
import { monitoringStageReached } from './monitoringStageReached.ts';
import { nextLevelTold } from './nextLevelTold.ts';
import {
  disagreementClosed,
  disagreementResolved,
  disagreementWithdrawn,
  outcomeProposed,
} from './outcomeMessages.ts';
import { lessonReferred, partnershipTold } from './partnershipMessages.ts';
import { raisedWithOtherAgencies } from './raisedWithOtherAgencies.ts';
import { stageEntered } from './stageEntered.ts';
import { urgentAlert } from './urgentAlert.ts';

/** An event nobody is e-mailed about: it shows on the case's timeline. */
const none: MessageHandler = () => [];

/**
 * The message handler of every event (product.md 8): pure, each in its own file. The type
 * makes a new event name its handler here, even if that handler is `none`.
 */
export const messageHandlers: MessageHandlers = {
  DisagreementRaised: urgentAlert,
  OtherAgenciesInvolved: raisedWithOtherAgencies,
  StageEntered: stageEntered,
  MonitoringStageReached: monitoringStageReached,
  DiscussionRecorded: none,
  OutcomeProposed: outcomeProposed,
  OutcomeConfirmed: none,
  OutcomeRejected: none,
  DisagreementResolved: disagreementResolved,
  DisagreementWithdrawn: disagreementWithdrawn,
  DisagreementClosed: disagreementClosed,
  ChildDeadlineSet: none,
  ChildDeadlineCleared: none,
  ActionAdded: none,
  ActionCompleted: none,
  MeetingArranged: meetingArranged,
  MinutesRecorded: none,
  NextLevelTold: nextLevelTold,
  PartnershipTold: partnershipTold,
  InboxAcknowledged: none,
  LessonReferred: lessonReferred,
  DueTimeReprojected: none,
  StageReminderDue: stageReminderDue,
  StageOverdue: stageOverdue,
  ActionReminderDue: actionReminderDue,
  ActionOverdue: actionOverdue,
};

/** The messages one event calls for. */
export function messagesFor(event: CaseEvent, facts: MessageFacts): MessageIntent[] {
  return (messageHandlers[event.type] as MessageHandler)(event, facts);
}
