import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { caseReads } from '../db/repositories/caseReads.ts';
import { type HeldMessage, outboxRepository } from '../db/repositories/outboxRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { actorOf } from '../domain/access/can.ts';
import { formatDate } from '../domain/calendar/formatting.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import type { Person } from '../domain/directory/directory.ts';
import { digestMessage } from '../notify/messages.ts';
import { visibilityOf } from './caseAccess.ts';
import { calendarOf } from './caseRules.ts';
import { queueDigest } from './messages/queueMessages.ts';

/**
 * For people who asked for one, their held routine messages go as one summary early in each
 * working day, once a day. Each person's held messages are locked while a summary is made of them, so
 * two instances never put one message in two summaries.
 */
export const DIGEST_MINUTES_AFTER_START = 30;

/**
 * Held messages wait up to a few days: what the person may no longer hear of by then (they left,
 * or moved from the agency a case is about) is dropped, not summarised.
 */
async function stillForThem(
  db: Kysely<DatabaseSchema>,
  person: Person,
  held: readonly HeldMessage[],
  now: Temporal.Instant,
): Promise<HeldMessage[]> {
  const caseIds = [
    ...new Set(held.flatMap((message) => (message.disagreementId ? [message.disagreementId] : []))),
  ];
  const visible =
    person.active && caseIds.length > 0
      ? await caseReads(db).visibleAmong(await visibilityOf(db, actorOf(person)), caseIds)
      : new Set<string>();
  const kept = held.filter(
    (message) =>
      person.active && (message.disagreementId === null || visible.has(message.disagreementId)),
  );
  await outboxRepository(db).drop(
    { ids: held.filter((message) => !kept.includes(message)).map((message) => message.id) },
    isoInstant(now),
  );
  return kept;
}

export async function sendDigests(deps: {
  database: Database;
  clock: Clock;
}): Promise<{ digests: number }> {
  const now = deps.clock.now();
  const db = deps.database.db;
  let digests = 0;
  for (const personId of await outboxRepository(db).peopleWithHeldMessages()) {
    const person = await peopleRepository(db).get(personId);
    if (!person?.partnershipId) continue;
    const partnership = await partnershipRepository(db).get(person.partnershipId);
    if (!partnership) continue;
    const calendar = calendarOf(partnership);
    const today = calendar.localDate(now);
    // Half an hour into the working day, so the day's 9am reminders are in it.
    const sendAt = calendar.startOfWorkingDay(today).add({ minutes: DIGEST_MINUTES_AFTER_START });
    if (!calendar.isWorkingDay(today) || Temporal.Instant.compare(now, sendAt) < 0) continue;
    await db.transaction().execute(async (trx) => {
      const outbox = outboxRepository(trx);
      const held = await stillForThem(trx, person, await outbox.takeHeld(personId), now);
      if (held.length === 0) return;
      const message = digestMessage(formatDate(today), held);
      const queued = await queueDigest(trx, deps, { person, day: today, message });
      if (!queued) return;
      await outbox.markDigested(
        held.map((entry) => entry.id),
        isoInstant(now),
      );
      digests++;
    });
  }
  return { digests };
}
