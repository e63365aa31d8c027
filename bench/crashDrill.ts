// `npm run bench -- --crash-drill`: kill -9 Accord while many audited case reads and writes are
// in flight, start it again on the same data, and check that nothing it acknowledged was lost:
// every write answered 2xx is stored, every 2xx response has its audit entry (matched by the
// X-Request-Id the response named), the database is intact and `accord audit verify` passes.
// On SQLite (a temporary DATA_DIR) and, with TEST_DATABASE_URL, PostgreSQL (a fresh schema).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { AuditAction } from '../src/domain/audit/auditActions.ts';
import { systemClock } from '../src/domain/clock.ts';
import type { Role } from '../src/domain/vocabulary.ts';
import { createApiToken } from '../src/services/apiTokens.ts';
import { commandLine } from '../src/services/requestContext.ts';
import { anAgency, aPartnership, aPerson } from '../test/factories.ts';
import { type RunningAccord, startAccord } from '../test/runningAccord.ts';
import {
  createScratchDatabase,
  type DatabaseKind,
  databaseKindsToTest,
  type ScratchDatabase,
} from '../test/testDatabase.ts';

const root = path.resolve(import.meta.dirname, '..');

export type CrashDrillOptions = {
  kind: DatabaseKind;
  /** Requests fired at once: half case reads, a quarter raises, a quarter records. */
  requests: number;
  /** Accord is killed when this many responses have come back. */
  killAfter: number;
  /** The connections that carry them (one each unless told): the rest queue in the client. */
  connections?: number;
};

export type CrashDrillResult = {
  kind: DatabaseKind;
  sent: number;
  /** Answered 2xx: each must have left its trace. */
  acknowledged: { reads: number; writes: number };
  /** Answered, but not 2xx (none expected: each write has its own case and version). */
  refused: { count: number; byStatus: Record<string, number>; first?: string };
  /** The distinct errors the killed Accord logged (its 500s say why only there). */
  serverErrors: string[];
  /** Responses in when the kill was sent, how long after the first request, what was unanswered. */
  killedAt: { responses: number; ms: number; unanswered: { reads: number; writes: number } };
  /** Acknowledged responses whose write or audit entry was looked for after the restart. */
  checked: number;
  missing: string[];
  integrity: string;
  auditVerify: { exitCode: number | null; output: string };
};

type Json = Record<string, unknown> & { id: string; version: number };
export type Acknowledged =
  | { kind: 'read'; requestId: string; caseId: string }
  | { kind: 'raise'; requestId: string; caseId: string; version: number }
  | { kind: 'record'; requestId: string; caseId: string; version: number; recordId: string };

type Cast = {
  partnershipId: string;
  otherAgencyId: string;
  otherPersonId: string;
  raiserToken: string;
  teamToken: string;
};

/** An invented partnership: a school practitioner who raises, social care, and the team. */
async function seed(scratch: ScratchDatabase): Promise<Cast> {
  const database = openDatabase(scratch.target);
  try {
    await migrateToLatest(database.db);
    const { id: partnershipId } = await aPartnership(database, { name: 'Crash Drill Partnership' });
    const school = await anAgency(database, partnershipId, { kind: 'school' });
    const socialCare = await anAgency(database, partnershipId, { kind: 'childrens-social-care' });
    const person = (agencyId: string | null, roles: Role[]) =>
      aPerson(database, { partnershipId, agencyId, roles, password: null });
    const raiser = await person(school.id, ['practitioner']);
    const other = await person(socialCare.id, ['practitioner']);
    const team = await person(null, ['partnership-team']);
    const token = async (personId: string) =>
      (
        await createApiToken(
          { database, clock: systemClock },
          { personId, name: 'crash drill' },
          commandLine,
        )
      ).token;
    return {
      partnershipId,
      otherAgencyId: socialCare.id,
      otherPersonId: other.id,
      raiserToken: await token(raiser.id),
      teamToken: await token(team.id),
    };
  } finally {
    await database.close();
  }
}

function raiseBody(cast: Cast, n: number) {
  return {
    partnershipId: cast.partnershipId,
    raisedAt: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
    otherAgencyIds: [cast.otherAgencyId],
    otherPersonId: cast.otherPersonId,
    category: 'threshold',
    summary: `Crash drill case ${n}: the school sees neglect the front door did not accept`,
    impactOnChild: 'The child is often hungry',
    desiredOutcome: 'An assessment',
    urgent: false,
    children: [{ firstName: 'Robin', lastName: 'Drill', dateOfBirth: '2017-06-01' }],
  };
}

