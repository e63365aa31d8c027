import { randomUUID } from 'node:crypto';
import { dispatchOutbox } from '../services/dispatchOutbox.ts';
import type { Job } from './scheduler.ts';

/** Sends what the outbox holds, every few seconds, in every instance. */
export function dispatchOutboxJob(deps: Parameters<typeof dispatchOutbox>[0]): Job {
  const worker = deps.worker ?? randomUUID();
  return {
    name: 'dispatch-outbox',
    everyMs: 5000,
    run: (shouldStop) => dispatchOutbox({ ...deps, worker, shouldStop }),
  };
}
