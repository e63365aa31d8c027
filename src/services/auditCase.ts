import type { Kysely } from 'kysely';
import { type Database, readTogether } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { AuditAction } from '../domain/audit/auditActions.ts';
import type { Disagreement } from '../domain/disagreement/disagreement.ts';
import { auditReads } from './auditedReads.ts';
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

/**
 * A read of a case, in the audit log: durable before the read is answered, its commit shared
 * with the reads of the same moment (auditedReads.ts).
 */
export function auditCaseRead(
  database: Pick<Database, 'db'>,
  context: RequestContext,
  now: Temporal.Instant,
  action: AuditAction,
  disagreement: Pick<Disagreement, 'id' | 'partnershipId'>,
) {
  return auditReads(database, [
    auditFacts(context, now, action, {
      type: 'disagreement',
      id: disagreement.id,
      partnershipId: disagreement.partnershipId,
    }),
  ]);
}

/**
 * One case read (readTogether), then its audit entry committed (auditCaseRead)
 * before the result is given back: nothing is answered that is not in the audit log.
 */
export async function readCaseAudited<Result>(
  deps: { database: Pick<Database, 'db' | 'kind'> },
  context: RequestContext,
  now: Temporal.Instant,
  action: AuditAction,
  read: (
    trx: Db,
  ) => Promise<{ result: Result; disagreement: Pick<Disagreement, 'id' | 'partnershipId'> }>,
): Promise<Result> {
  const { result, disagreement } = await readTogether(deps.database, read);
  await auditCaseRead(deps.database, context, now, action, disagreement);
  return result;
}
