import type { Database } from '../db/database.ts';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { outboxRepository, type QueuedMessage } from '../db/repositories/outboxRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { formatInstant, listInWords } from '../domain/calendar/formatting.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import type { Person } from '../domain/directory/directory.ts';
import { stagePeople, whoMayHear } from '../domain/directory/stagePeople.ts';
import {
  currentStage,
  type Disagreement,
  nextStages,
  otherSideCanSee,
  stageLabel,
} from '../domain/disagreement/disagreement.ts';
import {
  type Occurrence,
  overduePromptDue,
  reminderDue,
} from '../domain/disagreement/reminders.ts';
import { stageOf } from '../domain/protocol/ladder.ts';
import { caseFacts, deadlineMessages, type Message } from '../notify/messages.ts';
import { DEFAULT_BASE_URL } from './caseDeps.ts';
import { type LoadedRules, rulesCache } from './caseRules.ts';

/** How far ahead to look for stages and actions whose reminder may be due. */
const LOOK_AHEAD_DAYS = 31;

type Deps = { database: Database; clock: Clock; baseUrl?: string };

/**
 * Queues the deadline messages due now (issue 6): a reminder before a stage is due; once it is
 * overdue, a prompt to the stage's people and an alert to the next level's, at the due time and
 * each working day at 9am; the same for agreed actions, to their owners. Each occurrence has
 * its own key in the outbox, so any number of instances may run this at once: a message is
 * queued once, and the dispatcher sends it once.
 */
export async function remindDeadlines(
  deps: Deps,
): Promise<{ queued: number; failed: { id: string; error: string }[] }> {
  const now = deps.clock.now();
  const horizon = isoInstant(now.add({ hours: LOOK_AHEAD_DAYS * 24 }));
  const db = deps.database.db;
  const cases = await disagreementRepository(db).withDeadlinesBefore(horizon);
  const rulesOf = rulesCache(db, now);
  type Directory = { people: Person[]; onCall: string[]; agencyName: (id: string) => string };
  const directories = new Map<string, Promise<Directory>>();
  const directoryOf = (partnershipId: string): Promise<Directory> => {
    let found = directories.get(partnershipId);
    if (!found) {
      found = (async () => {
        const people = await peopleRepository(db).inPartnership(partnershipId);
        const organisations = organisationRepository(db);
        const agencies = await organisations.agencies(partnershipId);
        const onCall = await organisations.onCallContacts(partnershipId);
        return {
          people,
          onCall: onCall.map((contact) => `${contact.name}, ${contact.telephone}`),
          agencyName: (id: string) =>
            agencies.find((agency) => agency.id === id)?.name ?? 'an agency',
        };
      })();
      directories.set(partnershipId, found);
    }
    return found;
  };
  const queued: QueuedMessage[] = [];

  const failed: { id: string; error: string }[] = [];
  for (const disagreement of cases) {
    // One case that cannot be worked out (its protocol unreadable, a date beyond the calendar)
    // must not stop every other case's reminders.
    try {
      const rules = await rulesOf(disagreement);
      const { people, onCall, agencyName } = await directoryOf(disagreement.partnershipId);
      queued.push(
        ...deadlineMessagesFor(
          disagreement,
          rules,
          people,
          onCall,
          agencyName,
          now,
          deps.baseUrl ?? DEFAULT_BASE_URL,
        ),
      );
    } catch (error) {
      failed.push({ id: disagreement.id, error: String((error as Error).message ?? error) });
    }
  }
  await outboxRepository(db).enqueue(queued, isoInstant(now));
  return { queued: queued.length, failed };
}

