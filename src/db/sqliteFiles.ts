import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { PRIVATE_FILE_MODE, SQLITE_COMPANION_SUFFIXES } from './dataFolder.ts';

/**
 * The embedded database as files: its online backup, what a file claiming to be one holds,
 * and settling a copy into one file. Only backups and restores use these; the app goes
 * through database.ts.
 */

// Every page in one step: the copy is one read transaction, a snapshot that the server's
// writes meanwhile neither block nor restart (they would restart a copy taken in steps).
const ALL_PAGES_AT_ONCE = 2 ** 31 - 1;

/**
 * Copies a database that may be in use, consistently, into `target`: written beside it under a
 * temporary name, readable by its owner only, checked, then renamed into place.
 */
export async function backupSqliteFile(
  sourceFile: string,
  target: string,
): Promise<{ bytes: number }> {
  if (!existsSync(sourceFile)) throw new Error(`there is no database at ${sourceFile}`);
  const partial = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.partial`,
  );
  closeSync(openSync(partial, 'wx', PRIVATE_FILE_MODE));
  try {
    const source = new DatabaseSync(sourceFile);
    try {
      source.exec('PRAGMA busy_timeout = 5000');
      await backup(source, partial, { rate: ALL_PAGES_AT_ONCE });
    } finally {
      source.close();
    }
    const problem = damageIn(partial);
    if (problem) throw new Error(`the copy did not check out: ${problem}`);
    fsyncFile(partial);
    renameSync(partial, target);
    fsyncFile(path.dirname(target));
    return { bytes: statSync(target).size };
  } finally {
    removeWithCompanions(partial);
  }
}

export type SqliteFileCheck =
  | { ok: false; problem: string }
  | { ok: true; migrations: string[] | undefined };

/**
 * Whether a file is a whole SQLite database, and the Accord migrations it records (none
 * recorded: not Accord's). Opens the file read-write, so give it a copy.
 */
export function examineSqliteFile(file: string): SqliteFileCheck {
  if (!startsAsSqlite(file)) return { ok: false, problem: 'it is not an SQLite database' };
  const damage = damageIn(file);
  if (damage) return { ok: false, problem: `it is damaged: ${damage}` };
  const database = new DatabaseSync(file);
  try {
    const table = database
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    if (!table) return { ok: true, migrations: undefined };
    const rows = database.prepare('select name from kysely_migration order by name').all();
    return { ok: true, migrations: rows.map((row) => String(row.name)) };
  } finally {
    database.close();
  }
}

/** What `PRAGMA integrity_check` finds wrong, if anything (or the error opening the file). */
export function damageIn(file: string): string | undefined {
  let database: DatabaseSync | undefined;
  try {
    database = new DatabaseSync(file);
    const rows = database.prepare('PRAGMA integrity_check(5)').all();
    const messages = rows.map((row) => String(Object.values(row)[0]));
    return messages.length === 1 && messages[0] === 'ok' ? undefined : messages.join('; ');
  } catch (error) {
    return (error as Error).message;
  } finally {
    database?.close();
  }
}

/**
 * Whether another connection has the database open (a server of a version that did not mark
 * its folder, or a command): SQLite will not give this one the file to itself meanwhile.
 */
export function isOpenElsewhere(file: string): boolean {
  if (!existsSync(file)) return false;
  const database = new DatabaseSync(file);
  try {
    database.exec('PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE');
    database.exec('BEGIN EXCLUSIVE');
    database.exec('ROLLBACK');
    return false;
  } catch (error) {
    if ((error as { errcode?: number }).errcode === SQLITE_BUSY) return true;
    throw error;
  } finally {
    database.close();
  }
}

const SQLITE_BUSY = 5;

/**
 * Leaves a database as one file, with no write-ahead log beside it to be mistaken for another
 * file's: the log is folded in and switched off (the server switches it on again when it opens).
 */
export function settleIntoOneFile(file: string): void {
  const database = new DatabaseSync(file);
  try {
    database.exec('PRAGMA journal_mode = DELETE');
  } finally {
    database.close();
  }
  for (const suffix of SQLITE_COMPANION_SUFFIXES) {
    if (existsSync(file + suffix)) throw new Error(`${file}${suffix} is still there`);
  }
}

/** The swap was undone: the previous database (if there was one) is back in place. */
export class SwapUndone extends Error {
  override name = 'SwapUndone';
  readonly replaced: boolean;

  constructor(replaced: boolean, cause: unknown) {
    super(`the new database was taken out again: ${(cause as Error).message}`, { cause });
    this.replaced = replaced;
  }
}

/**
 * Puts a settled copy (one file, no log) in place of a database. The previous database is moved
 * aside with its write-ahead log, so an old log is never read against the new file, and deleted
 * only once `verify` accepts the new one in place; if it does not, the previous one comes back.
 */
export async function swapInPlace<T>(
  files: { copy: string; live: string; aside: string },
  verify: (live: string) => Promise<T>,
): Promise<{ replaced: boolean; verified: T }> {
  const { copy, live, aside } = files;
  const replaced = existsSync(live);
  if (replaced) moveWithCompanions(live, aside);
  let verified: T;
  try {
    moveWithCompanions(copy, live);
    fsyncFile(path.dirname(live));
    verified = await verify(live);
  } catch (error) {
    removeWithCompanions(live);
    if (replaced) moveWithCompanions(aside, live);
    fsyncFile(path.dirname(live));
    throw new SwapUndone(replaced, error);
  }
  removeWithCompanions(aside);
  return { replaced, verified };
}

/** Renames a database with the files SQLite keeps beside it, so they stay a pair. */
export function moveWithCompanions(from: string, to: string): void {
  renameSync(from, to);
  for (const suffix of ['-wal', '-journal']) {
    if (existsSync(from + suffix)) renameSync(from + suffix, to + suffix);
  }
  // The shared-memory index is only an index of the log: SQLite builds it again.
  rmSync(`${from}-shm`, { force: true });
}

export function removeWithCompanions(file: string): void {
  for (const path of [file, ...SQLITE_COMPANION_SUFFIXES.map((suffix) => file + suffix)]) {
    rmSync(path, { force: true });
  }
}

export function fsyncFile(file: string): void {
  const descriptor = openSync(file, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function startsAsSqlite(file: string): boolean {
  const descriptor = openSync(file, 'r');
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(descriptor, header, 0, header.length, 0);
    return read === header.length && header.equals(SQLITE_HEADER);
  } finally {
    closeSync(descriptor);
  }
}
