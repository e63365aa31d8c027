import { refreshPlannerStatistics } from '../services/plannerStatistics.ts';
import type { Job } from './scheduler.ts';

/**
 * Soon after start, then every hour (SQLite; nothing to do on PostgreSQL): a run that finds
 * nothing much changed analyses nothing.
 */
export function plannerStatisticsJob(deps: {
  database: Parameters<typeof refreshPlannerStatistics>[0];
}): Job {
  return {
    name: 'planner-statistics',
    everyMs: 60 * 60_000,
    run: () => refreshPlannerStatistics(deps.database),
  };
}
