import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * How many rows of each index SQLite reads to estimate it: enough to tell a partnership's
 * thousands of cases from a case's one row, and the same cost at a thousand cases or a million.
 */
const ROWS_READ_PER_INDEX = 400;

/**
 * Keeps what the query planner knows of the tables current. Without it SQLite guesses, and a
 * practitioner's Waiting for you read a partnership's 13,000 resolved cases by an index where
 * their three cases by id would do (100,000 cases). SQLite's own advice is PRAGMA optimize when
 * a long-lived connection opens and every few hours (the job: hourly), and after a bulk load: it
 * analyses only the tables whose figures have moved far enough to change a plan. Figures of a
 * directory a tenth of its size are worse than none (a scan of every role for 500 people). PostgreSQL's autovacuum keeps its statistics itself.
 */
export async function refreshPlannerStatistics(database: Database): Promise<void> {
  if (database.kind !== 'sqlite') return;
  await sql.raw(`pragma analysis_limit = ${ROWS_READ_PER_INDEX}`).execute(database.db);
  // 0x10002: look at every table, not only those this connection has used.
  await sql`pragma optimize = 0x10002`.execute(database.db);
}
