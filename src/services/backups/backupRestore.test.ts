import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  promises as fs,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, test } from 'node:test';
import { FileMigrationProvider, Migrator } from 'kysely/migration';
import { accordCommand } from '../../../test/accordCommand.ts';
import { aCase, aDisagreementCast } from '../../../test/factories.ts';
import { testConfig } from '../../../test/testApp.ts';
import { createScratchDatabase, databaseKindsToTest } from '../../../test/testDatabase.ts';
import { runCli } from '../../cli/main.ts';
import { openDatabase, SQLITE_FILE_NAME } from '../../db/database.ts';
import { RESTORE_MARKER, SERVER_MARKER } from '../../db/dataFolderClaims.ts';
import { migrateToLatest, migrationNames } from '../../db/migrate.ts';
import { auditRepository } from '../../db/repositories/auditRepository.ts';
import { fixedClock } from '../../domain/clock.ts';

// `accord backup FILE` and `accord restore FILE` through the command line, on the embedded
// database (PostgreSQL deployments are told to use their own tools). The drill under
// concurrent writes to a running server is test/backupDrill.test.ts.

const accord = (dataDir: string, ...argv: string[]) =>
  accordCommand({ DATA_DIR: dataDir }, ...argv);

const folders: string[] = [];
function aFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'accord-backup-'));
  folders.push(folder);
  return folder;
}
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const clock = fixedClock('2026-11-24T10:00:00Z');

/** A data folder whose database holds a cast and the cases named, each with its audit entries. */
async function aDataFolder(summaries: string[]): Promise<{ dataDir: string; caseIds: string[] }> {
  const dataDir = aFolder();
  const database = openDatabase({ kind: 'sqlite', file: path.join(dataDir, SQLITE_FILE_NAME) });
  try {
    await migrateToLatest(database.db);
    const cast = await aDisagreementCast(database);
    const caseIds: string[] = [];
    for (const summary of summaries) {
      caseIds.push((await aCase({ database, clock }, cast, { summary })).id);
    }
    return { dataDir, caseIds };
  } finally {
    await database.close();
  }
}

