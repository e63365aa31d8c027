// `npm run bench -- --volume` (on demand, never in CI): the partnership team's reads at 10
// thousand, 100 thousand and a million cases in one partnership, on SQLite and (with
// TEST_DATABASE_URL) PostgreSQL. The generated databases are kept and reused: SQLite files under
// bench/.volume/, PostgreSQL databases named accord_volume_N (made from a template of the empty
// schema). Requests to every size are interleaved round by round, so the machine's noise falls
// on all of them alike, and each is compared with an API case read measured in the same rounds.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { accountRepository } from '../src/db/repositories/accountRepository.ts';
import { hashPassword } from '../src/domain/accounts/passwordHash.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { createApiToken } from '../src/services/apiTokens.ts';
import { generateCases } from '../src/services/generation/generateCases.ts';
import { commandLine } from '../src/services/requestContext.ts';
import { TEST_PASSWORD } from '../test/factories.ts';
import { type Browser, signIn } from '../test/signIn.ts';
import { buildTestApp } from '../test/testApp.ts';

const NOW = '2026-11-24T10:00:00Z';
const clock = fixedClock(NOW);
const folder = path.join(import.meta.dirname, '.volume');
const argument = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const sizes = (argument('sizes') ?? '10000,100000,1000000').split(',').map(Number);
const rounds = Number(argument('rounds') ?? 20);

type Target = { kind: 'sqlite' | 'postgres'; cases: number; database: Database };

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

async function casesIn(connectionString: string): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query('select count(*)::int as n from disagreements');
    return rows[0]?.n ?? 0;
  } catch {
    return 0;
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL's generated database of this size, kept as a template (accord_volume_N); each run
 * measures a fresh copy of it (accord_volume_N_run), so runs do not add to one another.
 */
async function postgresDatabase(
  cases: number,
): Promise<{ database: Database; fresh: boolean } | undefined> {
  if (!process.env.TEST_DATABASE_URL) return undefined;
  const template = `accord_volume_${cases}`;
  let exists = await onPostgres([`select 1 from pg_database where datname = '${template}'`]);
  if (exists && (await casesIn(postgresUrl(template))) < cases) {
    // A generation that did not finish: made again.
    await onPostgres([`drop database ${template}`]);
    exists = 0;
  }
  if (!exists) {
    await onPostgres([`create database ${template}`]);
    const database = openDatabase({ kind: 'postgres', connectionString: postgresUrl(template) });
    return { database, fresh: true };
  }
  // Later migrations run once, on the template, rather than on every copy.
  const kept = openDatabase({ kind: 'postgres', connectionString: postgresUrl(template) });
  if ((await migrateToLatest(kept.db)).length > 0) await sql`vacuum analyze`.execute(kept.db);
  await kept.close();
  const run = `${template}_run`;
  await onPostgres([
    `drop database if exists ${run}`,
    `create database ${run} template ${template}`,
  ]);
  const database = openDatabase({ kind: 'postgres', connectionString: postgresUrl(run) });
  return { database, fresh: false };
}

/** The generated database of this size, made once (a million cases take about 20 minutes). */
async function generated(kind: Target['kind'], cases: number): Promise<Target | undefined> {
  let database: Database;
  if (kind === 'sqlite') {
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `sqlite-${cases}.sqlite`);
    const fresh = !existsSync(file);
    database = openDatabase({ kind, file });
    await migrateToLatest(database.db);
    if (!fresh) return { kind, cases, database };
  } else {
    const made = await postgresDatabase(cases);
    if (!made) return undefined;
    database = made.database;
    await migrateToLatest(database.db);
    if (!made.fresh) return { kind, cases, database };
  }
  console.log(`[${kind}] generating ${cases} cases…`);
  const summary = await generateCases(
    { database, clock },
    { cases, partnerships: 1, years: 7, seed: 1 },
  );
  console.log(`[${kind}] ${summary.cases} cases in ${summary.seconds.toFixed(0)} s`);
  if (kind === 'sqlite') return { kind, cases, database };
  // Kept as the template each later run copies; this run measures a copy too.
  await sql`vacuum analyze`.execute(database.db);
  await database.close();
  return generated(kind, cases);
}

type Probe = { name: string; request: (app: FastifyInstance) => Promise<number> };

