import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { type Actor, canInPartnership } from '../domain/access/can.ts';
import type { AuditAction } from '../domain/audit/auditActions.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden } from '../domain/errors.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

// The partnership team's directory changes: who may make them, and each in one audited
// transaction (manageDirectory.ts, manageWorkingTime.ts).

export type Deps = { database: Database; clock: Clock };

/** The partnership team member asking, and their partnership; Forbidden for anyone else. */
export function teamOf(context: RequestContext): { actor: Actor; partnershipId: string } {
  const actor = context.actor;
  if (!actor?.partnershipId || !canInPartnership(actor, 'manage-directory', actor.partnershipId)) {
    throw new Forbidden('Only the partnership team can change the directory');
  }
  return { actor, partnershipId: actor.partnershipId };
}

/** The work in one transaction, audited as `action` on the record it returns. */
export async function inTransaction<T>(
  deps: Deps,
  context: RequestContext,
  action: AuditAction,
  recordType: string,
  work: (trx: Kysely<DatabaseSchema>, partnershipId: string) => Promise<{ id: string; result: T }>,
): Promise<T> {
  const { partnershipId } = teamOf(context);
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const { id, result } = await work(trx, partnershipId);
    await auditRepository(trx).append(
      auditFacts(context, now, action, { type: recordType, id, partnershipId }),
    );
    return result;
  });
}
