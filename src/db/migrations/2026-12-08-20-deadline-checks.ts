import type { Kysely } from 'kysely';

// Measured at 100,000 open stages: the reminder job read and parsed every open case's document
// each minute (8 s a sweep; minutes with a large directory), though a case's next reminder or
// overdue prompt is hours or days away. A case's row here says when it next needs looking at
// (no later than its next deadline message), for the version of the case it was worked out
// from: the sweep reads only the cases that changed since, or whose time has come.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deadline_checks')
    .addColumn('disagreement_id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('next_check_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deadline_checks').execute();
}
