import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

// Running every migration for each test database took most of a suite's setup. The real
// migrations now run once into a template per version of the database code, kept in the
// system's temporary folder for every test process (and run) to copy from: the SQLite file
// itself, and for PostgreSQL pg_dump's SQL of a migrated schema, replayed into each new schema.

const root = path.resolve(import.meta.dirname, '..');
const templateFolder = path.join(os.tmpdir(), 'accord-test-templates');
// Stands in the kept PostgreSQL SQL where a scratch schema's name goes.
const schemaPlaceholder = 'accord_template_schema_placeholder';

/**
 * What a migrated database depends on: every source file of src/db (the migrations, the
 * migrator, how a database is opened; repositories read and write, so they are left out) and
 * Kysely's version. Any change to them names a new template.
 */
function databaseCodeHash(): string {
  const hash = createHash('sha256');
  const sourceFiles = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.name !== 'repositories')
      .flatMap((entry) => {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) return sourceFiles(full);
        return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
      });
  for (const file of sourceFiles(path.join(root, 'src/db')).sort()) {
    hash
      .update(`${path.relative(root, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  }
  hash.update(readFileSync(path.join(root, 'node_modules/kysely/package.json')));
  return hash.digest('hex').slice(0, 16);
}

let codeHash: string | undefined;
const templateName = (suffix: string) => {
  codeHash ??= databaseCodeHash();
  return path.join(templateFolder, `${codeHash}${suffix}`);
};

/** Writes a template under its final name in one step, so no process reads half of one. */
function keep(file: string, write: (partial: string) => void): void {
  const partial = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  write(partial);
  renameSync(partial, file);
}

let sqliteTemplate: Promise<string> | undefined;

/** The SQLite template: a database file the real migrations ran in. */
function sqliteTemplateFile(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const file = templateName('.sqlite');
    if (existsSync(file)) return file;
    mkdirSync(templateFolder, { recursive: true });
    const building = mkdtempSync(path.join(templateFolder, 'building-'));
    try {
      const built = path.join(building, 'accord.sqlite');
      const database = openDatabase({ kind: 'sqlite', file: built });
      try {
        await migrateToLatest(database.db);
      } finally {
        await database.close();
      }
      // Closing the last connection folds the write-ahead log into the file; a log left
      // beside it would hold part of the schema, and a copy of the file alone would lose it.
      if (existsSync(`${built}-wal`)) throw new Error(`${built}-wal was left after closing`);
      keep(file, (partial) => renameSync(built, partial));
    } finally {
      rmSync(building, { recursive: true, force: true });
    }
    return file;
  })();
  return sqliteTemplate;
}

/** Puts a copy of the migrated SQLite template at `file`. */
export async function copySqliteTemplate(file: string): Promise<void> {
  copyFileSync(await sqliteTemplateFile(), file);
}

let postgresTemplate: Promise<string | undefined> | undefined;

/**
 * The PostgreSQL template: the real migrations run in a schema of their own, which pg_dump
 * then writes out as SQL (tables, indexes, functions, triggers, sequences and the migrator's
 * own rows) with the schema's name replaced by a placeholder. Undefined without pg_dump.
 */
function postgresTemplateSql(databaseUrl: string): Promise<string | undefined> {
  postgresTemplate ??= (async () => {
    const serverVersion = await onPostgres(databaseUrl, 'show server_version_num');
    const file = templateName(`-postgres-${serverVersion}.sql`);
    if (existsSync(file)) return readFileSync(file, 'utf8');
    const schema = `accord_template_${process.pid}_${randomBytes(4).toString('hex')}`;
    await onPostgres(databaseUrl, `create schema ${schema}`);
    try {
      const url = new URL(databaseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const database = openDatabase({ kind: 'postgres', connectionString: url.toString() });
      try {
        await migrateToLatest(database.db);
      } finally {
        await database.close();
      }
      const dump = await pgDump(databaseUrl, schema);
      if (dump === undefined) return undefined;
      const template = dump
        .split('\n')
        // psql's own commands (\restrict, \unrestrict) mean nothing to the server.
        .filter((line) => !line.startsWith('\\'))
        .join('\n')
        .replaceAll(schema, schemaPlaceholder);
      mkdirSync(templateFolder, { recursive: true });
      keep(file, (partial) => writeFileSync(partial, template));
      return template;
    } finally {
      await onPostgres(databaseUrl, `drop schema if exists ${schema} cascade`);
    }
  })();
  return postgresTemplate;
}

async function pgDump(databaseUrl: string, schema: string): Promise<string | undefined> {
  const url = new URL(databaseUrl);
  url.searchParams.delete('options');
  try {
    const { stdout } = await promisify(execFile)(
      'pg_dump',
      [`--dbname=${url}`, `--schema=${schema}`, '--no-owner', '--no-privileges', '--inserts'],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout;
  } catch (error) {
    // Without a working pg_dump (none installed, or older than the server) each PostgreSQL
    // test database is migrated as before: slower, but the same.
    // Its stderr, not the error's message: that repeats the command line, password and all.
    const { stderr, code } = error as { stderr?: string; code?: string | number };
    process.emitWarning(
      `pg_dump could not copy the migrated template (${stderr?.trim() || code}): each PostgreSQL test database runs the migrations instead`,
    );
    return undefined;
  }
}

/**
 * Creates `schema` as a copy of the migrated template, in one transaction; false when there
 * is no template (no pg_dump), for the caller to create and migrate the schema itself.
 */
export async function cloneMigratedSchema(databaseUrl: string, schema: string): Promise<boolean> {
  const template = await postgresTemplateSql(databaseUrl);
  if (template === undefined) return false;
  await onPostgres(
    databaseUrl,
    `begin;\n${template.replaceAll(schemaPlaceholder, schema)}\ncommit;`,
  );
  return true;
}

async function onPostgres(databaseUrl: string, statements: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query(statements);
    const last = [result].flat().at(-1);
    return last?.rows[0] ? String(Object.values(last.rows[0])[0]) : undefined;
  } finally {
    await client.end();
  }
}
