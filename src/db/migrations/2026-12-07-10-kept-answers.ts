import { type Kysely, PostgresAdapter } from 'kysely';

// The answers of a form sent after its person's session had ended, kept for a short while so
// the same person can sign in again and find the form filled in (never sent for them).
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const instant = postgres ? 'timestamptz' : 'text';
  const json = postgres ? 'jsonb' : 'text';
  await db.schema
    .createTable('kept_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('answers', json, (c) => c.notNull())
    .addColumn('raise_draft', json)
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('kept_answers_expires')
    .on('kept_answers')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('kept_answers').execute();
}
