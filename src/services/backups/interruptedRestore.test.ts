import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs, { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, test } from 'node:test';
import { accordCommand } from '../../../test/accordCommand.ts';
import { aCase, aDisagreementCast } from '../../../test/factories.ts';
import { openDatabase, SQLITE_FILE_NAME } from '../../db/database.ts';
import { claimForServer, DataFolderBusy, RESTORE_MARKER } from '../../db/dataFolderClaims.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { fixedClock } from '../../domain/clock.ts';

// A restore that dies part-way (the machine stops, the process is killed) must lose nothing:
// the data folder it leaves is refused by the server and by every command until someone puts
// it right, and the recovery docs/operations.md gives brings back every committed row. Each
// file operation of a real restore is taken as a place it could die: the folder is copied as
// it stands just before it.

const accord = (dataDir: string, ...argv: string[]) =>
  accordCommand({ DATA_DIR: dataDir }, ...argv);

const folders: string[] = [];
function aFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'accord-interrupted-'));
  folders.push(folder);
  return folder;
}
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const clock = fixedClock('2026-11-24T10:00:00Z');

async function aDataFolder(summaries: string[]): Promise<string> {
  const dataDir = aFolder();
  const database = openDatabase({ kind: 'sqlite', file: path.join(dataDir, SQLITE_FILE_NAME) });
  try {
    await migrateToLatest(database.db);
    const cast = await aDisagreementCast(database);
    for (const summary of summaries) await aCase({ database, clock }, cast, { summary });
    return dataDir;
  } finally {
    await database.close();
  }
}

/**
 * A data folder as a server that crashed leaves it: the last change, committed, is only in the
 * write-ahead log beside the database (copied while the writer still had it open).
 */
async function aCrashedServersFolder(summary: string, lastChange: string): Promise<string> {
  const running = path.join(await aDataFolder([summary]), SQLITE_FILE_NAME);
  const writer = new DatabaseSync(running);
  writer.exec('PRAGMA wal_autocheckpoint = 0; PRAGMA journal_mode = WAL');
  writer
    .prepare("update disagreements set document = json_set(document, '$.summary', ?)")
    .run(lastChange);
  const dataDir = aFolder();
  fs.copyFileSync(running, path.join(dataDir, SQLITE_FILE_NAME));
  fs.copyFileSync(`${running}-wal`, path.join(dataDir, `${SQLITE_FILE_NAME}-wal`));
  writer.close();
  assert.ok(statSync(path.join(dataDir, `${SQLITE_FILE_NAME}-wal`)).size > 0);
  return dataDir;
}

function summariesIn(dataDir: string): string[] {
  const database = new DatabaseSync(path.join(dataDir, SQLITE_FILE_NAME));
  try {
    return database
      .prepare('select document from disagreements')
      .all()
      .map((row) => JSON.parse(String(row.document)).summary as string)
      .sort();
  } finally {
    database.close();
  }
}

