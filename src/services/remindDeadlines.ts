import type { Database } from '../db/database.ts';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import type { CaseEvent } from '../domain/disagreement/caseEvents.ts';
import { currentStage, type Disagreement } from '../domain/disagreement/disagreement.ts';
import { overduePromptDue, reminderDue } from '../domain/disagreement/reminders.ts';
import { type LoadedRules, rulesCache } from './caseRules.ts';
import {
  type CaseChange,
  messageDirectories,
  queueCaseMessages,
} from './messages/queueMessages.ts';

/** How far ahead to look for stages and actions whose reminder may be due. */
const LOOK_AHEAD_DAYS = 31;

type Deps = { database: Database; clock: Clock; baseUrl?: string };

/**
 * The clock's events due now (issue 6): a stage's reminder before it is due; once it is
 * overdue, its prompts (and the next level's alert) at the due time and each working day at
 * 9am; the same for agreed actions. Each occurrence has its own key in the outbox, so any
 * number of instances may run this at once: a message is queued once, and sent once.
 */
export async function remindDeadlines(
  deps: Deps,
): Promise<{ queued: number; failed: { id: string; error: string }[] }> {
  const now = deps.clock.now();
  const horizon = isoInstant(now.add({ hours: LOOK_AHEAD_DAYS * 24 }));
  const db = deps.database.db;
  const cases = await disagreementRepository(db).withDeadlinesBefore(horizon);
  const rulesOf = rulesCache(db, now);
  const directories = messageDirectories(db, { wholePartnerships: true });
  const changes: CaseChange[] = [];
  const failed: { id: string; error: string }[] = [];
  for (const disagreement of cases) {
    // One case that cannot be worked out (its protocol unreadable, a date beyond the calendar)
    // must not stop every other case's reminders.
    try {
      const rules = await rulesOf(disagreement);
      const events = deadlineEventsOf(disagreement, rules, now);
      if (events.length > 0) changes.push({ disagreement, rules, events, actorId: null });
    } catch (error) {
      failed.push({ id: disagreement.id, error: String((error as Error).message ?? error) });
    }
  }
  const queued = await queueCaseMessages(db, deps, changes, directories);
  return { queued, failed };
}

/** The deadline events of one case that fall due at `now`. */
export function deadlineEventsOf(
  disagreement: Disagreement,
  rules: LoadedRules,
  now: Temporal.Instant,
): CaseEvent[] {
  const events: CaseEvent[] = [];
  // No action can be taken on a purged case (runCaseAction refuses): nothing to remind of.
  if (disagreement.purgedAt) return events;
  const ahead = rules.partnership.reminderWorkingDays;
  const stage = disagreement.status === 'open' ? currentStage(disagreement) : null;
  if (stage?.dueAt) {
    const stageIndex = disagreement.stages.length - 1;
    const dueAt = Temporal.Instant.from(stage.dueAt);
    const startedAt = Temporal.Instant.from(stage.startedAt);
    const reminder = reminderDue(rules.calendar, { startedAt, dueAt }, now, ahead);
    if (reminder) {
      events.push({ type: 'StageReminderDue', stageIndex, occurrence: reminder.key });
    }
    const overdue = overduePromptDue(rules.calendar, dueAt, now);
    if (overdue) events.push({ type: 'StageOverdue', stageIndex, occurrence: overdue.key });
  }
  if (disagreement.status === 'open' || disagreement.status === 'resolved') {
    for (const action of disagreement.actions) {
      if (action.completedAt) continue;
      const dueAt = Temporal.Instant.from(action.dueAt);
      const startedAt = Temporal.Instant.from(action.createdAt);
      const reminder = reminderDue(rules.calendar, { startedAt, dueAt }, now, ahead);
      if (reminder) {
        events.push({ type: 'ActionReminderDue', actionId: action.id, occurrence: reminder.key });
      }
      const overdue = overduePromptDue(rules.calendar, dueAt, now);
      if (overdue) {
        events.push({ type: 'ActionOverdue', actionId: action.id, occurrence: overdue.key });
      }
    }
  }
  return events;
}