function recordBody(version: number) {
  return {
    version,
    occurredAt: new Date(Date.now() - 60 * 1000).toISOString(),
    mode: 'phone',
    participants: ['Both practitioners'],
    summary: 'Talked it through; no agreement yet',
  };
}

type Call = { method: string; path: string; token: string; body?: unknown };
type Answer = { status: number; requestId: string; json: Json };

/** One request over the drill's own pool of connections; rejects if the connection dies. */
function call(url: string, agent: http.Agent, { method, path: at, token, body }: Call) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<Answer>((resolve, reject) => {
    const request = http.request(
      `${url}/api/v1${at}`,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          if (!response.complete) return reject(new Error('the response was cut off'));
          resolve({
            status: response.statusCode ?? 0,
            requestId: String(response.headers['x-request-id'] ?? ''),
            json: JSON.parse(Buffer.concat(chunks).toString()) as Json,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** Cases raised before the drill, one for each record written during it (each at version 1). */
async function raiseBeforehand(
  url: string,
  agent: http.Agent,
  cast: Cast,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n += 8) {
    const batch = Array.from({ length: Math.min(8, count - n) }, (_, i) =>
      call(url, agent, {
        method: 'POST',
        path: '/disagreements',
        token: cast.raiserToken,
        body: raiseBody(cast, n + i),
      }),
    );
    for (const raised of await Promise.all(batch)) {
      if (raised.status !== 201) throw new Error(`raising before the drill: ${raised.status}`);
      ids.push(raised.json.id);
    }
  }
  return ids;
}

type Planned = { call: Call; acknowledge: (requestId: string, json: Json) => Acknowledged };

/** Reads, raises and records interleaved, so that each kind is in flight at the kill. */
function plan(cast: Cast, cases: string[], requests: number): Planned[] {
  const planned: Planned[] = [];
  let record = 0;
  for (let n = 0; n < requests; n++) {
    const turn = n % 4;
    if (turn === 1) {
      planned.push({
        call: {
          method: 'POST',
          path: '/disagreements',
          token: cast.raiserToken,
          body: raiseBody(cast, n),
        },
        acknowledge: (requestId, json) => ({
          kind: 'raise',
          requestId,
          caseId: json.id,
          version: json.version,
        }),
      });
    } else if (turn === 3 && record < cases.length) {
      const caseId = cases[record++] as string;
      planned.push({
        call: {
          method: 'POST',
          path: `/disagreements/${caseId}/records`,
          token: cast.raiserToken,
          body: recordBody(1),
        },
        acknowledge: (requestId, json) => ({
          kind: 'record',
          requestId,
          caseId,
          version: json.version,
          recordId: ((json.records as { id: string }[]).at(-1) as { id: string }).id,
        }),
      });
    } else {
      const caseId = cases[n % cases.length] as string;
      planned.push({
        call: { method: 'GET', path: `/disagreements/${caseId}`, token: cast.teamToken },
        acknowledge: (requestId) => ({ kind: 'read', requestId, caseId }),
      });
    }
  }
  return planned;
}

/** What survived, read straight from the database rather than through Accord. */
export type Stored = {
  integrity: string;
  cases: Map<string, { version: number; recordIds: Set<string> }>;
  audited: Map<string, { action: string; recordId: string | null }[]>;
};

type CaseRow = { id: string; version: number; document: unknown };
type AuditRow = { request_id: string; action: string; record_id: string | null };

function storedFrom(integrity: string, caseRows: CaseRow[], auditRows: AuditRow[]): Stored {
  const cases = new Map<string, { version: number; recordIds: Set<string> }>();
  for (const row of caseRows) {
    const document = (
      typeof row.document === 'string' ? JSON.parse(row.document) : row.document
    ) as { records?: { id: string }[] };
    const recordIds = new Set((document.records ?? []).map((each) => each.id));
    cases.set(row.id, { version: Number(row.version), recordIds });
  }
  const audited = new Map<string, { action: string; recordId: string | null }[]>();
  for (const row of auditRows) {
    const entries = audited.get(row.request_id) ?? [];
    entries.push({ action: row.action, recordId: row.record_id });
    audited.set(row.request_id, entries);
  }
  return { integrity, cases, audited };
}

const CASES = 'select id, version, document from disagreements';
const AUDITED = 'select request_id, action, record_id from audit_log where request_id is not null';

async function readStored(scratch: ScratchDatabase): Promise<Stored> {
  if (scratch.target.kind === 'sqlite') {
    const sqlite = new DatabaseSync(scratch.target.file);
    try {
      const integrity = (
        sqlite.prepare('pragma integrity_check').all() as { integrity_check: string }[]
      )
        .map((row) => row.integrity_check)
        .join('; ');
      return storedFrom(
        integrity,
        sqlite.prepare(CASES).all() as CaseRow[],
        sqlite.prepare(AUDITED).all() as AuditRow[],
      );
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: scratch.target.connectionString });
  await client.connect();
  try {
    // PostgreSQL recovers from its own log after a client dies: its check is that the queries work.
    return storedFrom(
      'ok (queries succeeded)',
      (await client.query(CASES)).rows,
      (await client.query(AUDITED)).rows,
    );
  } finally {
    await client.end();
  }
}

/** The audit entry each acknowledged response must have left, with its request id. */
const auditedAs: Record<Acknowledged['kind'], AuditAction> = {
  read: 'disagreement.viewed',
  raise: 'disagreement.raised',
  record: 'disagreement.discussion-recorded',
};

export function missingFrom(stored: Stored, acknowledged: Acknowledged[]): string[] {
  const missing: string[] = [];
  for (const ack of acknowledged) {
    const entries = stored.audited.get(ack.requestId) ?? [];
    const action = auditedAs[ack.kind];
    if (!entries.some((entry) => entry.recordId === ack.caseId && entry.action === action)) {
      missing.push(`the ${action} entry of request ${ack.requestId} (case ${ack.caseId})`);
    }
    if (ack.kind === 'read') continue;
    const found = stored.cases.get(ack.caseId);
    if (!found) missing.push(`case ${ack.caseId}, acknowledged by ${ack.kind} ${ack.requestId}`);
    else if (found.version < ack.version) {
      missing.push(`case ${ack.caseId} at version ${ack.version} (stored: ${found.version})`);
    } else if (ack.kind === 'record' && !found.recordIds.has(ack.recordId)) {
      missing.push(`record ${ack.recordId} of case ${ack.caseId}`);
    }
  }
  return missing;
}

function loggedErrors(output: string): string[] {
  const errors = new Set<string>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as {
        level?: number;
        msg?: string;
        err?: { message?: string };
      };
      if ((entry.level ?? 0) >= 50) errors.add(`${entry.msg}: ${entry.err?.message ?? ''}`);
    } catch {
      // a line cut off by the kill
    }
  }
  return [...errors];
}

async function auditVerify(environment: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(root, 'src/cli/main.ts'), 'audit', 'verify'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const [exitCode] = (await once(child, 'exit')) as [number | null];
  return { exitCode, output: output.trim() };
}

export async function crashDrill(options: CrashDrillOptions): Promise<CrashDrillResult> {
  const scratch = await createScratchDatabase(options.kind);
  // PostgreSQL still keeps its session secret in DATA_DIR: a folder of its own, not ./data.
  const dataDir = scratch.environment.DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'accord-'));
  const environment = { PORT: '0', ...scratch.environment, DATA_DIR: dataDir };
  const servers: RunningAccord[] = [];
  try {
    const cast = await seed(scratch);
    const agent = new http.Agent({
      keepAlive: true,
      maxSockets: options.connections ?? options.requests,
    });
    const first = startAccord(environment);
    servers.push(first);
    const url = await first.listening;
    const cases = await raiseBeforehand(url, agent, cast, Math.ceil(options.requests / 4));
    const planned = plan(cast, cases, options.requests);

    const acknowledged: Acknowledged[] = [];
    const answered = { reads: 0, writes: 0 };
    const refused: CrashDrillResult['refused'] = { count: 0, byStatus: {} };
    const kill: { at?: CrashDrillResult['killedAt'] } = {};
    const started = performance.now();
    await Promise.allSettled(
      planned.map(async ({ call: request, acknowledge }) => {
        const answer = await call(url, agent, request);
        if (answer.status >= 200 && answer.status < 300) {
          acknowledged.push(acknowledge(answer.requestId, answer.json));
        } else {
          refused.count++;
          refused.byStatus[answer.status] = (refused.byStatus[answer.status] ?? 0) + 1;
          refused.first ??= `${request.method} ${request.path}: ${answer.status} ${JSON.stringify(answer.json)}`;
        }
        answered[request.method === 'GET' ? 'reads' : 'writes']++;
        if (answered.reads + answered.writes === options.killAfter) {
          first.child.kill('SIGKILL');
          const reads = planned.filter((each) => each.call.method === 'GET').length;
          kill.at = {
            responses: options.killAfter,
            ms: performance.now() - started,
            unanswered: {
              reads: reads - answered.reads,
              writes: planned.length - reads - answered.writes,
            },
          };
        }
      }),
    );
    await first.exited;
    agent.destroy();
    const killedAt = kill.at;
    if (!killedAt) throw new Error(`fewer than ${options.killAfter} requests were answered`);

    const second = startAccord(environment);
    servers.push(second);
    const restarted = await second.listening;
    const health = await fetch(`${restarted}/health`);
    if (health.status !== 200) throw new Error(`after the restart /health is ${health.status}`);
    const stopped = await second.stop();
    if (stopped !== 0) throw new Error(`the restarted Accord stopped with ${stopped}`);

    const stored = await readStored(scratch);
    const reads = acknowledged.filter((ack) => ack.kind === 'read').length;
    return {
      kind: options.kind,
      sent: planned.length,
      acknowledged: { reads, writes: acknowledged.length - reads },
      refused,
      serverErrors: loggedErrors(first.output()),
      killedAt,
      checked: acknowledged.length,
      missing: missingFrom(stored, acknowledged),
      integrity: stored.integrity,
      auditVerify: await auditVerify(environment),
    };
  } finally {
    // A drill that failed part-way leaves no server running on a removed database.
    for (const accord of servers) if (accord.child.exitCode === null) accord.child.kill('SIGKILL');
    await scratch.remove();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Nothing acknowledged was lost, the database is intact and the audit chain verifies. */
export function crashDrillHeld(result: CrashDrillResult): boolean {
  return (
    result.missing.length === 0 &&
    result.integrity.startsWith('ok') &&
    result.auditVerify.exitCode === 0
  );
}

const argument = (name: string, otherwise: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : otherwise;
};

/** `--requests 1000 --kill-after 300`, each on a connection of its own unless `--connections`. */
export async function runCrashDrill(): Promise<boolean> {
  const requests = argument('requests', 1000);
  const killAfter = argument('kill-after', 300);
  const connections = argument('connections', requests);
  let held = true;
  for (const { kind, skip } of databaseKindsToTest()) {
    if (skip) {
      console.log(`crash drill on ${kind}: skipped (${skip})`);
      continue;
    }
    const result = await crashDrill({ kind, requests, killAfter, connections });
    const ok = crashDrillHeld(result);
    held &&= ok;
    console.log(
      [
        `crash drill on ${kind}: ${ok ? 'held' : 'FAILED'}`,
        `  sent ${result.sent} at once over ${connections} connections (half case reads, a quarter raises, a quarter records)`,
        `  killed (kill -9) at ${result.killedAt.responses} responses, ${result.killedAt.ms.toFixed(0)} ms after the first request, with ${result.killedAt.unanswered.reads} reads and ${result.killedAt.unanswered.writes} writes unanswered`,
        `  acknowledged ${result.acknowledged.reads + result.acknowledged.writes}: ${result.acknowledged.reads} reads, ${result.acknowledged.writes} writes; refused ${result.refused.count} ${JSON.stringify(result.refused.byStatus)}`,
        ...(result.refused.first ? [`    the first refused: ${result.refused.first}`] : []),
        ...result.serverErrors.slice(0, 5).map((error) => `    Accord logged: ${error}`),
        `  checked after a restart: ${result.checked}; missing: ${result.missing.length}`,
        ...result.missing.slice(0, 10).map((line) => `    missing ${line}`),
        `  integrity: ${result.integrity}`,
        `  accord audit verify (exit ${result.auditVerify.exitCode}): ${result.auditVerify.output}`,
      ].join('\n'),
    );
  }
  return held;
}
