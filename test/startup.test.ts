import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { startAccord } from './runningAccord.ts';
import { createScratchDatabase, databaseKindsToTest } from './testDatabase.ts';

for (const { kind, skip } of databaseKindsToTest()) {
  describe(`npm start [${kind}]`, { skip }, () => {
    test('serves first-run setup and a healthy /health on a fresh database', async (t) => {
      const scratch = await createScratchDatabase(kind);
      t.after(() => scratch.remove());
      const dataDir = path.join(
        scratch.environment.DATA_DIR ?? path.join('/tmp', `accord-${process.pid}`),
        'nested',
        'data',
      );
      const accord = startAccord({ PORT: '0', ...scratch.environment, DATA_DIR: dataDir });
      t.after(() => accord.stop());

      const url = await accord.listening;
      const health = await fetch(`${url}/health`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok', database: true });
      const home = await fetch(url, { redirect: 'manual' });
      assert.equal(home.status, 302, 'an empty database sends the home page to setup');
      assert.equal(home.headers.get('location'), '/setup');
      const setup = await fetch(`${url}/setup`);
      assert.equal(setup.status, 200);
      assert.match(await setup.text(), /<h1 class="govuk-heading-l">Set up Accord<\/h1>/);
      const printed = await waitFor(() =>
        /First-run setup code: ([0-9a-f-]{39})\n/.exec(accord.output()),
      );
      assert.ok(printed, 'the one-time setup code is printed on standard output');
      assert.ok(existsSync(dataDir), 'DATA_DIR is created');

      if (kind === 'postgres') {
        const client = new pg.Client({ connectionString: scratch.environment.DATABASE_URL });
        await client.connect();
        const { rows } = await client.query("select to_regclass('settings') as found");
        await client.end();
        assert.equal(rows[0].found, 'settings', 'migrated into the configured database');
      } else {
        assert.ok(
          existsSync(path.join(dataDir, 'accord.sqlite')),
          'the embedded database is created',
        );
      }
    });
  });
}

async function waitFor<T>(find: () => T | null | undefined, ms = 5000): Promise<T | undefined> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

describe('start-up refusals', () => {
  test('PORT=abc stops start-up with a message naming PORT', async () => {
    const accord = startAccord({ PORT: 'abc' });
    assert.equal(await accord.exited, 1);
    assert.match(accord.output(), /PORT: must be a whole number from 0 to 65535 \(got "abc"\)/);
  });

  test('an unreachable DATABASE_URL stops start-up with a message naming it', async (t) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'accord-unreachable-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const accord = startAccord({
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://postgres:pw@127.0.0.1:1/accord',
    });
    assert.equal(await accord.exited, 1);
    assert.match(
      accord.output(),
      /cannot use the database at postgres:\/\/postgres@127\.0\.0\.1:1\/accord \(DATABASE_URL\)/,
    );
    assert.doesNotMatch(accord.output(), /pw/);
  });
});

describe('graceful shutdown', () => {
  const dataDirs: string[] = [];
  after(async () => {
    const { rmSync } = await import('node:fs');
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  test('on SIGTERM a request in flight completes, then the database closes and the process exits 0', async () => {
    const scratch = await createScratchDatabase('sqlite');
    const dataDir = scratch.environment.DATA_DIR ?? '';
    dataDirs.push(dataDir);
    const accord = startAccord({ PORT: '0', DATA_DIR: dataDir });
    const { port } = new URL(await accord.listening);

    // A request whose body is still arriving when the signal comes: the setup form, which
    // is read in full and then refused for want of a CSRF token.
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let response = '';
    socket.on('data', (chunk) => {
      response += chunk.toString();
    });
    const body = 'partnershipName=In+flight&name=Test';
    socket.write(
      `POST /setup HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    accord.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(accord.child.exitCode, null, 'still running while the request is in flight');
    assert.equal(response, '', 'nothing answered before the body arrived');
    socket.end(body.slice(5));

    assert.equal(await accord.exited, 0);
    assert.match(response, /^HTTP\/1\.1 403 /, 'the in-flight request was answered');
    assert.match(accord.output(), /stopping: finishing requests in progress/);
    assert.ok(
      !existsSync(path.join(dataDir, 'accord.sqlite-wal')),
      'SQLite closed cleanly (WAL checkpointed)',
    );
  });
});

describe('the data folder while Accord runs', () => {
  test('is made 0700 and marked with the server’s process id until it stops', async (t) => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'accord-marked-'));
    t.after(() => rmSync(parent, { recursive: true, force: true }));
    const dataDir = path.join(parent, 'data');
    const accord = startAccord({ PORT: '0', DATA_DIR: dataDir });
    await accord.listening;
    assert.equal(statSync(dataDir).mode & 0o777, 0o700);
    assert.equal(statSync(path.join(dataDir, 'accord.sqlite')).mode & 0o777, 0o600);
    assert.equal(statSync(path.join(dataDir, 'session-secret')).mode & 0o777, 0o600);
    const marker = path.join(dataDir, 'server.pid');
    assert.equal(readFileSync(marker, 'utf8'), `${accord.child.pid}\n`);
    assert.equal(await accord.stop(), 0);
    assert.ok(!existsSync(marker), 'the mark is removed when the server stops');
  });

  test('start-up is refused while a restore is replacing the database', async (t) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'accord-restoring-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    // This test process stands for the restore.
    writeFileSync(path.join(dataDir, 'restore.pid'), `${process.pid}\n`);
    const accord = startAccord({ PORT: '0', DATA_DIR: dataDir });
    assert.equal(await accord.exited, 1);
    assert.match(
      accord.output(),
      new RegExp(`cannot start: a restore \\(process ${process.pid}\\) is replacing the database`),
    );
    assert.ok(!existsSync(path.join(dataDir, 'accord.sqlite')), 'the database was not opened');
  });

  test('start-up is refused after a restore that was interrupted, the previous database set aside', async (t) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'accord-interrupted-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const ended = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => ended.on('exit', resolve));
    writeFileSync(path.join(dataDir, 'restore.pid'), `${ended.pid}\n`);
    writeFileSync(path.join(dataDir, 'accord.sqlite.before-restore-2026-12-06T100000Z'), '');
    const accord = startAccord({ PORT: '0', DATA_DIR: dataDir });
    assert.equal(await accord.exited, 1);
    assert.match(
      accord.output(),
      /cannot start: a restore was interrupted in .*: see \\?"If a restore was interrupted\\?" in docs\/operations\.md/,
    );
    assert.ok(!existsSync(path.join(dataDir, 'accord.sqlite')), 'no new, empty database was made');
  });
});
