import { purgeExpiredSessions } from '../services/purgeExpiredSessions.ts';
import type { Job } from './scheduler.ts';

export function purgeExpiredSessionsJob(deps: Parameters<typeof purgeExpiredSessions>[0]): Job {
  return {
    name: 'purge-expired-sessions',
    everyMs: 10 * 60_000,
    run: () => purgeExpiredSessions(deps),
  };
}
