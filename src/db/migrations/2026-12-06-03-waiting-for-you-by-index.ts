import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Measured at a million cases. Waiting for you, on every page's header, finds a person's open
// cases from their own index rows (now marked open or not) and the partnership's cases
// awaiting a confirmation by an index of their own, instead of walking every open case (2.7 s
// a page). A list's orders are read from indexes that hold the case's id as the tie-break, so
// a page is the first rows of an index range rather than a sort of every case that matches.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('disagreement_people')
    .addColumn('open', postgres ? 'boolean' : 'integer', (c) =>
      c.notNull().defaultTo(postgres ? sql`false` : 0),
    )
    .execute();
  await sql`update disagreement_people set open = exists (
      select 1 from disagreements
      where disagreements.id = disagreement_people.disagreement_id and disagreements.status = 'open'
    )`.execute(db);
  await db.schema
    .createIndex('disagreement_people_open')
    .on('disagreement_people')
    .columns(['person_id', 'open'])
    .execute();
  await db.schema
    .createIndex('disagreements_awaiting')
    .on('disagreements')
    .columns(['partnership_id', 'status', 'awaiting_confirmation'])
    .execute();
  await db.schema.dropIndex('disagreements_raised').execute();
  await db.schema.dropIndex('disagreements_due').execute();
  for (const [name, columns] of [
    ['disagreements_raised_order', ['partnership_id', 'raised_at', 'id']],
    ['disagreements_created_order', ['partnership_id', 'created_at', 'id']],
    ['disagreements_due_order', ['partnership_id', 'current_due_at', 'id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('disagreements')
      .columns([...columns])
      .execute();
  }
}
