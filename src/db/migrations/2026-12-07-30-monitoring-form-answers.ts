import { type Kysely, PostgresAdapter } from 'kysely';

// What the escalating side answers on the monitoring form that the case does not already know:
// the meeting's date, whether the parents or carers were told and their views, and the senior
// officers involved (a JSON list of {name, agency, role}). One row a case; none until completed.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const instant = postgres ? 'timestamptz' : 'text';
  await db.schema
    .createTable('monitoring_form_answers')
    .addColumn('disagreement_id', 'text', (c) => c.primaryKey().references('disagreements.id'))
    .addColumn('meeting_date', 'text')
    .addColumn('parents_informed', 'text')
    .addColumn('parents_views', 'text', (c) => c.notNull())
    .addColumn('senior_officers', postgres ? 'jsonb' : 'text', (c) => c.notNull())
    .addColumn('completed_by', 'text', (c) => c.notNull())
    .addColumn('completed_at', instant, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('monitoring_form_answers').execute();
}
