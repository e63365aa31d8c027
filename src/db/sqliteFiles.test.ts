import assert from 'node:assert/strict';
import fs, {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, test } from 'node:test';
import { holdAlone, SwapUndone, settleIntoOneFile, swapInPlace } from './sqliteFiles.ts';

// Putting a restored database in place of another, at the level of files: the hazard is the
// previous database's write-ahead log, which must go aside with it and never be read against
// the new file.

const folders: string[] = [];
function aFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'accord-swap-'));
  folders.push(folder);
  return folder;
}
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/**
 * A database as a server that crashed leaves it: its latest rows only in the write-ahead log
 * beside it (copied while the writer still had it open).
 */
function aCrashedDatabase(folder: string, notes: string[]): string {
  const running = path.join(aFolder(), 'accord.sqlite');
  const writer = new DatabaseSync(running);
  writer.exec('PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0');
  writer.exec('create table notes (text text)');
  writer.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  const insert = writer.prepare('insert into notes values (?)');
  for (const note of notes) insert.run(note);
  const live = path.join(folder, 'accord.sqlite');
  copyFileSync(running, live);
  copyFileSync(`${running}-wal`, `${live}-wal`);
  writer.close();
  assert.ok(statSync(`${live}-wal`).size > 0, 'the notes are in the log only');
  return live;
}

/** A restored copy, settled into one file, with notes of its own. */
function aCopy(folder: string, notes: string[]): string {
  const copy = path.join(folder, 'accord.sqlite.restoring');
  const database = new DatabaseSync(copy);
  database.exec('PRAGMA journal_mode = WAL; create table notes (text text)');
  const insert = database.prepare('insert into notes values (?)');
  for (const note of notes) insert.run(note);
  database.close();
  settleIntoOneFile(copy);
  return copy;
}

function notesIn(file: string): string[] {
  const database = new DatabaseSync(file);
  try {
    const integrity = database.prepare('PRAGMA integrity_check').get()?.integrity_check;
    assert.equal(integrity, 'ok');
    return database
      .prepare('select text from notes order by rowid')
      .all()
      .map((row) => String(row.text));
  } finally {
    database.close();
  }
}

