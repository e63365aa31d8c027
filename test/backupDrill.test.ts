import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, test } from 'node:test';
import { SQLITE_FILE_NAME } from '../src/db/database.ts';
import { accordCommand } from './accordCommand.ts';
import { startAccord } from './runningAccord.ts';

// The backup and restore drill (issue 12): the real server on the embedded database takes 500
// concurrent writes (cases raised through the API); midway `accord backup` runs as its own
// process; the backup is restored into a new data folder. Every write acknowledged before the
// backup began must be there, the restored database must pass its integrity check and its audit
// chain must verify. The figures are printed as the test's diagnostics:
//   npx node --test test/backupDrill.test.ts

const WRITES = 500;
const BACKUP_AFTER = 150;
const root = path.resolve(import.meta.dirname, '..');

const folders: string[] = [];
function aFolder(name: string): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), `accord-drill-${name}-`));
  folders.push(folder);
  return folder;
}
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const accord = (dataDir: string, ...argv: string[]) =>
  accordCommand({ DATA_DIR: dataDir }, ...argv);

/** `accord backup FILE` as an administrator runs it: a process of its own. */
function backupProcess(dataDir: string, file: string) {
  const child = spawn(process.execPath, [path.join(root, 'src/cli/main.ts'), 'backup', file], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return once(child, 'exit').then(([code]) => ({ code: code as number | null, output }));
}

/** What the drill reads of the API's answers: their string fields. */
type Json = Record<string, string>;

test('backup and restore drill: a backup taken during 500 concurrent writes loses none acknowledged before it began', async (t) => {
  const dataDir = aFolder('live');
  assert.equal((await accord(dataDir, 'demo-data')).exitCode, 0);
  const tokenFor = async (email: string) =>
    (await accord(dataDir, 'token', 'create', '--user', email, '--name', 'drill')).stdout.trim();
  const adminToken = await tokenFor('admin@example.org');

  const server = startAccord({ PORT: '0', DATA_DIR: dataDir, SESSION_SECRET: 's'.repeat(40) });
  t.after(() => server.stop());
  const url = await server.listening;
  const api = async (token: string, method: string, route: string, body?: unknown) => {
    const response = await fetch(`${url}/api/v1${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  const partnerships = (await api(adminToken, 'GET', '/partnerships')).body as Json[];
  const pan = partnerships.find((p) => p.protocolId === 'pan-lancashire') as Json;
  const people = (await api(adminToken, 'GET', `/partnerships/${pan.id}/people`)).body as Json[];
  const agencies = (await api(adminToken, 'GET', `/partnerships/${pan.id}/agencies`))
    .body as Json[];
  const school = agencies.find((a) => a.kind === 'school') as Json;
  const socialCare = agencies.find((a) => a.kind === 'childrens-social-care') as Json;
  const raiser = people.find((p) => p.agencyId === school.id && p.role === 'practitioner') as Json;
  const other = people.find(
    (p) => p.agencyId === socialCare.id && p.role === 'practitioner',
  ) as Json;
  const raiserToken = await tokenFor(raiser.email as string);

  const acknowledged: string[] = [];
  let acknowledgedBeforeBackup: Set<string> | undefined;
  let backupFinished: ReturnType<typeof backupProcess> | undefined;
  let backupRunning = false;
  let acknowledgedDuringBackup = 0;
  const backupFile = path.join(aFolder('backups'), 'accord-drill.sqlite');

  const writes = Array.from({ length: WRITES }, async (_, index) => {
    const raised = await api(raiserToken, 'POST', '/disagreements', {
      partnershipId: pan.id,
      raisedAt: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
      otherAgencyIds: [socialCare.id],
      otherPersonId: other.id,
      category: 'threshold',
      summary: `Drill write ${index + 1}`,
      impactOnChild: 'None: an invented case for the backup drill',
      desiredOutcome: 'An assessment',
      urgent: false,
      children: [{ firstName: 'Drew', lastName: 'Drill', dateOfBirth: '2018-03-01' }],
    });
    assert.equal(raised.status, 201, JSON.stringify(raised.body));
    acknowledged.push((raised.body as Json).id as string);
    if (backupRunning) acknowledgedDuringBackup++;
    if (acknowledged.length === BACKUP_AFTER) {
      // What is acknowledged now was acknowledged before the backup began.
      acknowledgedBeforeBackup = new Set(acknowledged);
      backupRunning = true;
      backupFinished = backupProcess(dataDir, backupFile).finally(() => {
        backupRunning = false;
      });
    }
  });
  await Promise.all(writes);
  const before = acknowledgedBeforeBackup as Set<string>;
  assert.ok(backupFinished, 'the backup was started');
  const backup = await backupFinished;
  assert.equal(backup.code, 0, backup.output);
  assert.equal(statSync(backupFile).mode & 0o777, 0o600, 'the backup is its owner’s alone');

  const whileRunning = await accord(dataDir, 'restore', backupFile);
  assert.equal(whileRunning.exitCode, 1, 'no restore under a running server');
  assert.match(whileRunning.stderr, /Accord \(process \d+\) is using .*: stop it before restoring/);
  assert.equal(await server.stop(), 0);

  const restoredDir = aFolder('restored');
  const restored = await accord(restoredDir, 'restore', backupFile);
  assert.equal(restored.exitCode, 0, restored.stderr);

  const database = new DatabaseSync(path.join(restoredDir, SQLITE_FILE_NAME));
  const present = new Set(
    database
      .prepare(
        "select id from disagreements where json_extract(document, '$.summary') like 'Drill write %'",
      )
      .all()
      .map((row) => String(row.id)),
  );
  const integrity = database.prepare('pragma integrity_check').get()?.integrity_check;
  database.close();
  const lost = [...before].filter((id) => !present.has(id));
  const audit = await accord(restoredDir, 'audit', 'verify');

  t.diagnostic(
    `backup drill: ${WRITES} concurrent writes, all acknowledged; ${before.size} acknowledged before the backup began, ${[...before].filter((id) => present.has(id)).length} of them present after restore, ${lost.length} lost; ${acknowledgedDuringBackup} acknowledged while the backup ran; the backup holds ${present.size} of the ${WRITES}`,
  );
  t.diagnostic(`integrity_check: ${integrity}; accord audit verify: ${audit.stdout.trim()}`);

  assert.equal(acknowledged.length, WRITES);
  assert.ok(acknowledgedDuringBackup > 0, 'the server went on writing while the backup ran');
  assert.deepEqual(lost, []);
  assert.ok(present.size >= before.size && present.size <= WRITES);
  assert.equal(integrity, 'ok');
  assert.equal(audit.exitCode, 0, audit.stdout);
});
