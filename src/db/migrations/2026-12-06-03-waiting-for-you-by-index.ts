import type { Kysely } from 'kysely';

// Waiting for you, on every page's header, finds the open cases awaiting a confirmation by
// index: measured at a million cases, finding them among the open ones cost seconds a page.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('disagreements_awaiting')
    .on('disagreements')
    .columns(['partnership_id', 'status', 'awaiting_confirmation'])
    .execute();
}
