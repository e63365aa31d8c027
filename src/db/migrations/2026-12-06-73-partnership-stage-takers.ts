import { type Kysely, PostgresAdapter, sql } from 'kysely';

// A stage taken by the partnership itself (its business unit, its scrutiny panel): its people
// taking the stage the case is at are marked on the case's index rows, as its chair is, so that
// the access rules let them propose an outcome there. Rows written before are of no such stage.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('disagreement_people')
    .addColumn('takes_stage', postgres ? 'boolean' : 'integer', (c) =>
      c.notNull().defaultTo(postgres ? sql`false` : 0),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('disagreement_people').dropColumn('takes_stage').execute();
}