/** The summaries of the cases in a data folder's database, read straight from the file. */
function summariesIn(dataDir: string): string[] {
  // Read-write: a read-only connection would leave the write-ahead log behind when it closes.
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

function lastAuditEntry(dataDir: string) {
  const database = new DatabaseSync(path.join(dataDir, SQLITE_FILE_NAME));
  try {
    const row = database
      .prepare('select action, via from audit_log order by seq desc limit 1')
      .get();
    return { ...row };
  } finally {
    database.close();
  }
}

function fingerprint(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('accord backup [sqlite]', () => {
  test('copies the database into a file readable by its owner only, whole and checked', async () => {
    const { dataDir } = await aDataFolder(['First case', 'Second case']);
    const target = path.join(aFolder(), 'accord-backup.sqlite');

    const made = await accord(dataDir, 'backup', target);
    assert.equal(made.exitCode, 0, made.stderr);
    assert.match(
      made.stdout,
      /^Backed up the database to .*accord-backup\.sqlite \(\d+ bytes\)\.\n$/,
    );
    assert.equal(statSync(target).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(path.dirname(target)), ['accord-backup.sqlite'], 'no leftovers');

    const restoredDir = aFolder();
    assert.equal((await accord(restoredDir, 'restore', target)).exitCode, 0);
    assert.deepEqual(summariesIn(restoredDir), ['First case', 'Second case']);
  });

  test('replaces an existing backup file whole', async () => {
    const { dataDir } = await aDataFolder(['A case']);
    const target = path.join(aFolder(), 'nightly.sqlite');
    writeFileSync(target, 'yesterday', { mode: 0o644 });
    assert.equal((await accord(dataDir, 'backup', target)).exitCode, 0);
    assert.equal(statSync(target).mode & 0o777, 0o600);
    assert.equal(readFileSync(target).subarray(0, 15).toString(), 'SQLite format 3');
  });

  test('says so when there is nothing to back up, or the file named is the database itself', async () => {
    const empty = aFolder();
    const nothing = await accord(empty, 'backup', path.join(aFolder(), 'x.sqlite'));
    assert.equal(nothing.exitCode, 1);
    assert.match(nothing.stderr, /there is no database at .*accord\.sqlite \(DATA_DIR\)/);
    assert.ok(!existsSync(path.join(empty, SQLITE_FILE_NAME)), 'no empty database made');

    const { dataDir } = await aDataFolder([]);
    const itself = await accord(dataDir, 'backup', path.join(dataDir, SQLITE_FILE_NAME));
    assert.equal(itself.exitCode, 1);
    assert.match(itself.stderr, /is the database itself/);
  });

  test('waits for no server, but is refused while a restore replaces the database', async () => {
    const { dataDir } = await aDataFolder(['A case']);
    const target = path.join(aFolder(), 'during.sqlite');
    writeFileSync(path.join(dataDir, SERVER_MARKER), `${process.pid}\n`);
    assert.equal((await accord(dataDir, 'backup', target)).exitCode, 0, 'a server may run');
    writeFileSync(path.join(dataDir, RESTORE_MARKER), `${process.pid}\n`);
    const during = await accord(dataDir, 'backup', `${target}.2`);
    assert.equal(during.exitCode, 1);
    assert.match(during.stderr, /a restore \(process \d+\) is replacing the database/);
    assert.ok(!existsSync(`${target}.2`));
  });

  test('FILE is required', async () => {
    const { exitCode, stderr } = await accord(aFolder(), 'backup');
    assert.equal(exitCode, 2);
    assert.match(stderr, /say which FILE\nUsage: accord backup FILE/);
  });
});

describe('accord restore [sqlite]', () => {
  let backupFile: string;
  before(async () => {
    const { dataDir } = await aDataFolder(['Backed-up case']);
    backupFile = path.join(aFolder(), 'backup.sqlite');
    assert.equal((await accord(dataDir, 'backup', backupFile)).exitCode, 0);
  });

  test('puts the backup in place of the database, leaving nothing of the old one behind', async () => {
    const { dataDir } = await aDataFolder(['A case made after the backup']);
    const restored = await accord(dataDir, 'restore', backupFile);
    assert.equal(restored.exitCode, 0, restored.stderr);
    assert.match(
      restored.stdout,
      /in place of the database there\.\nIts audit log is intact: (\d+) entries, the last recording this restore\.\n$/,
    );
    const entries = /intact: (\d+) entries/.exec(restored.stdout)?.[1];
    assert.deepEqual(summariesIn(dataDir), ['Backed-up case']);
    assert.deepEqual(readdirSync(dataDir), [SQLITE_FILE_NAME]);
    assert.equal(statSync(path.join(dataDir, SQLITE_FILE_NAME)).mode & 0o777, 0o600);
    const verified = await accord(dataDir, 'audit', 'verify');
    assert.equal(verified.exitCode, 0);
    assert.match(
      verified.stdout,
      new RegExp(`intact: ${entries} entries, the last is entry ${entries} `),
    );
    assert.deepEqual(lastAuditEntry(dataDir), { action: 'database.restored', via: 'cli' });
    assert.ok(existsSync(backupFile), 'the backup itself is left as it was');
  });

  test('an older backup is migrated to this version once restored', async () => {
    const names = await migrationNames();
    const olderDir = aFolder();
    const older = openDatabase({ kind: 'sqlite', file: path.join(olderDir, SQLITE_FILE_NAME) });
    const lastButOne = names.at(-2) as string;
    const migrator = new Migrator({
      db: older.db,
      provider: new FileMigrationProvider({
        fs,
        path,
        migrationFolder: path.join(import.meta.dirname, '../../db/migrations'),
      }),
    });
    assert.equal((await migrator.migrateTo(lastButOne)).error, undefined);
    await auditRepository(older.db).append({
      at: '2026-11-24T10:00:00.000Z',
      actorId: null,
      via: 'cli',
      action: 'partnership.created',
      recordType: 'partnership',
      recordId: null,
      partnershipId: null,
      justification: null,
      requestId: null,
    });
    await older.close();
    const olderBackup = path.join(aFolder(), 'older.sqlite');
    assert.equal((await accord(olderDir, 'backup', olderBackup)).exitCode, 0);

    const dataDir = aFolder();
    const restored = await accord(dataDir, 'restore', olderBackup);
    assert.equal(restored.exitCode, 0, restored.stderr);
    assert.match(
      restored.stdout,
      /made by an older version: 1 migration applied\.\nIts audit log is intact: 2 entries, the last recording this restore\./,
    );
    const database = new DatabaseSync(path.join(dataDir, SQLITE_FILE_NAME), { readOnly: true });
    const applied = database.prepare('select name from kysely_migration order by name').all();
    database.close();
    assert.deepEqual(
      applied.map((row) => row.name),
      names,
    );
  });

  const refusals: { file: string; why: RegExp }[] = [];
  const refused = (name: string, make: (folder: string) => string, why: RegExp) =>
    test(`${name} is refused, the database left as it was`, async () => {
      const { dataDir } = await aDataFolder(['The case in place']);
      const live = path.join(dataDir, SQLITE_FILE_NAME);
      const before = fingerprint(live);
      const file = make(aFolder());
      refusals.push({ file, why });

      const attempt = await accord(dataDir, 'restore', file);
      assert.equal(attempt.exitCode, 1);
      assert.match(attempt.stderr, why);
      assert.equal(fingerprint(live), before, 'the database file is untouched');
      assert.deepEqual(readdirSync(dataDir), [SQLITE_FILE_NAME], 'no copy left in the folder');
      assert.deepEqual(summariesIn(dataDir), ['The case in place']);
      assert.equal((await accord(dataDir, 'audit', 'verify')).exitCode, 0, 'it still opens');
    });

  refused(
    'a text file',
    (folder) => {
      const file = path.join(folder, 'notes.txt');
      writeFileSync(file, 'These are not the cases you are looking for.\n');
      return file;
    },
    /was not restored: it is not an SQLite database/,
  );

  refused(
    'another application’s SQLite database',
    (folder) => {
      const file = path.join(folder, 'other.sqlite');
      const other = new DatabaseSync(file);
      other.exec("create table recipes (name text); insert into recipes values ('scones')");
      other.close();
      return file;
    },
    /was not restored: it is not an Accord database \(it records no Accord migrations\)/,
  );

  refused(
    'a damaged backup (bytes flipped on its pages)',
    (folder) => {
      const file = path.join(folder, 'damaged.sqlite');
      const bytes = readFileSync(backupFile);
      const pageSize = bytes.readUInt16BE(16);
      for (let page = 1; page * pageSize < bytes.length; page++) {
        for (let at = page * pageSize; at < page * pageSize + 8; at++) {
          bytes.writeUInt8((bytes.readUInt8(at) ^ 0xff) & 0xff, at);
        }
      }
      writeFileSync(file, bytes);
      return file;
    },
    /was not restored: it is damaged: /,
  );

  refused(
    'a backup from a newer version of Accord',
    (folder) => {
      const file = path.join(folder, 'newer.sqlite');
      copyFileSync(backupFile, file);
      const newer = new DatabaseSync(file);
      newer.exec(
        "insert into kysely_migration (name, timestamp) values ('2099-01-01-01-from-the-future', '2099-01-01T00:00:00.000Z')",
      );
      newer.close();
      return file;
    },
    /migrations this version of Accord does not know \(2099-01-01-01-from-the-future\): it is from a newer version of Accord, or not Accord's/,
  );

  refused(
    'a backup whose audit log was altered',
    (folder) => {
      const file = path.join(folder, 'tampered.sqlite');
      copyFileSync(backupFile, file);
      const tampered = new DatabaseSync(file);
      tampered.exec(
        "drop trigger audit_log_no_update; update audit_log set action = 'nothing.happened' where seq = 1",
      );
      tampered.close();
      return file;
    },
    /was not restored: its audit log is broken at entry 1/,
  );

  test('every refused file was left as it was given', () => {
    for (const { file } of refusals) assert.ok(existsSync(file));
  });

  test('refused while a server uses the data folder; a dead server’s marker does not block', async () => {
    const { dataDir } = await aDataFolder(['The case in place']);
    writeFileSync(path.join(dataDir, SERVER_MARKER), `${process.pid}\n`);
    const whileRunning = await accord(dataDir, 'restore', backupFile);
    assert.equal(whileRunning.exitCode, 1);
    assert.match(
      whileRunning.stderr,
      new RegExp(`Accord \\(process ${process.pid}\\) is using .*: stop it before restoring`),
    );
    assert.deepEqual(summariesIn(dataDir), ['The case in place']);
    assert.ok(!existsSync(path.join(dataDir, RESTORE_MARKER)), 'the restore let go of the folder');

    writeFileSync(path.join(dataDir, SERVER_MARKER), `${await aDeadProcessId()}\n`);
    const afterCrash = await accord(dataDir, 'restore', backupFile);
    assert.equal(afterCrash.exitCode, 0, afterCrash.stderr);
    assert.deepEqual(summariesIn(dataDir), ['Backed-up case']);
  });

  test('refused while another process has the database open, marked or not', async () => {
    const { dataDir } = await aDataFolder(['The case in place']);
    const live = path.join(dataDir, SQLITE_FILE_NAME);
    const { spawn } = await import('node:child_process');
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const { DatabaseSync } = require('node:sqlite');
         const db = new DatabaseSync(${JSON.stringify(live)});
         db.prepare('select count(*) from disagreements').get();
         console.log('open'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise((resolve) => holder.stdout.once('data', resolve));
      const attempt = await accord(dataDir, 'restore', backupFile);
      assert.equal(attempt.exitCode, 1);
      assert.match(attempt.stderr, /accord\.sqlite is open in another process/);
      assert.deepEqual(summariesIn(dataDir), ['The case in place']);
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.on('exit', resolve));
    }
    assert.equal((await accord(dataDir, 'restore', backupFile)).exitCode, 0, 'once it has closed');
  });

  test('a missing file is named', async () => {
    const { exitCode, stderr } = await accord(aFolder(), 'restore', '/nowhere/backup.sqlite');
    assert.equal(exitCode, 1);
    assert.match(stderr, /accord restore: there is no file \/nowhere\/backup\.sqlite/);
  });
});

/** The id of a process that has ended, as a crashed server leaves in its marker. */
async function aDeadProcessId(): Promise<number> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

for (const { kind, skip } of databaseKindsToTest()) {
  if (kind !== 'postgres') continue;
  describe('accord backup and restore [postgres]', { skip }, () => {
    test('say to use pg_dump and pg_restore, and change nothing', async (t) => {
      const scratch = await createScratchDatabase(kind);
      t.after(() => scratch.remove());
      const dataDir = aFolder();
      for (const [command, tool] of [
        ['backup', 'pg_dump'],
        ['restore', 'pg_restore'],
      ] as const) {
        const out: string[] = [];
        const err: string[] = [];
        const exitCode = await runCli([command, path.join(dataDir, 'x.sqlite')], {
          stdout: { write: (text: string) => out.push(text) },
          stderr: { write: (text: string) => err.push(text) },
          loadConfig: () => testConfig({ ...scratch.environment, DATA_DIR: dataDir }),
        });
        assert.equal(exitCode, 1);
        assert.match(
          err.join(''),
          new RegExp(
            `DATABASE_URL is set, .*PostgreSQL: use ${tool} \\(see docs/operations\\.md\\)`,
          ),
        );
        assert.deepEqual(readdirSync(dataDir), []);
      }
    });
  });
}
