import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { sessionRepository } from '../db/repositories/sessionRepository.ts';
import type { Clock } from '../domain/clock.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

/** Ends every session of the person asking, on every device. */
export async function signOutEverywhere(
  deps: { database: Database; clock: Clock },
  context: RequestContext,
): Promise<number> {
  const actor = context.actor;
  if (!actor) return 0;
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const ended = await sessionRepository(trx).deleteForPerson(actor.personId);
    await auditRepository(trx).append(
      auditFacts(context, now, 'sign-out.everywhere', {
        type: 'person',
        id: actor.personId,
        partnershipId: actor.partnershipId,
      }),
    );
    return ended;
  });
}
