import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe } from 'node:test';
import pg from 'pg';
import { type Database, type DatabaseTarget, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { cloneMigratedSchema, copySqliteTemplate } from './migratedTemplate.ts';

export type DatabaseKind = DatabaseTarget['kind'];

/** A fresh, empty database of one kind, and how to remove it again. */
export type ScratchDatabase = {
  kind: DatabaseKind;
  target: DatabaseTarget;
  /** For a child process: the DATABASE_URL (PostgreSQL) or DATA_DIR (SQLite) that reaches it. */
  environment: Record<string, string>;
  remove(): Promise<void>;
};

const postgresUrl = process.env.TEST_DATABASE_URL;
const inCi = Boolean(process.env.CI);

// Decided once per test process: whether PostgreSQL suites run, skip, or fail the run.
const postgresSkipReason = await postgresUnavailableReason();

async function postgresUnavailableReason(): Promise<string | undefined> {
  if (!postgresUrl) {
    if (inCi) throw new Error('CI is set but TEST_DATABASE_URL is not: PostgreSQL suites must run');
    return 'TEST_DATABASE_URL is not set';
  }
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    const reason = `PostgreSQL at TEST_DATABASE_URL is unreachable: ${(error as Error).message}`;
    if (inCi) throw new Error(`CI is set: ${reason}`);
    return reason;
  } finally {
    await client.end().catch(() => {});
  }
}

export function databaseKindsToTest(): { kind: DatabaseKind; skip: string | false }[] {
  return [
    { kind: 'sqlite', skip: false },
    { kind: 'postgres', skip: postgresSkipReason ?? false },
  ];
}

// Every commit waits for the disk (SQLite's synchronous = FULL, PostgreSQL's WAL flush), about
// 3 ms on these machines, and a test database is thrown away after its suite: SQLite's files
// go in memory (tmpfs, where the same fsync calls return at once) where there is one, and
// PostgreSQL's scratch sessions commit without waiting for the flush. What the database does
// is unchanged (the same pragmas; the same visibility), only not waited for.
const scratchFolderRoot = isWritableFolder('/dev/shm') ? '/dev/shm' : os.tmpdir();

function isWritableFolder(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** Creates an empty database: a file in a new temporary folder, or a new PostgreSQL schema. */
export function createScratchDatabase(kind: DatabaseKind): Promise<ScratchDatabase> {
  return scratchDatabase(kind, { migrated: false });
}

/**
 * Creates a database with every migration applied: a copy of a template the real migrations
 * ran in (test/migratedTemplate.ts), which takes a fraction of the time of running them.
 */
export function createMigratedDatabase(kind: DatabaseKind): Promise<ScratchDatabase> {
  return scratchDatabase(kind, { migrated: true });
}

async function scratchDatabase(
  kind: DatabaseKind,
  { migrated }: { migrated: boolean },
): Promise<ScratchDatabase> {
  if (kind === 'sqlite') {
    const dataDir = mkdtempSync(path.join(scratchFolderRoot, 'accord-test-'));
    const file = path.join(dataDir, 'accord.sqlite');
    if (migrated) await copySqliteTemplate(file);
    return {
      kind,
      target: { kind, file },
      environment: { DATA_DIR: dataDir },
      remove: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `accord_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema} -c synchronous_commit=off`);
  const scratch: ScratchDatabase = {
    kind,
    target: { kind, connectionString: url.toString() },
    environment: { DATABASE_URL: url.toString() },
    remove: () => onPostgres(`drop schema if exists ${schema} cascade`),
  };
  if (migrated && (await cloneMigratedSchema(postgresUrl, schema))) return scratch;
  await onPostgres(`create schema ${schema}`);
  if (migrated) {
    const database = openDatabase(scratch.target);
    try {
      await migrateToLatest(database.db);
    } finally {
      await database.close();
    }
  }
  return scratch;
}

async function onPostgres(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Runs a suite once on SQLite and once on PostgreSQL, each on its own fresh, migrated
 * database (createMigratedDatabase) that is removed afterwards. With `eachTest`, every test has
 * a fresh database of its own (set up in beforeEach): for suites whose subject works over
 * everything stored (the clock's jobs, the audit chain, loading the demo), so that no test sees
 * another's.
 */
export function describeOnEachDatabase(
  title: string,
  suite: (context: {
    readonly database: Database;
    readonly kind: DatabaseKind;
    /** DATA_DIR or DATABASE_URL reaching the same database, for commands and child processes. */
    readonly environment: Record<string, string>;
  }) => void,
  options: { eachTest?: boolean } = {},
): void {
  const [setUp, tearDown] = options.eachTest ? [beforeEach, afterEach] : [before, after];
  for (const { kind, skip } of databaseKindsToTest()) {
    describe(`${title} [${kind}]`, { skip }, () => {
      let scratch: ScratchDatabase;
      let database: Database;
      setUp(async () => {
        scratch = await createMigratedDatabase(kind);
        database = openDatabase(scratch.target);
      });
      tearDown(async () => {
        await database?.close();
        await scratch?.remove();
      });
      suite({
        get database() {
          return database;
        },
        get environment() {
          return scratch.environment;
        },
        kind,
      });
    });
  }
}