function deadlineMessagesFor(
  disagreement: Disagreement,
  rules: LoadedRules,
  people: Person[],
  onCall: string[],
  agencyName: (id: string) => string,
  now: Temporal.Instant,
  baseUrl: string,
): QueuedMessage[] {
  const zone = rules.calendar.timeZone;
  const words = (instant: Temporal.Instant | string) =>
    formatInstant(typeof instant === 'string' ? Temporal.Instant.from(instant) : instant, zone);
  const facts = caseFacts(disagreement, agencyName, baseUrl);
  // Out of hours, where the protocol has an on-call route, the prompts carry it (protocols.md §2).
  const outOfHours =
    rules.protocol.outOfHours && !rules.calendar.isWorkingTime(now)
      ? `${rules.protocol.outOfHours.route}${onCall.length > 0 ? ` On call: ${onCall.join('; ')}.` : ''}`
      : null;
  const queued: QueuedMessage[] = [];
  const queue = (
    scope: string,
    occurrence: Occurrence,
    to: Person[],
    message: Message,
    kind: string,
  ) => {
    const seen = new Set<string>();
    for (const person of to) {
      if (!person.active || seen.has(person.email)) continue;
      seen.add(person.email);
      queued.push({
        kind,
        dedupeKey: `${disagreement.id}:${scope}:${occurrence.key}:${person.email}`,
        partnershipId: disagreement.partnershipId,
        disagreementId: disagreement.id,
        personId: person.id,
        recipient: person.email,
        // A reminder may wait for the morning summary; an overdue prompt or alert never does.
        digestible: kind === 'stageReminder' || kind === 'actionReminder',
        ...message,
      });
    }
  };

  const stage = disagreement.status === 'open' ? currentStage(disagreement) : null;
  const ladderStage = stage && stageOf(rules.ladder, stage.key);
  if (stage?.dueAt && ladderStage) {
    const scope = `stage-${disagreement.stages.length - 1}`;
    const dueAt = Temporal.Instant.from(stage.dueAt);
    const atStage = stagePeople(disagreement, ladderStage, people).flatMap((side) => side.people);
    const label = stageLabel(rules, ladderStage);
    const reminder = reminderDue(
      rules.calendar,
      { startedAt: Temporal.Instant.from(stage.startedAt), dueAt },
      now,
      rules.partnership.reminderWorkingDays,
    );
    if (reminder) {
      queue(
        scope,
        reminder,
        atStage,
        deadlineMessages.stageReminder({ ...facts, stage: label, dueText: words(dueAt) }),
        'stageReminder',
      );
    }
    const overdue = overduePromptDue(rules.calendar, dueAt, now);
    if (overdue) {
      const next = nextStages(disagreement, rules)[0];
      const nextLevel = next
        ? whoMayHear(
            stagePeople(disagreement, next, people),
            otherSideCanSee(disagreement, rules.ladder),
          )
        : [];
      queue(
        scope,
        overdue,
        atStage,
        deadlineMessages.stageOverdue({
          ...facts,
          stage: label,
          dueText: words(dueAt),
          nextLevel:
            nextLevel.length > 0 ? listInWords(nextLevel.map((person) => person.name)) : null,
          outOfHours,
        }),
        'stageOverdue',
      );
      if (next) {
        queue(
          `${scope}-next-level`,
          overdue,
          nextLevel,
          deadlineMessages.nextLevelAlert({
            ...facts,
            stage: label,
            dueText: words(dueAt),
            nextStage: stageLabel(rules, next),
            outOfHours,
          }),
          'nextLevelAlert',
        );
      }
    }
  }

  if (disagreement.status === 'open' || disagreement.status === 'resolved') {
    for (const action of disagreement.actions) {
      if (action.completedAt) continue;
      const owner = people.filter((person) => person.id === action.ownerId);
      const dueAt = Temporal.Instant.from(action.dueAt);
      const scope = `action-${action.id}`;
      const createdAt = Temporal.Instant.from(action.createdAt ?? disagreement.createdAt);
      const reminder = reminderDue(
        rules.calendar,
        { startedAt: createdAt, dueAt },
        now,
        rules.partnership.reminderWorkingDays,
      );
      if (reminder) {
        queue(
          scope,
          reminder,
          owner,
          deadlineMessages.actionReminder({ ...facts, dueText: words(dueAt) }),
          'actionReminder',
        );
      }
      const overdue = overduePromptDue(rules.calendar, dueAt, now);
      if (overdue) {
        queue(
          scope,
          overdue,
          owner,
          deadlineMessages.actionOverdue({ ...facts, dueText: words(dueAt) }),
          'actionOverdue',
        );
      }
    }
  }
  return queued;
}