async function aDeadProcessId(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

const original = {
  copyFileSync: fs.copyFileSync,
  linkSync: fs.linkSync,
  renameSync: fs.renameSync,
  rmSync: fs.rmSync,
  unlinkSync: fs.unlinkSync,
};
type Step = keyof typeof original;

/**
 * Runs `work` with every file operation in `dataDir` preceded by a copy of the folder as it
 * stands: what the restore would leave if it died there. The copies keep the restore's marker,
 * its process then dead.
 */
async function withCrashPoints(
  dataDir: string,
  work: () => Promise<void>,
): Promise<{ step: string; folder: string; others?: string }[]> {
  const deadPid = await aDeadProcessId();
  const crashes: { step: string; folder: string; others?: string }[] = [];
  // Whether a command starting now could read the previous database, while it is swapped out.
  const whatAnotherConnectionFinds = (step: string) => {
    if (!/^before (linkSync\(accord\.sqlite,|renameSync\(accord\.sqlite\.restoring)/.test(step)) {
      return undefined;
    }
    const other = new DatabaseSync(path.join(dataDir, SQLITE_FILE_NAME));
    try {
      other.exec('PRAGMA busy_timeout = 0');
      other.prepare('select count(*) from disagreements').get();
      return 'readable';
    } catch (error) {
      return (error as Error).message;
    } finally {
      other.close();
    }
  };
  const snapshot = (step: string) => {
    const folder = aFolder();
    for (const name of readdirSync(dataDir)) {
      original.copyFileSync(path.join(dataDir, name), path.join(folder, name));
    }
    if (existsSync(path.join(folder, RESTORE_MARKER))) {
      writeFileSync(path.join(folder, RESTORE_MARKER), `${deadPid}\n`);
    }
    crashes.push({ step, folder, others: whatAnotherConnectionFinds(step) });
  };
  const inDataDir = (file: unknown) =>
    typeof file === 'string' && path.dirname(path.resolve(file)) === dataDir;
  const patched = fs as unknown as Record<Step, (...args: unknown[]) => unknown>;
  for (const step of Object.keys(original) as Step[]) {
    patched[step] = (...args: unknown[]) => {
      if (args.slice(0, 2).some(inDataDir) && existsSync(args[0] as string)) {
        snapshot(
          `before ${step}(${args
            .slice(0, 2)
            .map((file) => path.basename(String(file)))
            .join(', ')})`,
        );
      }
      return (original[step] as (...args: unknown[]) => unknown)(...args);
    };
  }
  syncBuiltinESMExports();
  try {
    await work();
  } finally {
    Object.assign(fs, original);
    syncBuiltinESMExports();
  }
  return crashes;
}

/** What docs/operations.md says to do after an interrupted restore, step by step. */
function recoverAsDocumented(dataDir: string): void {
  const live = path.join(dataDir, SQLITE_FILE_NAME);
  const setAside = readdirSync(dataDir).find(
    (name) => name.startsWith('accord.sqlite.before-restore-') && !/-(wal|journal|shm)$/.test(name),
  );
  if (setAside) {
    // An unfinished new database, if there is one, goes with its log; with no database there, a
    // log is the set-aside one's (an older Accord moved the database and died before its log).
    if (existsSync(live)) {
      for (const suffix of ['', '-wal', '-journal', '-shm']) rmSync(live + suffix, { force: true });
    }
    const aside = path.join(dataDir, setAside);
    for (const suffix of ['', '-wal', '-journal']) {
      if (existsSync(aside + suffix)) fs.renameSync(aside + suffix, live + suffix);
    }
  }
  for (const name of readdirSync(dataDir)) {
    if (name.startsWith('accord.sqlite.restoring-')) rmSync(path.join(dataDir, name));
  }
  rmSync(path.join(dataDir, RESTORE_MARKER), { force: true });
}

describe('an interrupted restore [sqlite]', () => {
  let backupFile: string;
  before(async () => {
    const dataDir = await aDataFolder(['Backed-up case']);
    backupFile = path.join(aFolder(), 'backup.sqlite');
    assert.equal((await accord(dataDir, 'backup', backupFile)).exitCode, 0);
  });

  test('while it swaps no other connection gets the database; wherever it dies, the server and every command refuse the folder, and the documented recovery loses nothing', async () => {
    const dataDir = await aCrashedServersFolder('A case', 'Changed just before the crash');
    const crashes = await withCrashPoints(dataDir, async () => {
      const restored = await accord(dataDir, 'restore', backupFile);
      assert.equal(restored.exitCode, 0, restored.stderr);
    });
    assert.deepEqual(summariesIn(dataDir), ['Backed-up case'], 'the restore itself worked');
    const steps = crashes.map(({ step }) => step);
    assert.ok(
      steps.some((step) => step.startsWith('before linkSync(accord.sqlite, ')),
      steps.join('\n'),
    );
    assert.ok(steps.some((step) => step.startsWith('before renameSync(accord.sqlite.restoring-')));

    const swapping = crashes.filter(({ others }) => others !== undefined);
    assert.equal(swapping.length, 2);
    for (const { step, others } of swapping) {
      assert.equal(others, 'database is locked', `another connection ${step}`);
    }

    for (const { step, folder } of crashes) {
      assert.throws(
        () => claimForServer(folder),
        (error) =>
          error instanceof DataFolderBusy && /a restore was interrupted/.test(error.message),
        `the server starts after a crash ${step}`,
      );
      const command = await accord(folder, 'audit', 'verify');
      assert.equal(command.exitCode, 1, `a command runs after a crash ${step}`);
      assert.match(command.stderr, /a restore was interrupted .*docs\/operations\.md/);

      recoverAsDocumented(folder);
      // Once the previous database is deleted, only letting go of the folder was left to do.
      const finished = step.startsWith(`before unlinkSync(${RESTORE_MARKER})`);
      assert.deepEqual(
        summariesIn(folder),
        [finished ? 'Backed-up case' : 'Changed just before the crash'],
        `lost after a crash ${step}`,
      );
      assert.deepEqual(
        readdirSync(folder).filter(
          (name) => name !== SQLITE_FILE_NAME && name !== `${SQLITE_FILE_NAME}-wal`,
        ),
        [],
        `left over after the recovery from a crash ${step}`,
      );
      claimForServer(folder).release();
      const again = await accord(folder, 'restore', backupFile);
      assert.equal(again.exitCode, 0, `${step}: ${again.stderr}`);
      assert.deepEqual(summariesIn(folder), ['Backed-up case']);
    }
  });

  test('a log an older restore left without its database is refused, not read against the restored one', async () => {
    const dataDir = await aCrashedServersFolder('A case', 'Only in the log');
    const live = path.join(dataDir, SQLITE_FILE_NAME);
    // An older Accord moved the database aside and died before moving its log.
    fs.renameSync(live, `${live}.before-restore-2026-11-24T100000Z`);
    writeFileSync(path.join(dataDir, RESTORE_MARKER), `${await aDeadProcessId()}\n`);

    const server = () => claimForServer(dataDir);
    assert.throws(server, /a restore was interrupted/);
    const again = await accord(dataDir, 'restore', backupFile);
    assert.equal(again.exitCode, 1);
    assert.match(
      again.stderr,
      /accord\.sqlite-wal is there without .*accord\.sqlite: an earlier restore was interrupted/,
    );
    assert.ok(existsSync(`${live}-wal`) && !existsSync(live), 'nothing was changed');

    // The refused restore took the marker for its own, and removed it.
    assert.throws(server, /there is no accord\.sqlite, but accord\.sqlite\.before-restore-/);
    const setAside = `${live}.before-restore-2026-11-24T100000Z`;
    const kept = path.join(aFolder(), 'kept');
    fs.renameSync(setAside, kept);
    assert.throws(
      server,
      /accord\.sqlite-wal is there without accord\.sqlite/,
      'nor with the log alone',
    );
    fs.renameSync(kept, setAside);
    recoverAsDocumented(dataDir);
    assert.deepEqual(summariesIn(dataDir), ['Only in the log']);
  });

  test('no command opens the database while a restore runs', async () => {
    const dataDir = aFolder();
    writeFileSync(path.join(dataDir, RESTORE_MARKER), `${process.pid}\n`);
    for (const argv of [
      ['audit', 'verify'],
      ['retention', 'run'],
    ]) {
      const attempt = await accord(dataDir, ...argv);
      assert.equal(attempt.exitCode, 1);
      assert.match(
        attempt.stderr,
        new RegExp(
          `a restore \\(process ${process.pid}\\) is replacing the database .*: run this command when it has finished`,
        ),
      );
    }
    assert.deepEqual(readdirSync(dataDir), [RESTORE_MARKER], 'no database was made');
  });
});
