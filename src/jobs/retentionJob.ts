import {
  type RetentionDeps,
  type RetentionRun,
  runRetention,
} from '../services/retention/runRetention.ts';
import type { Job } from './scheduler.ts';

/**
 * Purges the cases past their partnership's retention period once a day in every instance:
 * runRetention makes that safe (a case is purged once, whoever gets there first).
 */
export function retentionJob(deps: RetentionDeps): Job {
  return {
    name: 'retention',
    everyMs: 24 * 60 * 60_000,
    run: async (shouldStop) => {
      const run = await runRetention(deps, { shouldStop });
      // The scheduler warns of what is failed; the next run tries again.
      return run.bytesReleased === false
        ? { ...run, failed: ['the old bytes of purged cases are still in the database files'] }
        : run;
    },
    describe: (result) => {
      const { purged } = result as RetentionRun;
      return purged > 0
        ? `retention: the details of ${purged} ${purged === 1 ? 'case' : 'cases'} past their partnership's retention period were removed`
        : undefined;
    },
  };
}
