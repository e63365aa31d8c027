// `npm run bench -- --throughput`: Accord's throughput as a share of a bare Fastify hello-world
// on the same Node, from one run (issue 15). Every server is a child process: the hello-world,
// Accord on SQLite, and (with TEST_DATABASE_URL) two Accord instances on one fresh PostgreSQL
// database, reached directly (one instance) and through a round-robin proxy (two). autocannon
// loads them from this process, hello-world and Accord in turn, round after round.
// Flags: --rounds N (2), --duration SECONDS per run (4), --connections N (32).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { coldStartTimes, median } from './startup.ts';
import {
  aCaseId,
  type BenchDatabase,
  loadDemoAndMakeToken,
  postgresDatabase,
  signInToDemo,
  sqliteDatabase,
  startAccordInstance,
} from './throughput/accordInstances.ts';
import { type Child, freePort, onInterrupt, startChild } from './throughput/children.ts';
import { type LoadOptions, measure } from './throughput/load.ts';
import { type LockSample, sampleLocks } from './throughput/postgresLocks.ts';
import type { StartTimes } from './throughput/report.ts';
import { type BenchRequest, printReport, type RunRecord } from './throughput/report.ts';

const requests: BenchRequest[] = [
  {
    label: 'GET /api/v1/disagreements/:id',
    path: (id) => `/api/v1/disagreements/${id}`,
    auth: 'token',
    goal: { percentOfHelloWorld: 5, p99Ms: 25 },
  },
  {
    label: 'GET /api/v1/disagreements?limit=50',
    path: () => '/api/v1/disagreements?limit=50',
    auth: 'token',
    goal: { percentOfHelloWorld: 3 },
  },
  {
    label: 'case page /disagreements/:id',
    path: (id) => `/disagreements/${id}`,
    auth: 'session',
    goal: { percentOfHelloWorld: 2.5, p99Ms: 50 },
  },
];

/** Accord as one configuration serves it: where to send requests and as whom. */
type Configuration = {
  name: string;
  url: string;
  /** The Accord processes whose CPU time the requests cost. */
  servers: Child[];
  token: string;
  cookie: string;
  caseId: string;
  /** PostgreSQL's URL, to sample its locks while loaded. */
  lockDatabaseUrl?: string;
};

const SQLITE = 'SQLite';
const POSTGRES_ONE = 'PostgreSQL, 1 instance';
const POSTGRES_TWO = 'PostgreSQL, 2 instances';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

function headersFor(configuration: Configuration, request: BenchRequest): Record<string, string> {
  return request.auth === 'token'
    ? { authorization: `Bearer ${configuration.token}` }
    : { cookie: configuration.cookie };
}

/** Each request answers 200 (twice, so both instances behind the proxy are seen to). */
async function checkAnswers(configuration: Configuration): Promise<void> {
  for (const request of requests) {
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await fetch(`${configuration.url}${request.path(configuration.caseId)}`, {
        headers: headersFor(configuration, request),
        redirect: 'manual',
      });
      await response.arrayBuffer();
      if (response.status !== 200) {
        throw new Error(`${configuration.name}: ${request.label} answered ${response.status}`);
      }
    }
  }
}

async function sqliteConfiguration(workDir: string, databases: BenchDatabase[]) {
  const database = sqliteDatabase(workDir);
  databases.push(database);
  const token = await loadDemoAndMakeToken(database);
  const server = await startAccordInstance(database, 'sqlite');
  const configuration: Configuration = {
    name: SQLITE,
    url: server.url,
    servers: [server],
    token,
    cookie: await signInToDemo(server.url),
    caseId: await aCaseId(server.url, token),
  };
  return { configuration, started: [server] };
}

async function postgresConfigurations(
  adminUrl: string,
  workDir: string,
  databases: BenchDatabase[],
) {
  const database = await postgresDatabase(adminUrl, workDir);
  databases.push(database);
  const token = await loadDemoAndMakeToken(database);
  const first = await startAccordInstance(database, 'postgres-1');
  const second = await startAccordInstance(database, 'postgres-2');
  const proxyPort = await freePort();
  const proxy = await startChild({
    name: 'round-robin proxy',
    script: path.join(import.meta.dirname, 'throughput/roundRobinProxy.ts'),
    args: [String(proxyPort), first.url, second.url],
    env: {},
    port: proxyPort,
    healthPath: '/health',
    logFile: path.join(workDir, 'proxy.log'),
  });
  const shared = {
    token,
    cookie: await signInToDemo(first.url),
    caseId: await aCaseId(first.url, token),
    lockDatabaseUrl: database.connectionString,
  };
  return {
    configurations: [
      { name: POSTGRES_ONE, url: first.url, servers: [first], ...shared },
      { name: POSTGRES_TWO, url: proxy.url, servers: [first, second], ...shared },
    ],
    started: [first, second, proxy],
  };
}

