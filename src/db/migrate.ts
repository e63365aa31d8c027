import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import {
  type Migration,
  type MigrationProvider,
  type MigrationResult,
  Migrator,
} from 'kysely/migration';
import type { DatabaseSchema } from './schema.ts';

const migrationFolder = path.join(import.meta.dirname, 'migrations');

export class MigrationFailed extends Error {
  constructor(migrationName: string | undefined, cause: unknown) {
    super(`Database migration ${migrationName ?? '(unknown)'} failed: ${String(cause)}`, { cause });
    this.name = 'MigrationFailed';
  }
}

/** The names of every migration, in the order they run. */
export async function migrationNames(): Promise<string[]> {
  return (await fs.readdir(migrationFolder))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
}

/** Brings the schema up to the newest migration; returns the names of those applied now. */
export async function migrateToLatest(db: Kysely<DatabaseSchema>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: loadedWhenRun,
    migrationTableSchema: await postgresSchema(db),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((result: MigrationResult) => result.status === 'Error');
    throw new MigrationFailed(failed?.migrationName, error);
  }
  return results.map((result: MigrationResult) => result.migrationName);
}

/**
 * Every migration by name, each module loaded only when it runs: a start with nothing to
 * migrate (every restart) reads the folder, not every migration's code.
 */
const loadedWhenRun: MigrationProvider = {
  async getMigrations() {
    const load = (name: string): Promise<Migration> =>
      import(pathToFileURL(path.join(migrationFolder, `${name}.ts`)).href);
    return Object.fromEntries(
      (await migrationNames()).map((name) => [
        name,
        {
          up: async (db: Kysely<unknown>) => (await load(name)).up(db),
          down: async (db: Kysely<unknown>) => {
            const { down } = await load(name);
            if (!down) throw new Error(`${name} cannot be undone`);
            await down(db);
          },
        },
      ]),
    );
  },
};

// Kysely looks for its migration tables in every schema unless told which one; with two
// deployments (or test runs) in different schemas of one database, it would find the other's.
async function postgresSchema(db: Kysely<DatabaseSchema>): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema;
}
