import { type Kysely, sql } from 'kysely';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { purgedCase } from '../../domain/retention/caseDocumentRetention.ts';
import type { Database } from '../database.ts';
import type { DatabaseSchema } from '../schema.ts';
import { caseOf } from './caseReads.ts';
import { searchRows } from './caseRows.ts';
import { toJson } from './rowMapping.ts';

/** The tables a purge rewrites, whose old bytes must then leave PostgreSQL's files. */
const PURGED_TABLES = ['disagreements', 'disagreement_search', 'lessons', 'outbox'] as const;

/**
 * Retention: each partnership's period, the cases past it, and a case's purge from every table
 * that holds its free text or its children's details (domain/retention/textColumnRetention.ts).
 */
export function retentionRepository(db: Kysely<DatabaseSchema>) {
  /** A partnership's ended, unpurged cases that ended before `cutoff` (closed ones: closed before it). */
  const pastPeriod = (partnershipId: string, cutoff: string) =>
    db
      .selectFrom('disagreements')
      .where('partnership_id', '=', partnershipId)
      .where('purged_at', 'is', null)
      .where('status', '!=', 'open')
      .where((eb) =>
        eb.or([
          eb('closed_at', '<', cutoff),
          eb.and([eb('closed_at', 'is', null), eb('ended_at', '<', cutoff)]),
        ]),
      );

  return {
    async partnershipPeriods(): Promise<
      { partnershipId: string; months: number; timeZone: string }[]
    > {
      const rows = await db
        .selectFrom('partnerships')
        .select(['id', 'retention_months', 'time_zone'])
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        partnershipId: row.id,
        months: Number(row.retention_months),
        timeZone: row.time_zone,
      }));
    },

    async periodOf(partnershipId: string): Promise<number | undefined> {
      const row = await db
        .selectFrom('partnerships')
        .select('retention_months')
        .where('id', '=', partnershipId)
        .executeTakeFirst();
      return row && Number(row.retention_months);
    },

    async setPeriod(partnershipId: string, months: number): Promise<void> {
      await db
        .updateTable('partnerships')
        .set({ retention_months: months })
        .where('id', '=', partnershipId)
        .execute();
    },

    async countPastPeriod(partnershipId: string, cutoff: string): Promise<number> {
      const row = await pastPeriod(partnershipId, cutoff)
        .select((eb) => eb.fn.countAll().as('count'))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    /** Up to `limit` of the cases past the period, oldest id first. */
    async pastPeriod(
      partnershipId: string,
      cutoff: string,
      limit: number,
    ): Promise<Disagreement[]> {
      const rows = await pastPeriod(partnershipId, cutoff)
        .select('document')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => caseOf(row.document));
    },

    /**
     * Purges one case as it was read, in the caller's transaction: only if nobody saved or purged
     * it since (the conditional update locks its row until the transaction ends, so a second
     * instance waits, then finds it changed and leaves it). Says whether it purged it.
     */
    async purge(disagreement: Disagreement, at: string): Promise<boolean> {
      const purged = purgedCase(disagreement, at);
      const result = await db
        .updateTable('disagreements')
        .set({ document: toJson(purged), version: purged.version, purged_at: at })
        .where('id', '=', disagreement.id)
        .where('version', '=', disagreement.version)
        .where('purged_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await db
        .deleteFrom('disagreement_search')
        .where('disagreement_id', '=', disagreement.id)
        .execute();
      const terms = searchRows(purged);
      if (terms.length > 0) await db.insertInto('disagreement_search').values(terms).execute();
      await db
        .updateTable('lessons')
        .set({ note: null })
        .where('disagreement_id', '=', disagreement.id)
        .execute();
      await db
        .updateTable('outbox')
        .set({ subject: '', body: '', calendar: null })
        .where('disagreement_id', '=', disagreement.id)
        .execute();
      return true;
    },
  };
}

/**
 * After a purge, the old bytes leave the database files. SQLite (secure_delete is on for every
 * connection, nodeSqliteDatabase.ts) has zeroed them in the database file; the write-ahead log
 * still holds the pages as they were until it is checkpointed and truncated. PostgreSQL keeps
 * old row versions in the table, TOAST and index files even after a plain VACUUM (which marks
 * the space free but does not overwrite it): VACUUM FULL rewrites each purged table and its
 * indexes into new files and removes the old ones. It needs the tables' owner, and holds an
 * exclusive lock on each table while it is rewritten (docs/retention.md).
 */
export async function releasePurgedBytes(database: Database): Promise<void> {
  if (database.kind === 'sqlite') {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
    return;
  }
  for (const table of PURGED_TABLES) {
    await sql`vacuum full ${sql.table(table)}`.execute(database.db);
  }
}
