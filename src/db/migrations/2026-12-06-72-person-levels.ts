import type { Kysely } from 'kysely';

// A person's level of seniority: the id of one of the levels of the partnership's protocol in
// force (service manager, detective inspector…), or null. Its role is stored with their roles.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('people').addColumn('level', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('people').dropColumn('level').execute();
}
