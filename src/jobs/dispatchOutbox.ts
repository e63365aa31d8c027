import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { outboxRepository } from '../db/repositories/outboxRepository.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import type { MailTransport } from '../notify/mailTransport.ts';
import type { Job } from './scheduler.ts';

export const DISPATCH_BATCH = 50;
/** Longer than any one send may take (the transport times out first), so a live lease never lapses. */
export const LEASE_SECONDS = 120;
/** After this many failed attempts a message is given up on and shows as failed. */
export const MAX_ATTEMPTS = 12;

/** 30 s, 1 min, 2 min, 4 min ... at most an hour between attempts. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** attempts);
}

export type DispatchResult = { sent: number; failed: number; leased: number };

/**
 * Sends what the outbox holds: leases a batch (so no other instance takes it), sends each,
 * marks it sent, or records the failure and when to try again. Runs until the outbox has
 * nothing due, or `maxBatches` batches.
 */
export async function dispatchOutbox(
  deps: { database: Database; clock: Clock; transport: MailTransport; worker?: string },
  maxBatches = 20,
): Promise<DispatchResult> {
  const worker = deps.worker ?? randomUUID();
  const outbox = outboxRepository(deps.database.db);
  const result: DispatchResult = { sent: 0, failed: 0, leased: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const now = deps.clock.now();
    const leased = await outbox.lease(
      worker,
      isoInstant(now),
      isoInstant(now.add({ seconds: LEASE_SECONDS })),
      DISPATCH_BATCH,
    );
    result.leased += leased.length;
    if (leased.length === 0) return result;
    for (const message of leased) {
      try {
        await deps.transport.send({
          to: message.recipient,
          subject: message.subject,
          body: message.body,
          calendar: message.calendar,
        });
        if (await outbox.markSent(message.id, worker, isoInstant(deps.clock.now()))) {
          result.sent++;
        }
      } catch (error) {
        result.failed++;
        const attempts = message.attempts + 1;
        const retryAt =
          attempts >= MAX_ATTEMPTS
            ? null
            : isoInstant(deps.clock.now().add({ seconds: retryDelaySeconds(attempts - 1) }));
        await outbox.markFailed(
          message.id,
          worker,
          String((error as Error).message ?? error),
          retryAt,
        );
      }
    }
  }
  return result;
}

/** The scheduler's job: every few seconds, in every instance. */
export function dispatchOutboxJob(deps: Parameters<typeof dispatchOutbox>[0]): Job {
  const worker = deps.worker ?? randomUUID();
  return {
    name: 'dispatch-outbox',
    everyMs: 5000,
    run: () => dispatchOutbox({ ...deps, worker }),
  };
}