describe('swapping a restored database into place', () => {
  test('the new database is read alone: the previous one’s log goes aside with it, then away', async () => {
    const folder = aFolder();
    const live = aCrashedDatabase(folder, ['written before the crash', 'and this']);
    const copy = aCopy(folder, ['from the backup']);

    const swapped = await swapInPlace({ copy, live, aside: `${live}.before` }, async (file) =>
      notesIn(file),
    );
    assert.deepEqual(swapped, { replaced: true, verified: ['from the backup'] });
    assert.deepEqual(notesIn(live), ['from the backup']);
    assert.deepEqual(readdirSync(folder), ['accord.sqlite'], 'nothing of the previous one is left');
  });

  test('a new database that does not verify is taken out, and the previous one is back with its log', async () => {
    const folder = aFolder();
    const live = aCrashedDatabase(folder, ['written before the crash']);
    const copy = aCopy(folder, ['from a backup that will not verify']);

    await assert.rejects(
      swapInPlace({ copy, live, aside: `${live}.before` }, async () => {
        throw new Error('its audit log is broken');
      }),
      (error) =>
        error instanceof SwapUndone &&
        error.replaced &&
        /taken out again: its audit log is broken/.test(error.message),
    );
    assert.deepEqual(readdirSync(folder).sort(), ['accord.sqlite', 'accord.sqlite-wal']);
    assert.deepEqual(notesIn(live), ['written before the crash']);
  });

  test('into an empty folder there is nothing to put aside', async () => {
    const folder = aFolder();
    const live = path.join(folder, 'accord.sqlite');
    const copy = aCopy(folder, ['the only database']);
    const swapped = await swapInPlace({ copy, live, aside: `${live}.before` }, async () => 'ok');
    assert.equal(swapped.replaced, false);
    assert.deepEqual(notesIn(live), ['the only database']);
    assert.ok(!existsSync(copy));
  });

  test('a log without its database (an interrupted restore’s) is refused, never read against the new one', async () => {
    const folder = aFolder();
    const live = aCrashedDatabase(folder, ['only in the log']);
    const aside = `${live}.before-restore-1`;
    rmSync(aside, { force: true });
    copyFileSync(live, aside);
    rmSync(live);
    const copy = aCopy(folder, ['from the backup']);
    let verified = false;
    await assert.rejects(
      swapInPlace({ copy, live, aside: `${live}.before-restore-2` }, async () => {
        verified = true;
      }),
      /accord\.sqlite-wal is there without the database it belongs to/,
    );
    assert.equal(verified, false);
    assert.deepEqual(notesIn(copy), ['from the backup'], 'the copy is left as it was');
    assert.ok(!existsSync(live));
    renameSync(aside, live);
    assert.deepEqual(notesIn(live), ['only in the log'], 'the log is still there to put back');
  });

  test('the live name holds a whole database at every step: the previous one, or the new one', async () => {
    const folder = aFolder();
    const live = aCrashedDatabase(folder, ['written before the crash']);
    const copy = aCopy(folder, ['from the backup']);
    const aside = `${live}.before`;
    await swapInPlace({ copy, live, aside }, async (file) => {
      assert.deepEqual(readdirSync(folder).sort(), [
        'accord.sqlite',
        'accord.sqlite.before',
        'accord.sqlite.before-wal',
      ]);
      // Read a copy: the previous database with its log, as a crash here would leave it.
      const previous = path.join(aFolder(), 'previous.sqlite');
      copyFileSync(aside, previous);
      copyFileSync(`${aside}-wal`, `${previous}-wal`);
      assert.deepEqual(notesIn(previous), ['written before the crash']);
      assert.deepEqual(notesIn(file), ['from the backup']);
    });
  });
});

describe('holding a database alone', () => {
  test('folds its log in, so it is one file, and keeps every other connection out until released', () => {
    const folder = aFolder();
    const live = aCrashedDatabase(folder, ['only in the log']);
    const held = holdAlone(live);
    assert.equal(held.busy, false);
    assert.deepEqual(readdirSync(folder), ['accord.sqlite'], 'no log beside it');
    const other = new DatabaseSync(live);
    try {
      other.exec('PRAGMA busy_timeout = 0');
      assert.throws(() => other.prepare('select * from notes').all(), /locked/);
      if (!held.busy) held.release();
      assert.equal(other.prepare('select count(*) as n from notes').get()?.n, 1);
    } finally {
      other.close();
    }
    assert.deepEqual(notesIn(live), ['only in the log']);
  });

  test('is refused while another connection has the database open', () => {
    const folder = aFolder();
    const live = aCrashedDatabase(folder, ['a note']);
    const other = new DatabaseSync(live);
    try {
      other.prepare('select * from notes').all();
      assert.deepEqual(holdAlone(live), { busy: true });
    } finally {
      other.close();
    }
  });
});

describe('swapping on a file system without hard links', () => {
  test('the previous database is kept as a copy instead, and comes back if the new one fails', async () => {
    const linkSync = fs.linkSync;
    fs.linkSync = () => {
      throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    };
    syncBuiltinESMExports();
    try {
      const folder = aFolder();
      const live = aCrashedDatabase(folder, ['written before the crash']);
      const copy = aCopy(folder, ['from a backup that will not verify']);
      await assert.rejects(
        swapInPlace({ copy, live, aside: `${live}.before` }, async (file) => {
          assert.deepEqual(notesIn(file), ['from a backup that will not verify']);
          throw new Error('its audit log is broken');
        }),
        SwapUndone,
      );
      assert.deepEqual(notesIn(live), ['written before the crash']);
      assert.deepEqual(readdirSync(folder).sort(), ['accord.sqlite']);
    } finally {
      fs.linkSync = linkSync;
      syncBuiltinESMExports();
    }
  });
});
