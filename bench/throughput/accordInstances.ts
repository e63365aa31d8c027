// Accord as the throughput benchmark runs it: `node src/main.ts` in demo mode, on a fresh
// embedded database or a fresh PostgreSQL database, reached with a partnership-team member's
// API token and a signed-in web session.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { demoEmail, demoPartnerships } from '../../src/demo/demoDataSet.ts';
import { type Child, freePort, startChild } from './children.ts';

const root = path.resolve(import.meta.dirname, '../..');
const runFile = promisify(execFile);

/** The partnership team of the demo's first partnership: it may see every case there. */
export const teamMemberEmail = demoEmail(
  demoPartnerships[0]?.partnershipTeam[0]?.key ?? 'missing-partnership-team',
);

/** One database the instances share: how to reach it, and how to remove it afterwards. */
export type BenchDatabase = {
  kind: 'sqlite' | 'postgres';
  /** DATA_DIR (SQLite) or DATABASE_URL (PostgreSQL). */
  environment: Record<string, string>;
  /** The PostgreSQL database's URL, for sampling its locks. */
  connectionString?: string;
  /** Where the instances' folders and logs go. */
  workDir: string;
  remove(): Promise<void>;
};

export function sqliteDatabase(workDir: string): BenchDatabase {
  const dataDir = path.join(workDir, 'sqlite');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return { kind: 'sqlite', environment: { DATA_DIR: dataDir }, workDir, remove: async () => {} };
}

async function onPostgres(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A new database of its own (not a schema of the test database), so that no other database's
 * advisory locks, the audit chain's among them, are counted with this run's or contend with it.
 */
export async function postgresDatabase(adminUrl: string, workDir: string): Promise<BenchDatabase> {
  const name = `accord_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  await onPostgres(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    environment: { DATABASE_URL: url.toString() },
    connectionString: url.toString(),
    workDir,
    remove: () => onPostgres(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

async function accordCommand(args: string[], env: Record<string, string>): Promise<string> {
  try {
    const { stdout } = await runFile(
      process.execPath,
      [path.join(root, 'src/cli/main.ts'), ...args],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      },
    );
    return stdout;
  } catch (error) {
    const failed = error as Error & { stderr?: string };
    throw new Error(`accord ${args.join(' ')} failed: ${failed.stderr ?? failed.message}`);
  }
}

/** The demo data set loaded, as `accord demo-data` does, and an API token for the team member. */
export async function loadDemoAndMakeToken(database: BenchDatabase): Promise<string> {
  const env = instanceEnvironment(database, 'cli');
  await accordCommand(['demo-data'], env);
  const token = (
    await accordCommand(['token', 'create', '--user', teamMemberEmail, '--name', 'throughput'], env)
  ).trim();
  if (!token.startsWith('accord_')) throw new Error(`accord token create printed "${token}"`);
  return token;
}

// Every instance signs sessions with the same secret, so a session made on one is good on all.
const sessionSecret = randomBytes(32).toString('hex');

function instanceEnvironment(database: BenchDatabase, name: string): Record<string, string> {
  // On PostgreSQL DATA_DIR keeps only an instance's generated files: one folder each.
  const environment: Record<string, string> = {
    ...database.environment,
    SESSION_SECRET: sessionSecret,
  };
  if (database.kind === 'postgres')
    environment.DATA_DIR = path.join(database.workDir, `pg-${name}`);
  return environment;
}

/** `node src/main.ts` in demo mode (for /demo/sign-in), as `npm run demo` starts it. */
export async function startAccordInstance(database: BenchDatabase, name: string): Promise<Child> {
  const port = await freePort();
  return startChild({
    name: `Accord ${name}`,
    script: path.join(root, 'src/main.ts'),
    env: {
      ...instanceEnvironment(database, name),
      PORT: String(port),
      DEMO_MODE: 'true',
      SHUTDOWN_GRACE_MS: '2000',
    },
    port,
    healthPath: '/health',
    logFile: path.join(database.workDir, `accord-${name}.log`),
  });
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0] as string);
}

/** Signs in at the demo's sign-in page as the team member; the session cookie to send. */
export async function signInToDemo(baseUrl: string): Promise<string> {
  const page = await fetch(`${baseUrl}/demo/sign-in`);
  const html = await page.text();
  const escaped = teamMemberEmail.replace(/[.+]/g, '\\$&');
  const personId = new RegExp(`${escaped}[\\s\\S]*?name="personId" value="([^"]+)"`).exec(
    html,
  )?.[1];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!personId || !csrf) throw new Error(`no sign-in for ${teamMemberEmail} at /demo/sign-in`);
  const response = await fetch(`${baseUrl}/demo/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: cookiesOf(page).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ _csrf: csrf, personId }).toString(),
  });
  await response.arrayBuffer();
  const session = cookiesOf(response).find((cookie) => cookie.startsWith('accord_session='));
  if (response.status !== 303 || !session) {
    throw new Error(`demo sign-in answered ${response.status} without a session cookie`);
  }
  return session;
}

/** A case the team member may see: the newest of the partnership's. */
export async function aCaseId(baseUrl: string, token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/disagreements?limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { items?: { id: string }[] };
  const id = body.items?.[0]?.id;
  if (!id) throw new Error(`GET /api/v1/disagreements answered ${response.status}, no case`);
  return id;
}
