import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/** Only the account Accord runs as may enter the data folder, or read the files in it. */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** The files SQLite keeps beside a database while it is in use (write-ahead log mode). */
export const SQLITE_COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

/**
 * Creates the data folder readable by its owner only, or, when it exists and others may read
 * it, takes their access away. Says what it changed (or could not), for a warning.
 */
export function preparePrivateFolder(folder: string): string | undefined {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const { mode: fullMode, uid } = statSync(folder);
  const mode = fullMode & 0o777;
  if ((mode & 0o077) === 0) return undefined;
  // A shared folder such as /tmp (sticky) or another account's is not ours to close.
  if ((fullMode & 0o1000) !== 0 || uid !== process.getuid?.()) {
    return `${folder} can be read by other accounts (mode ${octal(mode)}) and is left as it is: give Accord a folder of its own`;
  }
  try {
    chmodSync(folder, mode & PRIVATE_FOLDER_MODE);
    return `${folder} could be read by other accounts (mode ${octal(mode)}): it is now ${octal(mode & PRIVATE_FOLDER_MODE)}`;
  } catch (error) {
    return `${folder} can be read by other accounts (mode ${octal(mode)}) and could not be changed: ${(error as Error).message}`;
  }
}

/** A new folder for a database, readable by its owner only; an existing one is left as it is. */
export function makePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
}

/**
 * The database file readable by its owner only, before SQLite opens it: SQLite gives the
 * write-ahead log and shared-memory files it makes the database file's own permissions. Files
 * of an older start, made before this rule, are tightened too.
 */
export function preparePrivateDatabaseFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const path of [file, ...SQLITE_COMPANION_SUFFIXES.map((suffix) => file + suffix)]) {
    tightenIfPresent(path);
  }
}

/** Takes group and other access away from a file, if it exists. */
export function tightenIfPresent(file: string): void {
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}
