import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SQLITE_FILE_NAME } from './database.ts';
import { PRIVATE_FILE_MODE } from './dataFolder.ts';

/**
 * Who is using the data folder, so that a restore never replaces the database under a running
 * server. Each side writes its process id into a file of its own before it looks for the
 * other's, so two that start together cannot both miss each other. A process that died without
 * removing its file does not block anyone: its id is checked for a live process.
 */
export const SERVER_MARKER = 'server.pid';
export const RESTORE_MARKER = 'restore.pid';

export class DataFolderBusy extends Error {
  override name = 'DataFolderBusy';
}

export type Claim = { release(): void };

/**
 * A server marks the folder as in use while it runs; it refuses to start during a restore, and
 * after one that was interrupted, until someone has put the folder right.
 */
export function claimForServer(folder: string, pid = process.pid): Claim {
  const claim = writeMarker(path.join(folder, SERVER_MARKER), pid, 'w');
  try {
    refuseWhileRestoreUnfinished(folder, 'start Accord');
  } catch (error) {
    claim.release();
    throw error;
  }
  return claim;
}

const SET_ASIDE_BY_A_RESTORE = `${SQLITE_FILE_NAME}.before-restore-`;
const RECOVERY = 'see "If a restore was interrupted" in docs/operations.md';

/**
 * Refuses while a restore runs, and after one that died: its marker is still there, or the
 * database is missing but the previous one is still set aside. Opening the folder then would
 * make a new, empty database (and SQLite would delete a log left beside it), so the operator
 * puts the previous database back first, as docs/operations.md says.
 */
export function refuseWhileRestoreUnfinished(folder: string, todo: string): void {
  const marker = path.join(folder, RESTORE_MARKER);
  const restoring = pidIn(marker);
  if (restoring !== undefined && isAlive(restoring)) {
    throw new DataFolderBusy(
      `a restore (process ${restoring}) is replacing the database in ${folder}: ${todo} when it has finished`,
    );
  }
  if (restoring !== undefined || existsSync(marker)) {
    throw new DataFolderBusy(
      `a restore was interrupted in ${folder} (${marker} is still there): ${RECOVERY}`,
    );
  }
  const live = path.join(folder, SQLITE_FILE_NAME);
  if (existsSync(live)) return;
  const setAside = existsSync(folder)
    ? readdirSync(folder).find(
        (name) => name.startsWith(SET_ASIDE_BY_A_RESTORE) && !/-(wal|shm|journal)$/.test(name),
      )
    : undefined;
  if (setAside) {
    throw new DataFolderBusy(
      `a restore was interrupted in ${folder}: there is no ${SQLITE_FILE_NAME}, but ${setAside} is there: ${RECOVERY}`,
    );
  }
  const log = ['-wal', '-journal'].find((suffix) => existsSync(live + suffix));
  if (log) {
    // SQLite would read it against the new, empty database it made.
    throw new DataFolderBusy(
      `${SQLITE_FILE_NAME}${log} is there without ${SQLITE_FILE_NAME} in ${folder}: a restore was interrupted: ${RECOVERY}`,
    );
  }
}

/** A restore holds the folder alone: no server running on it, and no other restore. */
export function claimForRestore(folder: string, pid = process.pid): Claim {
  const marker = path.join(folder, RESTORE_MARKER);
  let claim: Claim;
  try {
    claim = writeMarker(marker, pid, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const other = livePidIn(marker);
    if (other !== undefined) {
      throw new DataFolderBusy(`another restore (process ${other}) is running in ${folder}`);
    }
    claim = writeMarker(marker, pid, 'w');
  }
  const serverFile = path.join(folder, SERVER_MARKER);
  const server = livePidIn(serverFile);
  if (server !== undefined) {
    claim.release();
    throw new DataFolderBusy(
      `Accord (process ${server}) is using ${folder}: stop it before restoring (if no Accord runs there, delete ${serverFile})`,
    );
  }
  return claim;
}

/** A backup waits for no one, but a database being replaced is not one to copy. */
export function refuseDuringRestore(folder: string): void {
  const restoring = livePidIn(path.join(folder, RESTORE_MARKER));
  if (restoring !== undefined) {
    throw new DataFolderBusy(
      `a restore (process ${restoring}) is replacing the database in ${folder}: back up when it has finished`,
    );
  }
}

function writeMarker(file: string, pid: number, flag: 'w' | 'wx'): Claim {
  writeFileSync(file, `${pid}\n`, { mode: PRIVATE_FILE_MODE, flag });
  return {
    release() {
      // Only our own: another server may have started on the folder since.
      if (pidIn(file) === pid) unlinkSync(file);
    },
  };
}

/** The process id written in a marker, if that process is still alive. */
export function livePidIn(file: string): number | undefined {
  const pid = pidIn(file);
  return pid !== undefined && isAlive(pid) ? pid : undefined;
}

function pidIn(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another account.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
