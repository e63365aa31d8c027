import { type Kysely, PostgresAdapter } from 'kysely';

// Each partnership's retention period (months after a case ended; 72 unless its team sets
// another), and when each case's details were purged under it: the purge looks for the
// partnership's ended cases not yet purged.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('partnerships')
    .addColumn('retention_months', 'integer', (c) => c.notNull().defaultTo(72))
    .execute();
  await db.schema
    .alterTable('disagreements')
    .addColumn('purged_at', postgres ? 'timestamptz' : 'text')
    .execute();
  await db.schema
    .createIndex('disagreements_unpurged')
    .on('disagreements')
    .columns(['partnership_id', 'purged_at', 'ended_at'])
    .execute();
}
