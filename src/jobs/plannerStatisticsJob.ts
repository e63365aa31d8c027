import type { Database } from '../db/database.ts';
import { refreshPlannerStatistics } from '../db/plannerStatistics.ts';
import type { Job } from './scheduler.ts';

/** Soon after start, then every six hours (SQLite; nothing to do on PostgreSQL). */
export function plannerStatisticsJob(deps: { database: Database }): Job {
  return {
    name: 'planner-statistics',
    everyMs: 6 * 60 * 60_000,
    run: () => refreshPlannerStatistics(deps.database),
  };
}
