import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import {
  claimForRestore,
  claimForServer,
  DataFolderBusy,
  RESTORE_MARKER,
  refuseWhileRestoreUnfinished,
  SERVER_MARKER,
} from './dataFolderClaims.ts';

/** The id of a process that has ended, as a crash leaves in its marker. */
async function aDeadProcessId(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

describe('who is using the data folder', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'accord-claims-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  test('a server marks the folder with its process id, private, and removes the mark when it stops', () => {
    const claim = claimForServer(folder);
    const marker = path.join(folder, SERVER_MARKER);
    assert.equal(readFileSync(marker, 'utf8'), `${process.pid}\n`);
    assert.equal(statSync(marker).mode & 0o777, 0o600);
    claim.release();
    assert.ok(!existsSync(marker));
  });

  test('a restore is refused while a server runs, naming it', () => {
    const server = claimForServer(folder);
    assert.throws(
      () => claimForRestore(folder),
      (error) =>
        error instanceof DataFolderBusy &&
        error.message.startsWith(`Accord (process ${process.pid}) is using ${folder}`),
    );
    assert.ok(!existsSync(path.join(folder, RESTORE_MARKER)), 'the refused restore left no mark');
    server.release();
    claimForRestore(folder).release();
  });

  test('a server does not start while a restore runs', () => {
    const restore = claimForRestore(folder);
    assert.throws(
      () => claimForServer(folder),
      (error) => error instanceof DataFolderBusy && /a restore \(process \d+\)/.test(error.message),
    );
    assert.ok(!existsSync(path.join(folder, SERVER_MARKER)), 'the refused server left no mark');
    restore.release();
  });

  test('two restores do not run at once', () => {
    const first = claimForRestore(folder);
    assert.throws(() => claimForRestore(folder), /another restore/);
    first.release();
  });

  test('marks left by processes that died block nobody', async () => {
    writeFileSync(path.join(folder, SERVER_MARKER), `${await aDeadProcessId()}\n`);
    writeFileSync(path.join(folder, RESTORE_MARKER), `${await aDeadProcessId()}\n`);
    const restore = claimForRestore(folder);
    assert.equal(readFileSync(path.join(folder, RESTORE_MARKER), 'utf8'), `${process.pid}\n`);
    restore.release();
    claimForServer(folder).release();
  });

  test('a server stopping removes only its own mark, not a newer server’s', () => {
    const older = claimForServer(folder, 1);
    writeFileSync(path.join(folder, SERVER_MARKER), `${process.pid}\n`);
    older.release();
    assert.equal(readFileSync(path.join(folder, SERVER_MARKER), 'utf8'), `${process.pid}\n`);
  });

  test('a server does not start after a restore that died, until its marker is removed', async () => {
    writeFileSync(path.join(folder, 'accord.sqlite'), '');
    writeFileSync(path.join(folder, RESTORE_MARKER), `${await aDeadProcessId()}\n`);
    assert.throws(
      () => claimForServer(folder),
      (error) =>
        error instanceof DataFolderBusy &&
        /a restore was interrupted .*see "If a restore was interrupted" in docs\/operations\.md/.test(
          error.message,
        ),
    );
    assert.ok(!existsSync(path.join(folder, SERVER_MARKER)), 'the refused server left no mark');
    rmSync(path.join(folder, RESTORE_MARKER));
    claimForServer(folder).release();
  });

  test('nothing opens a folder whose database a restore set aside and did not put back', () => {
    writeFileSync(path.join(folder, 'accord.sqlite.before-restore-2026-12-06T100000Z'), '');
    writeFileSync(path.join(folder, 'accord.sqlite.before-restore-2026-12-06T100000Z-wal'), '');
    assert.throws(
      () => refuseWhileRestoreUnfinished(folder, 'run this command'),
      /there is no accord\.sqlite, but accord\.sqlite\.before-restore-2026-12-06T100000Z is there/,
    );
    writeFileSync(path.join(folder, 'accord.sqlite'), '');
    refuseWhileRestoreUnfinished(folder, 'run this command');
  });

  test('nor one with a log and no database, which SQLite would read against a new one', () => {
    writeFileSync(path.join(folder, 'accord.sqlite-wal'), '');
    assert.throws(
      () => claimForServer(folder),
      /accord\.sqlite-wal is there without accord\.sqlite/,
    );
  });
});
