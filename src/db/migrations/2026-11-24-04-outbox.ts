import { type Kysely, PostgresAdapter } from 'kysely';

// The transactional outbox: every message is written in the transaction of the change that
// causes it, then a dispatcher in any instance leases, sends, retries and marks it sent.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const instant = postgres ? 'timestamptz' : 'text';

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // The same event never queues the same message twice, e.g. on a retried transaction.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('partnership_id', 'text')
    .addColumn('disagreement_id', 'text')
    .addColumn('person_id', 'text')
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', instant, (c) => c.notNull())
    .addColumn('leased_by', 'text')
    .addColumn('lease_until', instant)
    .addColumn('sent_at', instant)
    .addColumn('last_error', 'text')
    .execute();
  await db.schema
    .createIndex('outbox_due')
    .on('outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('outbox_disagreement')
    .on('outbox')
    .column('disagreement_id')
    .execute();
}
