import type { Kysely } from 'kysely';

// The role a person holds only because of their level (its role under the protocol in force,
// when it was not also given to them directly), or null. Adopting a protocol version that maps
// the level to another role, or drops it, takes this role away again and keeps the roles
// given directly (applyProtocolLevels.ts). Levels are new in this release: no person carries
// one yet, so there is nothing to fill in.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('people').addColumn('level_role', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('people').dropColumn('level_role').execute();
}
