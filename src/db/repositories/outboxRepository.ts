import { randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { DatabaseSchema } from '../schema.ts';

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
};

export type LeasedMessage = QueuedMessage & { id: string; attempts: number };

/**
 * The transactional outbox. Queuing happens inside the caller's transaction; leasing hands a
 * batch to one dispatcher at a time (PostgreSQL: FOR UPDATE SKIP LOCKED, so instances never
 * wait on each other; SQLite has one writer), and a lease that runs out frees its messages
 * for another dispatcher if the holder died.
 */
export function outboxRepository(db: Kysely<DatabaseSchema>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    async enqueue(messages: readonly QueuedMessage[], at: string): Promise<void> {
      // In slices, so a statement's bound values stay under SQLite's limit.
      for (let start = 0; start < messages.length; start += 500) {
        await db
          .insertInto('outbox')
          .values(
            messages.slice(start, start + 500).map((message) => ({
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
              status: 'pending',
              attempts: 0,
              next_attempt_at: at,
            })),
          )
          .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
          .execute();
      }
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
