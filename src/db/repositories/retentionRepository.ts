import { type Kysely, sql } from 'kysely';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { purgedCase } from '../../domain/retention/caseDocumentRetention.ts';
import type { Database } from '../database.ts';
import type { DatabaseSchema } from '../schema.ts';
import { caseOf } from './caseReads.ts';
import { searchRows } from './caseRows.ts';
import { toJson } from './rowMapping.ts';

/**
 * The tables whose old bytes must leave PostgreSQL's files after a purge: those it rewrites,
 * and sessions and kept answers, whose old versions hold the raise drafts and answers the
 * purged cases were made from.
 */
const PURGED_TABLES = [
  'disagreements',
  'disagreement_search',
  'lessons',
  'monitoring_form_answers',
  'outbox',
  'sessions',
  'kept_answers',
] as const;

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
      { partnershipId: string; name: string; months: number; timeZone: string }[]
    > {
      const rows = await db
        .selectFrom('partnerships')
        .select(['id', 'name', 'retention_months', 'time_zone'])
        .orderBy('name')
        .execute();
      return rows.map((row) => ({
        partnershipId: row.id,
        name: row.name,
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
     * Clears any note left on a purged case's lesson: one saved while its case was being purged
     * (PostgreSQL) could be written back after the purge cleared it. Says how many it cleared.
     */
    async clearNotesOfPurgedCases(): Promise<number> {
      const result = await db
        .updateTable('lessons')
        .set({ note: null })
        .where('note', 'is not', null)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('disagreements as purged')
              .select('purged.id')
              .whereRef('purged.id', '=', 'lessons.disagreement_id')
              .where('purged.purged_at', 'is not', null),
          ),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
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
        .updateTable('monitoring_form_answers')
        .set({ parents_views: '', senior_officers: '[]' })
        .where('disagreement_id', '=', disagreement.id)
        .execute();
      await db
        .updateTable('outbox')
        .set({ subject: '', body: '', calendar: null })
        .where('disagreement_id', '=', disagreement.id)
        .execute();
      // A message emptied of its words is not sent.
      await db
        .updateTable('outbox')
        .set({ status: 'dropped', sent_at: at, leased_by: null, lease_until: null })
        .where('disagreement_id', '=', disagreement.id)
        .where('status', 'in', ['pending', 'held'])
        .execute();
      return true;
    },
  };
}

/**
 * After a purge, the old bytes leave the database files; says whether they all could.
 *
 * SQLite (secure_delete is on for every connection, nodeSqliteDatabase.ts) has zeroed them in
 * the database file; the write-ahead log still holds the pages as they were until it is
 * checkpointed and truncated. A database written before secure_delete was on still holds old
 * row versions in pages freed then and never zeroed: `vacuumSqlite` rewrites it first, once.
 *
 * PostgreSQL keeps old row versions in the table, TOAST and index files even after a plain
 * VACUUM (which marks the space free but does not overwrite it): VACUUM FULL rewrites each
 * purged table and its indexes into new files and removes the old ones. It needs the tables'
 * owner (another role's is refused here, and this says false), and holds an exclusive lock on each table while it is rewritten. It must also keep
 * any row version a transaction begun before the purge may still see: so it first waits (up to
 * `waitMs`) for those transactions to end, and gives up a table whose lock it cannot have
 * within 5 seconds (queries on it wait behind VACUUM FULL meanwhile): either way some bytes
 * stay until the next run, and this says false (docs/retention.md).
 */
export async function releasePurgedBytes(
  database: Database,
  waitMs = 60_000,
  options: { vacuumSqlite?: boolean } = {},
): Promise<boolean> {
  if (database.kind === 'sqlite') {
    if (options.vacuumSqlite && !(await vacuumSqlite(database.db))) return false;
    const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(
      database.db,
    );
    return Number(rows[0]?.busy ?? 0) === 0;
  }
  // Any other role's VACUUM FULL only warns that it skipped the table.
  if (!(await ownsPurgedTables(database.db))) return false;
  if (!(await olderTransactionsEnded(database.db, waitMs))) return false;
  return database.db.connection().execute(async (connection) => {
    // Queries on a table queue behind VACUUM FULL's wait for its lock: wait only briefly.
    await sql`set lock_timeout = ${sql.lit(`${LOCK_WAIT_MS}ms`)}`.execute(connection);
    try {
      for (const table of PURGED_TABLES) {
        await sql`vacuum full ${sql.table(table)}`.execute(connection);
      }
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === LOCK_NOT_AVAILABLE) return false;
      throw error;
    } finally {
      await sql`reset lock_timeout`.execute(connection);
    }
  });
}

/** SQLite's result codes for a database another connection holds. */
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;

/**
 * Rewrites an SQLite database into fresh pages (outside any transaction), so free pages written
 * before secure_delete was on, which still hold old versions of rows, are gone. Says false when
 * another connection holds the database: the next run tries again.
 */
async function vacuumSqlite(db: Kysely<DatabaseSchema>): Promise<boolean> {
  try {
    await sql`vacuum`.execute(db);
    return true;
  } catch (error) {
    const code = (error as { errcode?: unknown }).errcode;
    if (typeof code === 'number' && [SQLITE_BUSY, SQLITE_LOCKED].includes(code & 0xff)) {
      return false;
    }
    throw error;
  }
}

const LOCK_WAIT_MS = 5000;
const LOCK_NOT_AVAILABLE = '55P03';

async function ownsPurgedTables(db: Kysely<DatabaseSchema>): Promise<boolean> {
  const { rows } = await sql<{ count: number }>`
    select count(*)::int as count from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relname in (${sql.join([...PURGED_TABLES])})
      and not pg_has_role(current_user, c.relowner, 'USAGE')`.execute(db);
  return Number(rows[0]?.count ?? 0) === 0;
}

/** Waits until no transaction of this database begun before now is still open. */
async function olderTransactionsEnded(db: Kysely<DatabaseSchema>, waitMs: number) {
  const { rows } = await sql<{ at: string }>`select clock_timestamp()::text as at`.execute(db);
  const mark = rows[0]?.at as string;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const { rows: open } = await sql<{ count: number }>`
      select count(*)::int as count from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
        and backend_xmin is not null and xact_start < ${mark}::timestamptz`.execute(db);
    if (Number(open[0]?.count ?? 0) === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
