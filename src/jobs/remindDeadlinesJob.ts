import { remindDeadlines } from '../services/remindDeadlines.ts';
import type { Job } from './scheduler.ts';

/** The deadline messages due now, every minute, in every instance (each is queued once). */
export function remindDeadlinesJob(deps: Parameters<typeof remindDeadlines>[0]): Job {
  return { name: 'remind-deadlines', everyMs: 60_000, run: () => remindDeadlines(deps) };
}
