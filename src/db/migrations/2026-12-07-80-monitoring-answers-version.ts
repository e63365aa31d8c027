import type { Kysely } from 'kysely';

// The monitoring form's answers carry a version, as a case does: a save made from a page opened
// before someone else's save is refused rather than overwriting it. Answers saved before count
// as the first version.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('monitoring_form_answers')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('monitoring_form_answers').dropColumn('version').execute();
}
