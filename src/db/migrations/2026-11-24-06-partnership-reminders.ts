import type { Kysely } from 'kysely';

// How many working days before a stage is due its people are reminded, per partnership.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('partnerships')
    .addColumn('reminder_working_days', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
