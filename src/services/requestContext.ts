import type { Actor } from '../domain/access/can.ts';
import type { AuditAction } from '../domain/audit/auditActions.ts';
import type { AuditFacts } from '../domain/audit/auditChain.ts';
import { isoInstant } from '../domain/clock.ts';

/** Who is asking, and through what: every use case takes one, and audits with it. */
export type RequestContext = {
  actor: Actor | null;
  via: AuditFacts['via'];
  requestId: string | null;
};

export const commandLine: RequestContext = { actor: null, via: 'cli', requestId: null };

export function auditFacts(
  context: RequestContext,
  at: Temporal.Instant,
  action: AuditAction,
  record: { type: string; id: string | null; partnershipId: string | null },
  justification: string | null = null,
): AuditFacts {
  return {
    at: isoInstant(at),
    actorId: context.actor?.personId ?? null,
    via: context.via,
    action,
    recordType: record.type,
    recordId: record.id,
    partnershipId: record.partnershipId,
    justification,
    requestId: context.requestId,
  };
}
