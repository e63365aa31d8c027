import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { outboxRepository } from '../db/repositories/outboxRepository.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import type { MailTransport } from '../notify/mailTransport.ts';

export const DISPATCH_BATCH = 20;
/** A lease outlasts any one send: the transports give up after SEND_TIMEOUT_MS (30 s). */
export const LEASE_SECONDS = 120;
/** A message refused for a passing reason (the server down, busy) is tried for three days. */
export const GIVE_UP_AFTER_HOURS = 72;

/** 30 s, 1 min, 2 min, 4 min ... at most an hour between attempts. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** attempts);
}

/**
 * Whether trying again cannot help: the mail server refused the message for good (SMTP 5xx,
 * say "550 mailbox unavailable") or Notify refused the request itself (HTTP 400). Anything
 * else (no connection, a timeout, 4xx "try later", Notify down) is tried again.
 */
export function isPermanentFailure(error: unknown): boolean {
  const { responseCode, response } = (error ?? {}) as {
    responseCode?: unknown;
    response?: { status?: unknown };
  };
  if (typeof responseCode === 'number') return responseCode >= 500 && responseCode < 600;
  return response?.status === 400;
}

export type DispatchResult = { sent: number; failed: number; leased: number };

/**
 * Sends what the outbox holds: leases a batch (so no other instance takes it), and for each
 * message renews its lease just before sending (so a message whose lease ran out while this
 * instance was slow, and that another instance took, is not sent twice), sends it, and marks
 * it sent, or records the failure and when to try again. Stops between messages when asked.
 */
export async function dispatchOutbox(
  deps: {
    database: Database;
    clock: Clock;
    transport: MailTransport;
    worker?: string;
    shouldStop?: () => boolean;
  },
  maxBatches = 50,
): Promise<DispatchResult> {
  const worker = deps.worker ?? randomUUID();
  const outbox = outboxRepository(deps.database.db);
  const result: DispatchResult = { sent: 0, failed: 0, leased: 0 };
  const leaseFrom = (at: Temporal.Instant) => isoInstant(at.add({ seconds: LEASE_SECONDS }));
  for (let batch = 0; batch < maxBatches && !deps.shouldStop?.(); batch++) {
    const now = deps.clock.now();
    const leased = await outbox.lease(worker, isoInstant(now), leaseFrom(now), DISPATCH_BATCH);
    result.leased += leased.length;
    if (leased.length === 0) return result;
    for (const message of leased) {
      if (deps.shouldStop?.()) return result;
      const before = deps.clock.now();
      if (!(await outbox.renewLease(message.id, worker, isoInstant(before), leaseFrom(before)))) {
        continue;
      }
      try {
        await deps.transport.send({
          to: message.recipient,
          subject: message.subject,
          body: message.body,
          calendar: message.calendar,
        });
      } catch (error) {
        result.failed++;
        const at = deps.clock.now();
        const attempts = message.attempts + 1;
        const tooOld =
          Temporal.Instant.compare(
            at,
            Temporal.Instant.from(message.createdAt).add({ hours: GIVE_UP_AFTER_HOURS }),
          ) > 0;
        const retryAt =
          isPermanentFailure(error) || tooOld
            ? null
            : isoInstant(at.add({ seconds: retryDelaySeconds(attempts - 1) }));
        await outbox.markFailed(
          message.id,
          worker,
          String((error as Error).message ?? error),
          retryAt,
        );
        continue;
      }
      // Sent: if marking it fails, its lease runs out and the health check shows it; it is not
      // sent again by this instance.
      if (await outbox.markSent(message.id, worker, isoInstant(deps.clock.now()))) result.sent++;
    }
  }
  return result;
}