async function loadOnce(
  configuration: Configuration,
  request: BenchRequest,
  options: LoadOptions,
): Promise<{ measurement: Awaited<ReturnType<typeof measure>>; locks?: LockSample }> {
  const sampler = configuration.lockDatabaseUrl
    ? await sampleLocks(configuration.lockDatabaseUrl)
    : undefined;
  const measurement = await measure(
    `${configuration.url}${request.path(configuration.caseId)}`,
    headersFor(configuration, request),
    options,
    configuration.servers,
  );
  const locks = await sampler?.stop();
  return locks ? { measurement, locks } : { measurement };
}

/** Where the runs have got to, on a terminal only (a log keeps just the table). */
function progress(words: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${words.padEnd(process.stderr.columns - 1)}\r`);
}

export async function runThroughputBenchmarks(): Promise<void> {
  const rounds = flag('rounds', 2);
  const options: LoadOptions = {
    connections: flag('connections', 32),
    durationSeconds: flag('duration', 4),
  };
  const loadBefore = os.loadavg()[0] ?? 0;
  const coldStart = await coldStartTimes('sqlite', 5);
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'accord-throughput-'));
  const started: Child[] = [];
  const databases: BenchDatabase[] = [];
  const removeWhatWasMade = async () => {
    for (const database of databases) await database.remove();
    rmSync(workDir, { recursive: true, force: true });
  };
  const forget = onInterrupt(removeWhatWasMade);
  let failed = true;
  try {
    const helloPort = await freePort();
    const helloWorld = await startChild({
      name: 'hello-world',
      script: path.join(import.meta.dirname, 'throughput/helloWorld.ts'),
      args: [String(helloPort)],
      env: {},
      port: helloPort,
      healthPath: '/',
      logFile: path.join(workDir, 'hello-world.log'),
    });
    started.push(helloWorld);
    const sqlite = await sqliteConfiguration(workDir, databases);
    started.push(...sqlite.started);
    const configurations = [sqlite.configuration];
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (adminUrl) {
      const postgres = await postgresConfigurations(adminUrl, workDir, databases);
      started.push(...postgres.started);
      configurations.push(...postgres.configurations);
    } else {
      console.log('throughput on PostgreSQL: skipped (TEST_DATABASE_URL is not set)');
    }
    for (const configuration of configurations) await checkAnswers(configuration);

    const warmUp = { ...options, durationSeconds: 1 };
    await measure(helloWorld.url, {}, warmUp, []);
    for (const configuration of configurations) {
      for (const request of requests) await loadOnce(configuration, request, warmUp);
    }
    const records: RunRecord[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const request of requests) {
        for (const configuration of configurations) {
          progress(`round ${round} of ${rounds}: ${request.label} on ${configuration.name}…`);
          const hello = await measure(helloWorld.url, {}, options, [helloWorld]);
          const { measurement, locks } = await loadOnce(configuration, request, options);
          records.push({
            request,
            configuration: configuration.name,
            accord: measurement,
            helloWorld: hello,
            ...(locks ? { locks } : {}),
          });
        }
      }
    }
    progress('');
    printReport({
      heading: `Throughput: ${options.connections} connections, ${options.durationSeconds} s runs, ${rounds} rounds of hello-world then Accord in turn; the demo data, as its partnership team (API token; web session for the page)`,
      records,
      requests,
      configurations: configurations.map((configuration) => configuration.name),
      ...(adminUrl ? { twoInstances: { one: POSTGRES_ONE, two: POSTGRES_TWO } } : {}),
      loadAverages: [loadBefore, os.loadavg()[0] ?? 0],
      coldStartMs: Object.fromEntries(
        Object.entries(coldStart).map(([start, times]) => [
          start,
          { median: median(times), worst: Math.max(...times), runs: times.length },
        ]),
      ) as Record<keyof typeof coldStart, StartTimes>,
    });
    failed = false;
  } finally {
    for (const child of started.reverse()) {
      if (failed) console.error(`--- end of ${child.name}'s log ---\n${child.logTail()}`);
      await child.stop();
    }
    await removeWhatWasMade();
    forget();
  }
}
