import type { Kysely } from 'kysely';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { AuditAction } from '../domain/audit/auditActions.ts';
import type { Disagreement } from '../domain/disagreement/disagreement.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

type Db = Kysely<DatabaseSchema>;

/** A read or a change of a case, in the audit log: who, when, which case, never what it says. */
export function auditCase(
  db: Db,
  context: RequestContext,
  now: Temporal.Instant,
  action: AuditAction,
  disagreement: Pick<Disagreement, 'id' | 'partnershipId'>,
) {
  return auditRepository(db).append(
    auditFacts(context, now, action, {
      type: 'disagreement',
      id: disagreement.id,
      partnershipId: disagreement.partnershipId,
    }),
  );
}
