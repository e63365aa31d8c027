import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { notificationPreferencesRepository } from '../db/repositories/notificationPreferencesRepository.ts';
import type { Clock } from '../domain/clock.ts';
import { Forbidden } from '../domain/errors.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

type Deps = { database: Database; clock: Clock };

/** Whether the signed-in person takes routine messages as one morning summary. */
export async function takesDailyDigest(deps: Deps, context: RequestContext): Promise<boolean> {
  if (!context.actor) return false;
  return notificationPreferencesRepository(deps.database.db).takesDailyDigest(
    context.actor.personId,
  );
}

/** A person chooses, for themselves only, how routine messages reach them. */
export async function chooseDailyDigest(
  deps: Deps,
  dailyDigest: boolean,
  context: RequestContext,
): Promise<void> {
  const actor = context.actor;
  if (!actor) throw new Forbidden('Sign in to choose how messages reach you');
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (trx) => {
    await notificationPreferencesRepository(trx).setDailyDigest(actor.personId, dailyDigest);
    await auditRepository(trx).append(
      auditFacts(context, now, 'notification-preference.changed', {
        type: 'person',
        id: actor.personId,
        partnershipId: actor.partnershipId,
      }),
    );
  });
}
