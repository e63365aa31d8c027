import type { Database } from '../db/database.ts';
import {
  CASE_INDEX_VERSION,
  disagreementRepository,
} from '../db/repositories/disagreementRepository.ts';
import type { Clock } from '../domain/clock.ts';
import { rulesCache } from './caseRules.ts';

const BATCH = 500;

/**
 * Brings every case's index columns, rows and report counts up to today's shape
 * (CASE_INDEX_VERSION), a batch per transaction: after an upgrade that indexes cases anew,
 * the cases stored before it are found, counted and exported like those saved since. Safe to
 * run in several instances at once: each batch re-reads what is still to do.
 */
export async function reindexCases(deps: { database: Database; clock: Clock }): Promise<number> {
  let indexed = 0;
  for (;;) {
    const done = await deps.database.db.transaction().execute(async (trx) => {
      const repository = disagreementRepository(trx);
      const cases = await repository.indexedBefore(CASE_INDEX_VERSION, BATCH);
      const rulesOf = rulesCache(trx, deps.clock.now());
      for (const disagreement of cases) {
        await repository.reindex(disagreement, await rulesOf(disagreement));
      }
      return cases.length;
    });
    indexed += done;
    if (done < BATCH) return indexed;
  }
}
