import path from 'node:path';
import { Kysely, type PostgresDialect, SqliteDialect, sql } from 'kysely';
import type pg from 'pg';
import { makePrivateFolder, preparePrivateDatabaseFile } from './dataFolder.ts';
import { NodeSqliteDatabase } from './nodeSqliteDatabase.ts';
import { OwnSchemaPostgresDialect } from './ownSchemaPostgresDialect.ts';
import type { DatabaseSchema } from './schema.ts';
import { SplitSqliteDialect } from './sqlite/splitSqliteDriver.ts';

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; connectionString: string };

export type Database = {
  db: Kysely<DatabaseSchema>;
  kind: DatabaseTarget['kind'];
  /** Where the data lives, with no password in it, for logs and messages. */
  description: string;
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
};

export const SQLITE_FILE_NAME = 'accord.sqlite';

/** PostgreSQL when a URL is configured, otherwise the embedded SQLite file in the data folder. */
export function databaseTargetFor(config: {
  databaseUrl: string | undefined;
  dataDir: string;
}): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', connectionString: config.databaseUrl }
    : { kind: 'sqlite', file: path.join(config.dataDir, SQLITE_FILE_NAME) };
}

export function openDatabase(target: DatabaseTarget): Database {
  const db =
    target.kind === 'sqlite'
      ? new Kysely<DatabaseSchema>({ dialect: sqliteDialect(target.file) })
      : new Kysely<DatabaseSchema>({ dialect: postgresDialect(target) });

  let closed: Promise<void> | undefined;
  return {
    db,
    kind: target.kind,
    description: target.kind === 'sqlite' ? target.file : withoutPassword(target.connectionString),
    async isReachable() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close() {
      closed ??= db.destroy();
      return closed;
    },
  };
}

/**
 * For a bulk load into the embedded database (generated cases): a page cache large enough to
 * hold the indexes being written, instead of SQLite's few megabytes.
 */
export async function prepareForBulkLoad(database: Database): Promise<void> {
  if (database.kind === 'sqlite') await sql`pragma cache_size = -1048576`.execute(database.db);
}

function sqliteDialect(file: string): SqliteDialect {
  // ':memory:' is SQLite's name for a database that has no file: one connection holds it all.
  if (file === ':memory:') {
    return new SqliteDialect({ database: async () => new NodeSqliteDatabase(file) });
  }
  return new SplitSqliteDialect(file, () => {
    makePrivateFolder(path.dirname(file));
    preparePrivateDatabaseFile(file);
  });
}

function postgresDialect(target: { connectionString: string }): PostgresDialect {
  return new OwnSchemaPostgresDialect({
    // pg is loaded only by a deployment on PostgreSQL, when its first query runs.
    pool: async () => {
      const { default: pg } = await import('pg');
      return new pg.Pool({
        connectionString: target.connectionString,
        connectionTimeoutMillis: 5000,
        max: 10,
        types: { getTypeParser: postgresTypeParser(pg.types) },
      });
    },
  });
}

const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;

// Both databases hand rows back in one shape: instants as ISO strings, counts as numbers.
function postgresTypeParser(types: typeof pg.types) {
  return (oid: number, format?: string): ((value: string) => unknown) => {
    if (oid === TIMESTAMPTZ_OID) {
      return (value) =>
        Temporal.Instant.from(value.replace(' ', 'T')).toString({ smallestUnit: 'millisecond' });
    }
    if (oid === INT8_OID) return Number;
    return types.getTypeParser(oid, format as 'text');
  };
}

function withoutPassword(connectionString: string): string {
  const url = new URL(connectionString);
  url.password = '';
  return url.toString();
}

/**
 * Reads that belong together, e.g. a case and the rules it runs under. On SQLite they share one
 * snapshot: a read-only transaction on a reading connection of its own, at no cost. On
 * PostgreSQL each query sees what is committed when it runs, as the read committed transactions
 * they ran in before did; without a transaction no connection is held between them and two
 * round trips (begin, commit) are saved.
 */
export function readTogether<Result>(
  database: Pick<Database, 'db' | 'kind'>,
  read: (db: Kysely<DatabaseSchema>) => Promise<Result>,
): Promise<Result> {
  if (database.kind === 'postgres') return read(database.db);
  return database.db.transaction().setAccessMode('read only').execute(read);
}