async function probesFor(target: Target, app: FastifyInstance): Promise<Probe[]> {
  const db = target.database.db;
  const team = await db
    .selectFrom('people')
    .innerJoin('person_roles', 'person_roles.person_id', 'people.id')
    .select(['people.id', 'people.email', 'people.partnership_id'])
    .where('person_roles.role', '=', 'partnership-team')
    .executeTakeFirstOrThrow();
  await accountRepository(db).setPasswordHash(team.id, await hashPassword(TEST_PASSWORD), NOW);
  const browser: Browser = await signIn(app, team.email);
  const token = (
    await createApiToken(
      { database: target.database, clock },
      { personId: team.id, name: 'volume bench' },
      commandLine,
    )
  ).token;
  const ids = (
    await db.selectFrom('disagreements').select('id').orderBy('id').limit(500).execute()
  ).map((row) => row.id);
  // The 10,000 cases raised most recently: the CSV's filter.
  const tenThousandth = await db
    .selectFrom('disagreements')
    .select('raised_at')
    .orderBy('raised_at', 'desc')
    .offset(Math.min(9999, target.cases - 1))
    .limit(1)
    .executeTakeFirstOrThrow();
  const from = Temporal.Instant.from(tenThousandth.raised_at)
    .toZonedDateTimeISO('Europe/London')
    .toPlainDate()
    .add({ days: 1 })
    .toString();
  let n = 0;
  const get = async (url: string, headers: Record<string, string>) => {
    const response = await app.inject({ method: 'GET', url, headers });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
    return response.body.length;
  };
  const api = { authorization: `Bearer ${token}` };
  const page = { cookie: browser.cookie };
  return [
    {
      name: 'API case read',
      request: () => get(`/api/v1/disagreements/${ids[n++ % ids.length]}`, api),
    },
    {
      name: 'summary',
      request: () => get(`/api/v1/reports/summary?partnershipId=${team.partnership_id}`, api),
    },
    { name: 'dashboard page', request: () => get('/dashboard', page) },
    {
      name: 'filtered list page',
      request: () => get('/disagreements?status=closed&category=threshold&sort=raised', page),
    },
    {
      name: 'CSV of ~10,000 rows',
      request: () => get(`/disagreements/export/cases.csv?raisedFrom=${from}`, page),
    },
  ];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export async function runVolumeBenchmarks(): Promise<void> {
  for (const kind of ['sqlite', 'postgres'] as const) {
    const targets: Target[] = [];
    for (const cases of sizes) {
      const target = await generated(kind, cases);
      if (target) targets.push(target);
    }
    if (targets.length === 0) continue;
    const apps = await Promise.all(
      targets.map((target) => buildTestApp({ database: target.database, clock })),
    );
    const probes = await Promise.all(
      targets.map((target, i) => probesFor(target, apps[i] as FastifyInstance)),
    );
    const times = targets.map(() => new Map<string, number[]>());
    // Warm each up once, then interleave: each round asks every size every question.
    for (const [i, app] of apps.entries())
      for (const probe of probes[i] ?? []) await probe.request(app);
    for (let round = 0; round < rounds; round++) {
      for (const [i, app] of apps.entries()) {
        for (const probe of probes[i] ?? []) {
          if (probe.name.startsWith('CSV') && round % 4 !== 0) continue;
          const started = performance.now();
          await probe.request(app);
          const samples = times[i]?.get(probe.name) ?? [];
          samples.push(performance.now() - started);
          times[i]?.set(probe.name, samples);
        }
      }
    }
    const smallest = times[0] as Map<string, number[]>;
    for (const [i, target] of targets.entries()) {
      const at = times[i] as Map<string, number[]>;
      const read = median(at.get('API case read') ?? []);
      const parts = [...at.entries()].map(([name, samples]) => {
        const m = median(samples);
        const versusSmallest = m / median(smallest.get(name) ?? []);
        const versusRead = m / read;
        return `${name} ${m.toFixed(1)} ms (×${versusSmallest.toFixed(2)} of ${targets[0]?.cases}; ×${versusRead.toFixed(1)} a case read)`;
      });
      console.log(`[${kind}] ${target.cases} cases: ${parts.join('; ')}`);
    }
    await Promise.all(apps.map((app) => app.close()));
    await Promise.all(targets.map((target) => target.database.close()));
  }
}

if (import.meta.main) await runVolumeBenchmarks();
