import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, SQLITE_FILE_NAME } from './database.ts';
import { preparePrivateFolder } from './dataFolder.ts';
import { migrateToLatest } from './migrate.ts';

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('the data folder and the database files are private to their owner', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'accord-private-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('a new data folder is made 0700, nested folders too', () => {
    const dataDir = path.join(scratch, 'new', 'data');
    assert.equal(preparePrivateFolder(dataDir), undefined);
    assert.equal(modeOf(dataDir), 0o700);
    assert.equal(modeOf(path.dirname(dataDir)), 0o700);
  });

  test('an existing folder others could read is tightened, and that is said', () => {
    const dataDir = path.join(scratch, 'open');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    assert.match(
      preparePrivateFolder(dataDir) ?? '',
      /open could be read by other accounts \(mode 0755\): it is now 0700$/,
    );
    assert.equal(modeOf(dataDir), 0o700);
    assert.equal(preparePrivateFolder(dataDir), undefined, 'nothing to say the second time');
  });

  test('a shared folder such as /tmp is left as it is, with a warning', () => {
    const shared = path.join(scratch, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    assert.match(preparePrivateFolder(shared) ?? '', /is left as it is: give Accord a folder/);
    assert.equal(statSync(shared).mode & 0o7777, 0o1777);
  });

  test('the embedded database and the files SQLite keeps beside it are 0600', async () => {
    const dataDir = path.join(scratch, 'database');
    const file = path.join(dataDir, SQLITE_FILE_NAME);
    const database = openDatabase({ kind: 'sqlite', file });
    try {
      await migrateToLatest(database.db);
      await sql`select count(*) from settings`.execute(database.db);
      assert.equal(modeOf(dataDir), 0o700);
      for (const name of [file, `${file}-wal`, `${file}-shm`]) {
        assert.equal(modeOf(name), 0o600, name);
      }
    } finally {
      await database.close();
    }
  });

  test('database files left readable by an older version are tightened when opened', async () => {
    const dataDir = path.join(scratch, 'older');
    mkdirSync(dataDir, { mode: 0o755 });
    const file = path.join(dataDir, SQLITE_FILE_NAME);
    writeFileSync(file, '', { mode: 0o644 });
    chmodSync(file, 0o644);
    const database = openDatabase({ kind: 'sqlite', file });
    try {
      await migrateToLatest(database.db);
      assert.equal(modeOf(file), 0o600);
      assert.equal(modeOf(`${file}-wal`), 0o600);
      assert.equal(modeOf(dataDir), 0o755, 'the folder is DATA_DIR’s start-up to tighten');
    } finally {
      await database.close();
    }
  });
});
