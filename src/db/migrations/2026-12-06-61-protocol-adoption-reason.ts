import type { Kysely } from 'kysely';

// Why the partnership adopted each protocol version, as its team wrote it (the editor asks).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('protocol_versions').addColumn('reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('protocol_versions').dropColumn('reason').execute();
}
