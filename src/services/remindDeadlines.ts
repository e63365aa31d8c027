import type { Database } from '../db/database.ts';
import {
  type DeadlineCheck,
  deadlineCheckRepository,
} from '../db/repositories/deadlineCheckRepository.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import type { CaseEvent } from '../domain/disagreement/caseEvents.ts';
import { currentStage, type Disagreement } from '../domain/disagreement/disagreement.ts';
import {
  nextDeadlineCheck,
  overduePromptDue,
  reminderDue,
} from '../domain/disagreement/reminders.ts';
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
): Promise<{ queued: number; checked: number; failed: { id: string; error: string }[] }> {
  const now = deps.clock.now();
  const horizon = isoInstant(now.add({ hours: LOOK_AHEAD_DAYS * 24 }));
  const db = deps.database.db;
  const checks = deadlineCheckRepository(db);
  // Only the cases that changed since the last sweep or whose next message may be due: a case
  // overdue since Monday is looked at once a working day, not every minute.
  const cases = await checks.toCheck(horizon, isoInstant(now));
  const rulesOf = rulesCache(db, now);
  const directories = messageDirectories(db, { wholePartnerships: true });
  const changes: CaseChange[] = [];
  const checked: DeadlineCheck[] = [];
  const failed: { id: string; error: string }[] = [];
  for (const disagreement of cases) {
    // One case that cannot be worked out (its protocol unreadable, a date beyond the calendar)
    // must not stop every other case's reminders; it is looked at again next time.
    try {
      const rules = await rulesOf(disagreement);
      const events = deadlineEventsOf(disagreement, rules, now);
      if (events.length > 0) changes.push({ disagreement, rules, events, actorId: null });
      checked.push({
        disagreementId: disagreement.id,
        version: disagreement.version,
        nextCheckAt: nextCheckOf(disagreement, rules, now),
      });
    } catch (error) {
      failed.push({ id: disagreement.id, error: String((error as Error).message ?? error) });
    }
  }
  // Queued before the checks are kept: a sweep that dies between the two is redone, and the
  // outbox's keys keep what it queued from going twice (as they do when instances race).
  const queued = await queueCaseMessages(db, deps, changes, directories);
  await checks.record(checked);
  return { queued, checked: cases.length, failed };
}

/** Far enough: a case with no deadline ahead is looked at again only once it changes. */
const NEVER = '9999-12-31T23:59:59Z';

/** When the case's deadlines next need looking at: its stage's and its open actions'. */
function nextCheckOf(disagreement: Disagreement, rules: LoadedRules, now: Temporal.Instant) {
  const ahead = rules.partnership.reminderWorkingDays;
  const dues = deadlinesOf(disagreement).map((dueAt) =>
    nextDeadlineCheck(rules.calendar, Temporal.Instant.from(dueAt), now, ahead),
  );
  const next = dues.sort(Temporal.Instant.compare)[0];
  return next ? isoInstant(next) : NEVER;
}

/** The due times whose messages deadlineEventsOf sends: the open stage's, open actions'. */
function deadlinesOf(disagreement: Disagreement): string[] {
  if (disagreement.purgedAt) return [];
  const stage = disagreement.status === 'open' ? currentStage(disagreement) : null;
  const actions =
    disagreement.status === 'open' || disagreement.status === 'resolved'
      ? disagreement.actions.filter((action) => !action.completedAt)
      : [];
  return [...(stage?.dueAt ? [stage.dueAt] : []), ...actions.map((action) => action.dueAt)];
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
