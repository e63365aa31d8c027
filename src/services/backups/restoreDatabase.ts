import { chmodSync, constants, copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { type Database, openDatabase, SQLITE_FILE_NAME } from '../../db/database.ts';
import { PRIVATE_FILE_MODE, preparePrivateFolder } from '../../db/dataFolder.ts';
import { claimForRestore } from '../../db/dataFolderClaims.ts';
import { migrateToLatest, migrationNames } from '../../db/migrate.ts';
import { auditRepository } from '../../db/repositories/auditRepository.ts';
import {
  companionsOf,
  examineSqliteFile,
  fsyncFile,
  holdAlone,
  isOpenElsewhere,
  removeWithCompanions,
  SwapUndone,
  settleIntoOneFile,
  swapInPlace,
} from '../../db/sqliteFiles.ts';
import type { Clock } from '../../domain/clock.ts';
import { auditFacts, commandLine } from '../requestContext.ts';
import { verifyAuditLog } from '../verifyAuditLog.ts';

/** Why a file was not restored; the database in the data folder is as it was. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

export type Restored = {
  /** Migrations applied to bring an older backup up to this version of Accord. */
  migrated: string[];
  /** The entries of the restored audit log, the last of them the restore's own. */
  auditEntries: number;
  /** Whether there was a database before, now replaced. */
  replaced: boolean;
};

/** The audit log of a restored database says so: its last entries before this one are older. */
export const RESTORED_ACTION = 'database.restored';

/**
 * `accord restore FILE`: puts a backup in place of the embedded database. Refused while a
 * server uses the data folder. The file is checked on a copy (an SQLite database, undamaged,
 * Accord's, of this version or older, its audit chain intact) and an older one migrated, all
 * before anything in the data folder changes; the previous database is kept aside until the
 * new one is in place and opens and verifies, and put back if it does not.
 */
export async function restoreDatabase(
  dataDir: string,
  backupFile: string,
  { clock }: { clock: Clock },
): Promise<Restored> {
  const source = path.resolve(backupFile);
  if (!existsSync(source)) throw new RestoreRefused(`there is no file ${source}`);
  preparePrivateFolder(dataDir);
  const claim = claimForRestore(dataDir);
  const live = path.join(dataDir, SQLITE_FILE_NAME);
  const stamp = clock.now().toString({ smallestUnit: 'second' }).replaceAll(':', '');
  const staging = `${live}.restoring-${stamp}`;
  const openElsewhere = new RestoreRefused(
    `${live} is open in another process (a server, or a command): stop it before restoring`,
  );
  try {
    refuseALogWithoutItsDatabase(live);
    if (isOpenElsewhere(live)) throw openElsewhere;
    copyFileSync(source, staging, constants.COPYFILE_EXCL);
    chmodSync(staging, PRIVATE_FILE_MODE);
    const migrated = await prepareCopy(staging, source);
    settleIntoOneFile(staging);
    fsyncFile(staging);
    // Nothing may open the previous database between this check and the swap.
    const held = holdAlone(live);
    if (held.busy) throw openElsewhere;
    try {
      const placed = await putInPlace(staging, live, `${live}.before-restore-${stamp}`, clock);
      return { migrated, ...placed };
    } finally {
      held.release();
    }
  } finally {
    removeWithCompanions(staging);
    claim.release();
  }
}

/** A log left without its database by an interrupted restore would be read against the new one. */
function refuseALogWithoutItsDatabase(live: string): void {
  const stray = existsSync(live) ? [] : companionsOf(live);
  if (stray.length > 0) {
    throw new RestoreRefused(
      `${stray.join(', ')} is there without ${live}: an earlier restore was interrupted; see "If a restore was interrupted" in docs/operations.md`,
    );
  }
}

/** Checks the copy and brings it up to date; returns the migrations applied. */
async function prepareCopy(copy: string, source: string): Promise<string[]> {
  const refuse = (why: string) => new RestoreRefused(`${source} was not restored: ${why}`);
  const examined = examineSqliteFile(copy);
  if (!examined.ok) throw refuse(examined.problem);
  if (!examined.migrations?.length) {
    throw refuse('it is not an Accord database (it records no Accord migrations)');
  }
  const known = new Set(await migrationNames());
  const unknown = examined.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw refuse(
      `its schema has migrations this version of Accord does not know (${unknown.join(', ')}): it is from a newer version of Accord, or not Accord's`,
    );
  }
  const database = openDatabase({ kind: 'sqlite', file: copy });
  try {
    const migrated = await migrateToLatest(database.db);
    const check = await verifyAuditLog(database);
    if (!check.intact) {
      throw refuse(`its audit log is broken at entry ${check.firstBroken}: ${check.reason}`);
    }
    return migrated;
  } finally {
    await database.close();
  }
}

/** Swaps the checked copy in; the previous database is removed only once the new one verifies. */
async function putInPlace(
  copy: string,
  live: string,
  aside: string,
  clock: Clock,
): Promise<Omit<Restored, 'migrated'>> {
  try {
    const swapped = await swapInPlace({ copy, live, aside }, (file) => verifyInPlace(file, clock));
    return { replaced: swapped.replaced, auditEntries: swapped.verified };
  } catch (error) {
    if (!(error instanceof SwapUndone)) throw error;
    throw new RestoreRefused(
      `the restored database did not open and verify in place (${(error.cause as Error).message}); ${error.replaced ? 'the previous database is back' : 'nothing was restored'}`,
    );
  }
}

/** Opens the database in place as the server will, checks it, and records the restore. */
async function verifyInPlace(file: string, clock: Clock): Promise<number> {
  const database: Database = openDatabase({ kind: 'sqlite', file });
  try {
    const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
      database.db,
    );
    if (rows[0]?.integrity_check !== 'ok') throw new Error('its integrity check failed');
    if ((await migrateToLatest(database.db)).length > 0) throw new Error('it was not up to date');
    await database.db.transaction().execute((trx) =>
      auditRepository(trx).append(
        auditFacts(commandLine, clock.now(), RESTORED_ACTION, {
          type: 'database',
          id: null,
          partnershipId: null,
        }),
      ),
    );
    const check = await verifyAuditLog(database);
    if (!check.intact) throw new Error(`its audit log is broken at entry ${check.firstBroken}`);
    return check.entries;
  } finally {
    await database.close();
  }
}
