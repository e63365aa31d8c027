import { type Database, openDatabase } from '../../db/database.ts';
import { auditRepository } from '../../db/repositories/auditRepository.ts';
import {
  releasePurgedBytes,
  retentionRepository,
} from '../../db/repositories/retentionRepository.ts';
import { settingsRepository } from '../../db/repositories/settingsRepository.ts';
import { type Clock, isoInstant } from '../../domain/clock.ts';
import { retentionCutoff } from '../../domain/retention/retentionPeriod.ts';
import { auditFacts, type RequestContext } from '../requestContext.ts';

const BATCH = 200;
/** Set while a run's old bytes could not all be removed: the next run tries again. */
const RELEASE_PENDING = 'retention.release-pending';
/**
 * Set once an SQLite database was vacuumed by a run: its free pages from before secure_delete
 * are gone. A database restored from an older backup lacks it, so is vacuumed again.
 */
const SQLITE_VACUUMED = 'retention.sqlite-vacuumed';

export type RetentionDeps = {
  database: Database;
  clock: Clock;
  /**
   * DATABASE_OWNER_URL, when Accord runs as a role of its own on PostgreSQL: VACUUM FULL, which
   * removes the old bytes from the files, needs the tables' owner.
   */
  databaseOwnerUrl?: string | undefined;
  /** How long to wait for transactions older than the purge to end (60 seconds). */
  releaseWaitMs?: number;
};

export type RetentionRun = {
  /** The cases purged (or, on a dry run, that would be), by partnership. */
  purged: number;
  /**
   * Whether the old bytes left the database files (null: nothing to remove). False when a
   * transaction older than the purge outlasted the wait: the next run removes them.
   */
  bytesReleased: boolean | null;
  byPartnership: { partnershipId: string; name: string; months: number; purged: number }[];
  dryRun: boolean;
};

/**
 * Purges every case past its partnership's retention period (domain/retention), each in its
 * own transaction with one audit entry, then removes the old bytes from the database files.
 * Safe in several instances at once, and beside the command line: a case is purged only as it
 * was read and only if not purged since, so no case is purged, or audited, twice.
 */
export async function runRetention(
  deps: RetentionDeps,
  options: { dryRun?: boolean; shouldStop?: () => boolean } = {},
  context: RequestContext = { actor: null, via: 'system', requestId: null },
): Promise<RetentionRun> {
  const now = deps.clock.now();
  const at = isoInstant(now);
  const byPartnership: RetentionRun['byPartnership'] = [];
  const db = deps.database.db;
  for (const period of await retentionRepository(db).partnershipPeriods()) {
    const cutoff = isoInstant(retentionCutoff(now, period.months, period.timeZone));
    let purged = 0;
    if (options.dryRun) {
      purged = await retentionRepository(db).countPastPeriod(period.partnershipId, cutoff);
    } else {
      for (;;) {
        if (options.shouldStop?.()) break;
        const cases = await retentionRepository(db).pastPeriod(period.partnershipId, cutoff, BATCH);
        for (const disagreement of cases) {
          const done = await db.transaction().execute(async (trx) => {
            if (!(await retentionRepository(trx).purge(disagreement, at))) return false;
            await auditRepository(trx).append(
              auditFacts(context, now, 'disagreement.purged', {
                type: 'disagreement',
                id: disagreement.id,
                partnershipId: disagreement.partnershipId,
              }),
            );
            return true;
          });
          if (done) purged++;
        }
        if (cases.length < BATCH) break;
      }
    }
    byPartnership.push({
      partnershipId: period.partnershipId,
      name: period.name,
      months: period.months,
      purged,
    });
  }
  const total = byPartnership.reduce((sum, partnership) => sum + partnership.purged, 0);
  const notesCleared = options.dryRun ? 0 : await retentionRepository(db).clearNotesOfPurgedCases();
  let bytesReleased: boolean | null = null;
  const settings = settingsRepository(db);
  const leftOver = (await settings.get(RELEASE_PENDING))?.value === 'yes';
  const vacuumSqlite =
    deps.database.kind === 'sqlite' && (await settings.get(SQLITE_VACUUMED))?.value !== 'yes';
  if (!options.dryRun && (total > 0 || notesCleared > 0 || leftOver || vacuumSqlite)) {
    bytesReleased = await releaseBytes(deps, vacuumSqlite);
    await settings.put(RELEASE_PENDING, bytesReleased ? 'no' : 'yes', now);
    if (vacuumSqlite && bytesReleased) await settings.put(SQLITE_VACUUMED, 'yes', now);
  }
  return { purged: total, bytesReleased, byPartnership, dryRun: Boolean(options.dryRun) };
}

async function releaseBytes(deps: RetentionDeps, vacuumSqlite: boolean): Promise<boolean> {
  if (deps.database.kind !== 'postgres' || !deps.databaseOwnerUrl) {
    return releasePurgedBytes(deps.database, deps.releaseWaitMs, { vacuumSqlite });
  }
  const owner = openDatabase({ kind: 'postgres', connectionString: deps.databaseOwnerUrl });
  try {
    return await releasePurgedBytes(owner, deps.releaseWaitMs);
  } finally {
    await owner.close();
  }
}
