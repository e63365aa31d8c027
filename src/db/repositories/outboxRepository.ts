import { randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { DatabaseSchema } from '../schema.ts';
import { inSlices } from './inSlices.ts';
import { flag } from './rowMapping.ts';

/** A message to send, as a use case queues it in its own transaction. */
export type QueuedMessage = {
  kind: string;
  /** The same key is never queued twice: one event, one message per recipient. */
  dedupeKey: string;
  partnershipId: string | null;
  disagreementId: string | null;
  personId: string | null;
  recipient: string;
  subject: string;
  body: string;
  /** An iCalendar invitation to send with it, if any. */
  calendar?: string | null;
  /** Routine: held for the morning summary when its person asked for one. Never urgent ones. */
  digestible?: boolean;
};

export type HeldMessage = {
  id: string;
  disagreementId: string | null;
  subject: string;
  body: string;
  createdAt: string;
};

export type LeasedMessage = QueuedMessage & { id: string; attempts: number; createdAt: string };

/** A queued message as its row: due at once, untried. */
function rowOf(message: QueuedMessage, at: string, status: 'pending' | 'held') {
  return {
    id: randomUUID(),
    created_at: at,
    kind: message.kind,
    dedupe_key: message.dedupeKey,
    partnership_id: message.partnershipId,
    disagreement_id: message.disagreementId,
    person_id: message.personId,
    recipient: message.recipient,
    subject: message.subject,
    body: message.body,
    calendar: message.calendar ?? null,
    status,
    attempts: 0,
    next_attempt_at: at,
  };
}

/**
 * The transactional outbox. Queuing happens inside the caller's transaction; leasing hands a
 * batch to one dispatcher at a time (PostgreSQL: FOR UPDATE SKIP LOCKED, so instances never
 * wait on each other; SQLite has one writer), and a lease that runs out frees its messages
 * for another dispatcher if the holder died.
 */
export function outboxRepository(db: Kysely<DatabaseSchema>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  async function peopleWhoTakeDigests(personIds: readonly string[]): Promise<Set<string>> {
    if (personIds.length === 0) return new Set();
    const rows = await db
      .selectFrom('notification_preferences')
      .select(['person_id', 'daily_digest'])
      .where('person_id', 'in', [...new Set(personIds)])
      .execute();
    return new Set(rows.filter((row) => flag(row.daily_digest)).map((row) => row.person_id));
  }

  return {
    /** Queues messages whose keys were not queued before; how many were new. */
    async enqueue(messages: readonly QueuedMessage[], at: string): Promise<number> {
      const digestPeople = await peopleWhoTakeDigests(
        messages.filter((m) => m.digestible && m.personId).map((m) => m.personId as string),
      );
      let added = 0;
      // In the order of their keys: two instances queuing the same messages at once then take
      // the keys' locks in one order (PostgreSQL), and neither waits on the other in a cycle.
      const ordered = [...messages].sort((a, b) =>
        a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0,
      );
      for (const slice of inSlices(ordered)) {
        const inserted = await db
          .insertInto('outbox')
          .values(
            slice.map((message) =>
              rowOf(
                message,
                at,
                message.digestible && message.personId && digestPeople.has(message.personId)
                  ? 'held'
                  : 'pending',
              ),
            ),
          )
          .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
          .returning('id')
          .execute();
        added += inserted.length;
      }
      return added;
    },

    /** Up to `limit` messages due now and not held by a live lease, now held by `worker`. */
    async lease(
      worker: string,
      now: string,
      leaseUntil: string,
      limit: number,
    ): Promise<LeasedMessage[]> {
      const due = db
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .orderBy('next_attempt_at')
        .limit(limit);
      const rows = await db
        .updateTable('outbox')
        .set({ leased_by: worker, lease_until: leaseUntil })
        .where('id', 'in', postgres ? due.forUpdate().skipLocked() : due)
        .returningAll()
        .execute();
      return rows.map((row) => ({
        id: row.id,
        attempts: Number(row.attempts),
        createdAt: row.created_at,
        kind: row.kind,
        dedupeKey: row.dedupe_key,
        partnershipId: row.partnership_id,
        disagreementId: row.disagreement_id,
        personId: row.person_id,
        recipient: row.recipient,
        subject: row.subject,
        body: row.body,
        calendar: row.calendar,
      }));
    },

    /** Extends this worker's lease on one message; false if it no longer holds it. */
    async renewLease(
      id: string,
      worker: string,
      now: string,
      leaseUntil: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('outbox')
        .set({ lease_until: leaseUntil })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('leased_by', '=', worker)
        .where('lease_until', '>', now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Marks a message sent, if this worker still holds it. */
    async markSent(id: string, worker: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: at, leased_by: null, lease_until: null, last_error: null })
        .where('id', '=', id)
        .where('leased_by', '=', worker)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Records a failed attempt: tried again at `retryAt`, or given up on after the last. */
    async markFailed(
      id: string,
      worker: string,
      error: string,
      retryAt: string | null,
    ): Promise<void> {
      await db
        .updateTable('outbox')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          status: retryAt ? 'pending' : 'failed',
          next_attempt_at: retryAt ?? sql<string>`next_attempt_at`,
          leased_by: null,
          lease_until: null,
          last_error: error.slice(0, 500),
        }))
        .where('id', '=', id)
        .where('leased_by', '=', worker)
        .execute();
    },

    /**
     * Whom the messages of one change to a case were queued for (their keys start with
     * `keyPrefix`): each recipient once, and whether it waits for (or went in) a morning
     * summary; none that will not be sent after all.
     */
    async recipientsOf(
      disagreementId: string,
      keyPrefix: string,
    ): Promise<{ personId: string | null; recipient: string; inSummary: boolean }[]> {
      const rows = await db
        .selectFrom('outbox')
        .select(['person_id', 'recipient', 'status', 'created_at'])
        .where('disagreement_id', '=', disagreementId)
        .where('dedupe_key', 'like', `${keyPrefix}%`)
        .where('status', '!=', 'dropped')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const byRecipient = new Map<
        string,
        { personId: string | null; recipient: string; inSummary: boolean }
      >();
      for (const row of rows) {
        const inSummary = row.status === 'held' || row.status === 'digested';
        const known = byRecipient.get(row.recipient);
        // Told at once by any one message: an urgent alert does not wait for the summary.
        if (known) known.inSummary &&= inSummary;
        else
          byRecipient.set(row.recipient, {
            personId: row.person_id,
            recipient: row.recipient,
            inSummary,
          });
      }
      return [...byRecipient.values()];
    },

    /** People with messages held for their summary. */
    async peopleWithHeldMessages(): Promise<string[]> {
      const rows = await db
        .selectFrom('outbox')
        .select('person_id')
        .distinct()
        .where('status', '=', 'held')
        .where('person_id', 'is not', null)
        .execute();
      return rows.map((row) => row.person_id as string);
    },

    /** A person's held messages, locked for this transaction (others skip them). */
    async takeHeld(personId: string): Promise<HeldMessage[]> {
      const query = db
        .selectFrom('outbox')
        .select(['id', 'disagreement_id', 'subject', 'body', 'created_at'])
        .where('person_id', '=', personId)
        .where('status', '=', 'held')
        .orderBy('created_at');
      const rows = await (postgres ? query.forUpdate().skipLocked() : query).execute();
      return rows.map((row) => ({
        id: row.id,
        disagreementId: row.disagreement_id,
        subject: row.subject,
        body: row.body,
        createdAt: row.created_at,
      }));
    },

    /**
     * Messages that will not be sent after all (to someone who left, or about a case they may
     * no longer see): kept, marked dropped, never sent. Those of a person, or the ones named.
     */
    async drop(
      which: { personId: string } | { ids: readonly string[] },
      at: string,
    ): Promise<void> {
      if ('ids' in which && which.ids.length === 0) return;
      await db
        .updateTable('outbox')
        .set({ status: 'dropped', sent_at: at, leased_by: null, lease_until: null })
        .where('status', 'in', ['pending', 'held'])
        .where((eb) =>
          'ids' in which ? eb('id', 'in', [...which.ids]) : eb('person_id', '=', which.personId),
        )
        .execute();
    },

    async markDigested(ids: readonly string[], at: string): Promise<void> {
      if (ids.length === 0) return;
      await db
        .updateTable('outbox')
        .set({ status: 'digested', sent_at: at })
        .where('id', 'in', [...ids])
        .execute();
    },

    async forDisagreement(disagreementId: string) {
      return db
        .selectFrom('outbox')
        .selectAll()
        .where('disagreement_id', '=', disagreementId)
        .orderBy('created_at')
        .execute();
    },

    async counts(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('outbox')
        .select(['status', (eb) => eb.fn.countAll().as('count')])
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
    },
  };
}

export type OutboxRepository = ReturnType<typeof outboxRepository>;
