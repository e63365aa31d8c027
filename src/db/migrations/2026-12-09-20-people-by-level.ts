import type { Kysely } from 'kysely';

// Seen in the plan of Waiting for you at 100,000 people: those of a case's agencies who carry a
// level a stage names were found by reading every person of those agencies. Few carry a level
// (most are practitioners, of none): the index holds only those who do.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('people_by_level')
    .on('people')
    .columns(['level', 'agency_id'])
    .where('level', 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_by_level').execute();
}
