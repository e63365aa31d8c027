import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { type Database, openDatabase } from './database.ts';
import { grantApplicationRights } from './grantApplicationRights.ts';
import { migrateToLatest } from './migrate.ts';

/**
 * Brings the schema up to date. On PostgreSQL with DATABASE_OWNER_URL, migrations run as
 * the owner and Accord's own role is then granted only what it needs; otherwise Accord
 * migrates as itself. Returns the migrations applied now.
 */
export async function prepareDatabase(
  config: Pick<Config, 'databaseOwnerUrl'>,
  database: Database,
): Promise<string[]> {
  if (database.kind !== 'postgres' || !config.databaseOwnerUrl) {
    return migrateToLatest(database.db);
  }
  const owner = openDatabase({ kind: 'postgres', connectionString: config.databaseOwnerUrl });
  try {
    const applied = await migrateToLatest(owner.db);
    const { rows } = await sql<{ role: string }>`select current_user as role`.execute(database.db);
    const { rows: ownerRows } = await sql<{ role: string }>`select current_user as role`.execute(
      owner.db,
    );
    const applicationRole = rows[0]?.role;
    if (applicationRole && applicationRole !== ownerRows[0]?.role) {
      await grantApplicationRights(owner.db, applicationRole);
    }
    return applied;
  } finally {
    await owner.close();
  }
}
