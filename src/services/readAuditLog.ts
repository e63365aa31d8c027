import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { canInPartnership } from '../domain/access/can.ts';
import type { AuditEntry } from '../domain/audit/auditChain.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden } from '../domain/errors.ts';
import { caseIdOf } from './caseIdOf.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

export type AuditQuery = {
  partnershipId: string;
  personId?: string | undefined;
  /** A case's reference (as a person types it: "pl-2026-0007") or its id. */
  caseReferenceOrId?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
};

/**
 * The partnership's audit trail for its partnership team, newest first, filtered by case or
 * person, with the names of the people in it. Reading the trail is itself audited.
 */
export async function readAuditLog(
  deps: { database: Database; clock: Clock },
  query: AuditQuery,
  context: RequestContext,
): Promise<{
  entries: AuditEntry[];
  names: Map<string, string>;
  /** The references of the cases the entries are about, by id. */
  references: Map<string, string>;
}> {
  if (!context.actor || !canInPartnership(context.actor, 'view-audit', query.partnershipId)) {
    throw new Forbidden('Only the partnership team can see the audit trail');
  }
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const audit = auditRepository(trx);
    const caseId = query.caseReferenceOrId
      ? await caseIdOf(trx, query.partnershipId, query.caseReferenceOrId)
      : undefined;
    await audit.append(
      auditFacts(context, now, 'audit.read', {
        type: caseId ? 'disagreement' : query.personId ? 'person' : 'partnership',
        id: caseId ?? query.personId ?? query.partnershipId,
        partnershipId: query.partnershipId,
      }),
    );
    // A case that is not the partnership's has no entries here: the filter must not widen.
    const unknownCase = query.caseReferenceOrId !== undefined && !caseId;
    const entries = unknownCase
      ? []
      : await audit.list({
          partnershipId: query.partnershipId,
          ...(query.personId ? { personId: query.personId } : {}),
          ...(caseId ? { recordType: 'disagreement', recordId: caseId } : {}),
          ...(query.beforeSeq ? { beforeSeq: query.beforeSeq } : {}),
          limit: query.limit,
        });
    const people = await peopleRepository(trx).inPartnership(query.partnershipId);
    const references = await disagreementRepository(trx).referencesOf(
      entries.flatMap((entry) =>
        entry.recordType === 'disagreement' && entry.recordId ? [entry.recordId] : [],
      ),
    );
    return {
      entries,
      names: new Map(people.map((person) => [person.id, person.name])),
      references,
    };
  });
}
