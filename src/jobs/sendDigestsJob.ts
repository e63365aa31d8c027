import { sendDigests } from '../services/sendDigests.ts';
import type { Job } from './scheduler.ts';

/** The morning summaries, checked every five minutes, in every instance. */
export function sendDigestsJob(deps: Parameters<typeof sendDigests>[0]): Job {
  return { name: 'send-digests', everyMs: 5 * 60_000, run: () => sendDigests(deps) };
}
