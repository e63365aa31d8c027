// The volume bench's generated databases, made once and kept: SQLite files under
// bench/.volume/, PostgreSQL databases named accord_volume_N (and accord_volume_open_N for the
// reminder sweep's open stages). Each run measures a fresh copy (a copied file, a database made
// from the kept one as a template), so runs do not add to one another.
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { generateCases } from '../src/services/generation/generateCases.ts';
import { refreshPlannerStatistics } from '../src/services/plannerStatistics.ts';

export const NOW = '2026-11-24T10:00:00Z';
export const clock = fixedClock(NOW);
const folder = path.join(import.meta.dirname, '.volume');

export type Kind = 'sqlite' | 'postgres';
/**
 * What a kept database holds: years of cases (most closed), or weeks of open ones; `people`,
 * the directory's size, is made on each run's copy (added in a few seconds), so one kept
 * database of cases serves every directory size.
 */
export type Shape = { cases: number; people: number; open?: boolean };
export type Target = { kind: Kind; shape: Shape; database: Database };

const nameOf = (shape: Shape) => `${shape.open ? 'open_' : ''}${shape.cases}`;

const postgresUrl = (name: string) => {
  const target = new URL(process.env.TEST_DATABASE_URL as string);
  target.pathname = `/${name}`;
  return target.toString();
};

async function onPostgres(statements: string[]): Promise<number> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    let rows = 0;
    for (const statement of statements) rows = (await admin.query(statement)).rowCount ?? 0;
    return rows;
  } finally {
    await admin.end();
  }
}

/**
 * Whether a kept database was finished: its last step writes a row to settings (one kept by an
 * earlier bench, of cases alone, is finished when it holds them all).
 */
const finishedKey = 'volume-bench-finished';
async function finished(database: Database, shape: Shape): Promise<boolean> {
  try {
    const row = await database.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', finishedKey)
      .executeTakeFirst();
    if (row || shape.open) return row !== undefined;
    const stored = await database.db
      .selectFrom('disagreements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(stored.n) >= shape.cases;
  } catch {
    return false;
  }
}

async function fill(database: Database, shape: Shape, kind: Kind): Promise<void> {
  await migrateToLatest(database.db);
  console.log(`[${kind}] generating ${nameOf(shape)}…`);
  const summary = await generateCases(
    { database, clock },
    shape.open
      ? {
          cases: shape.cases,
          partnerships: 1,
          years: 0.05,
          seed: 2,
          keep: (simulated) => simulated.disagreement.status === 'open',
        }
      : { cases: shape.cases, partnerships: 1, years: 7, seed: 1 },
  );
  console.log(`[${kind}] ${summary.cases} cases in ${summary.seconds.toFixed(0)} s`);
  await database.db
    .insertInto('settings')
    .values({ key: finishedKey, value: 'yes', updated_at: new Date().toISOString() })
    .execute();
  if (kind === 'postgres') await sql`vacuum analyze`.execute(database.db);
}

/**
 * The directory grown to `total` people: practitioners spread over the partnership's agencies,
 * each under one of their agency's team managers, as a large partnership's directory is.
 */
export async function addPeople(database: Database, total: number): Promise<boolean> {
  const db = database.db;
  const present = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const managers = await db
    .selectFrom('people')
    .innerJoin('person_roles', 'person_roles.person_id', 'people.id')
    .select(['people.id', 'people.agency_id', 'people.partnership_id'])
    .where('person_roles.role', '=', 'manager')
    .orderBy('people.id')
    .execute();
  const missing = total - Number(present.n);
  if (missing <= 0) return false;
  console.log(`[${database.kind}] adding ${missing} people to the directory…`);
  const at = clock.now().toString();
  for (let made = 0; made < missing; made += 1000) {
    const slice = Array.from({ length: Math.min(1000, missing - made) }, (_, i) => {
      const manager = managers[(made + i) % managers.length] as (typeof managers)[number];
      return {
        id: randomUUID(),
        partnership_id: manager.partnership_id,
        name: `Directory Person ${made + i + 1}`,
        email: `directory-${made + i + 1}@example.org`,
        job_title: 'Practitioner',
        telephone: null,
        agency_id: manager.agency_id,
        team_id: null,
        region_id: null,
        line_manager_id: manager.id,
        level: null,
        level_role: null,
        active: true,
        created_at: at,
      };
    });
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('people').values(slice).execute();
      await trx
        .insertInto('person_roles')
        .values(slice.map((person) => ({ person_id: person.id, role: 'practitioner' })))
        .execute();
    });
  }
  return true;
}

/** A fresh copy of the kept database of this shape, made (once) when there is none. */
export async function generated(kind: Kind, shape: Shape): Promise<Target | undefined> {
  const name = nameOf(shape);
  if (kind === 'sqlite') {
    mkdirSync(folder, { recursive: true });
    const kept = path.join(folder, `sqlite-${name}.sqlite`);
    const run = path.join(folder, `run-${name}.sqlite`);
    if (existsSync(kept)) {
      const database = openDatabase({ kind, file: kept });
      const done = await finished(database, shape);
      if (done) await migrateToLatest(database.db);
      // Folds the write-ahead log into the file, so a copy of the file alone is whole.
      if (done) await sql`pragma wal_checkpoint(truncate)`.execute(database.db);
      await database.close();
      if (!done) for (const suffix of ['', '-wal', '-shm']) rmSync(kept + suffix, { force: true });
    }
    if (!existsSync(kept)) {
      const database = openDatabase({ kind, file: kept });
      await fill(database, shape, kind);
      await sql`pragma wal_checkpoint(truncate)`.execute(database.db);
      await database.close();
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(run + suffix, { force: true });
    copyFileSync(kept, run);
    const database = openDatabase({ kind, file: run });
    await addPeople(database, shape.people);
    // As the server's job has it within a second of starting on this database.
    await refreshPlannerStatistics(database);
    return { kind, shape, database };
  }
  if (!process.env.TEST_DATABASE_URL) return undefined;
  const template = `accord_volume_${name}`;
  if (await onPostgres([`select 1 from pg_database where datname = '${template}'`])) {
    const kept = openDatabase({ kind, connectionString: postgresUrl(template) });
    const done = await finished(kept, shape);
    // Later migrations run once, on the template, rather than on every copy.
    if (done && (await migrateToLatest(kept.db)).length > 0) {
      await sql`vacuum analyze`.execute(kept.db);
    }
    await kept.close();
    if (!done) await onPostgres([`drop database ${template}`]);
  }
  if (!(await onPostgres([`select 1 from pg_database where datname = '${template}'`]))) {
    await onPostgres([`create database ${template}`]);
    const database = openDatabase({ kind, connectionString: postgresUrl(template) });
    await fill(database, shape, kind);
    await database.close();
  }
  const run = `${template}_run`;
  await onPostgres([
    `drop database if exists ${run}`,
    `create database ${run} template ${template}`,
  ]);
  const database = openDatabase({ kind, connectionString: postgresUrl(run) });
  if (await addPeople(database, shape.people)) await sql`analyze`.execute(database.db);
  return { kind, shape, database };
}
