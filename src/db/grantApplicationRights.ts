import { type Kysely, sql } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

/**
 * When the tables belong to an owner role, Accord's own role gets what it needs and no
 * more: it may add to the audit log and read it, but never change or remove an entry.
 */
export async function grantApplicationRights(
  owner: Kysely<DatabaseSchema>,
  applicationRole: string,
): Promise<void> {
  const role = sql.id(applicationRole);
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(owner);
  const schema = sql.id(rows[0]?.schema ?? 'public');
  await sql`grant usage on schema ${schema} to ${role}`.execute(owner);
  await sql`grant select, insert, update, delete on all tables in schema ${schema} to ${role}`.execute(
    owner,
  );
  await sql`revoke all on ${schema}.audit_log, ${schema}.kysely_migration, ${schema}.kysely_migration_lock from ${role}`.execute(
    owner,
  );
  await sql`grant select, insert on ${schema}.audit_log to ${role}`.execute(owner);
  await sql`grant select on ${schema}.kysely_migration, ${schema}.kysely_migration_lock to ${role}`.execute(
    owner,
  );
}
