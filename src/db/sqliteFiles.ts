import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
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

/**
 * Takes a database for this process alone until `release`, its write-ahead log first folded in
 * and switched off, so that it is one file with nothing beside it to be separated from it.
 * Refused (`busy`) while another connection has it open; one that tries meanwhile waits or
 * fails. Nothing to hold if there is no database.
 */
export function holdAlone(file: string): { busy: true } | { busy: false; release(): void } {
  if (!existsSync(file)) return { busy: false, release() {} };
  const database = new DatabaseSync(file);
  try {
    database.exec('PRAGMA busy_timeout = 0; PRAGMA journal_mode = DELETE');
    // Then the lock, kept until the connection closes (exclusive locking mode). In that mode
    // a rollback journal would be kept rather than deleted, hence the fold first.
    database.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    database.close();
    if ((error as { errcode?: number }).errcode === SQLITE_BUSY) return { busy: true };
    throw error;
  }
  rmSync(`${file}-shm`, { force: true });
  const left = companionsOf(file);
  if (left.length > 0) {
    database.close();
    throw new Error(`${left.join(', ')} is still there after the log was folded in`);
  }
  return { busy: false, release: () => database.close() };
}

/** The write-ahead log or rollback journal beside a database, if any: part of its data. */
export function companionsOf(file: string): string[] {
  return ['-wal', '-journal'].map((suffix) => file + suffix).filter((name) => existsSync(name));
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
 * Puts a settled copy (one file, no log) in place of a database. The previous database is kept
 * under the `aside` name (a second name for the same file, its write-ahead log moved with it),
 * then the copy renamed over it, so the live name always holds a whole database: the previous
 * one, or the new one. An old log is never read against the new file: the previous one's goes
 * aside with it, and a log without its database is refused. The previous database is deleted
 * only once `verify` accepts the new one in place; if it does not, the previous one comes back.
 */
export async function swapInPlace<T>(
  files: { copy: string; live: string; aside: string },
  verify: (live: string) => Promise<T>,
): Promise<{ replaced: boolean; verified: T }> {
  const { copy, live, aside } = files;
  const replaced = existsSync(live);
  const stray = replaced ? [] : companionsOf(live);
  if (stray.length > 0) {
    throw new Error(
      `${stray.join(', ')} is there without the database it belongs to: an earlier restore was interrupted`,
    );
  }
  if (replaced) keepUnderSecondName(live, aside);
  rmSync(`${live}-shm`, { force: true });
  renameSync(copy, live);
  fsyncFile(path.dirname(live));
  let verified: T;
  try {
    verified = await verify(live);
  } catch (error) {
    if (replaced) putBack(aside, live);
    else removeWithCompanions(live);
    fsyncFile(path.dirname(live));
    throw new SwapUndone(replaced, error);
  }
  removeWithCompanions(aside);
  fsyncFile(path.dirname(live));
  return { replaced, verified };
}

/** The database also under `aside`, its log moved there: the live name keeps the whole file. */
function keepUnderSecondName(live: string, aside: string): void {
  try {
    linkSync(live, aside);
  } catch (error) {
    if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    // A file system without hard links: a copy, whole, as the database is held alone.
    copyFileSync(live, aside, constants.COPYFILE_EXCL);
    fsyncFile(aside);
  }
  for (const suffix of ['-wal', '-journal']) {
    if (existsSync(live + suffix)) renameSync(live + suffix, aside + suffix);
  }
  fsyncFile(path.dirname(live));
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

/** The previous database back under the live name, the new one's log gone before its own comes. */
function putBack(aside: string, live: string): void {
  removeWithCompanions(live, { keepTheFile: true });
  renameSync(aside, live);
  for (const suffix of ['-wal', '-journal']) {
    if (existsSync(aside + suffix)) renameSync(aside + suffix, live + suffix);
  }
  rmSync(`${aside}-shm`, { force: true });
}

export function removeWithCompanions(file: string, { keepTheFile = false } = {}): void {
  const companions = SQLITE_COMPANION_SUFFIXES.map((suffix) => file + suffix);
  for (const path of keepTheFile ? companions : [file, ...companions]) {
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
