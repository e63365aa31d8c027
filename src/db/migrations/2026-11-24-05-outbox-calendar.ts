import type { Kysely } from 'kysely';

// A message may carry an iCalendar invitation (RFC 5545) for a chaired meeting.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('calendar', 'text').execute();
}
