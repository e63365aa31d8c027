import type { Kysely } from 'kysely';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { type CaseAction, can } from '../domain/access/can.ts';
import { type Disagreement, otherSideCanSee } from '../domain/disagreement/disagreement.ts';
import { Conflict, Forbidden } from '../domain/errors.ts';
import { auditCase } from './auditCase.ts';
import { involvedIn } from './caseAccess.ts';
import type { CaseDeps } from './caseDeps.ts';
import { queueNotifications } from './caseNotifications.ts';
import type { RequestContext } from './requestContext.ts';
import { type LoadedCase, loadVisibleCase } from './visibleCase.ts';

type Db = Kysely<DatabaseSchema>;

/**
 * One change to a case: find it (404), check the person may do this (403) and that they saw
 * the current version (409), apply the domain's rule, save and audit, all in one transaction.
 */
export async function changeCase(
  deps: CaseDeps,
  context: RequestContext,
  request: {
    id: string;
    version: number;
    ability: CaseAction;
    refusal: string;
    auditAction: string;
    change: (loaded: LoadedCase, db: Db) => Disagreement | Promise<Disagreement>;
  },
): Promise<Disagreement> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const loaded = await loadVisibleCase(trx, request.id, context, now);
    if (!can(loaded.actor, request.ability, loaded.access)) throw new Forbidden(request.refusal);
    if (loaded.disagreement.version !== request.version) {
      throw new Conflict(
        'Someone else changed this disagreement first: look at it again, then make your change',
      );
    }
    const next = await request.change(loaded, trx);
    await disagreementRepository(trx).update(next, request.version, {
      otherSideCanSee: otherSideCanSee(next, loaded.rules.ladder),
      involved: await involvedIn(trx, next, loaded.rules.ladder),
    });
    await auditCase(trx, context, now, request.auditAction, next);
    await queueNotifications(trx, deps, {
      before: loaded.disagreement,
      after: next,
      rules: loaded.rules,
      actorId: loaded.actor.personId,
    });
    return next;
  });
}
