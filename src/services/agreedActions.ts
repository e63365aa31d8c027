import type { Kysely } from 'kysely';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import {
  type ActionInput,
  addAction as add,
  completeAction as complete,
  type Disagreement,
} from '../domain/disagreement/disagreement.ts';
import { type FieldProblem, Invalid } from '../domain/errors.ts';
import type { CaseDeps } from './caseDeps.ts';
import { changeCase } from './changeCase.ts';
import type { RequestContext } from './requestContext.ts';

/**
 * Every owner of an action works for one of the agencies in the disagreement: owning an action
 * lets a person see the case, so it is never a way to show it to anyone else.
 */
export async function checkActionOwners(
  db: Kysely<DatabaseSchema>,
  disagreement: Pick<Disagreement, 'raiserAgencyId' | 'otherAgencyIds'>,
  actions: readonly ActionInput[],
  path: (index: number) => string,
): Promise<void> {
  const parties = [disagreement.raiserAgencyId, ...disagreement.otherAgencyIds];
  const people = await peopleRepository(db).getMany(actions.map((action) => action.ownerId));
  const problems: FieldProblem[] = [];
  actions.forEach((action, index) => {
    const owner = people.find((person) => person.id === action.ownerId);
    if (!owner?.active || !owner.agencyId || !parties.includes(owner.agencyId)) {
      problems.push({
        path: path(index),
        message: 'Choose a person who works for one of the agencies in the disagreement',
      });
    }
  });
  if (problems.length > 0) throw new Invalid('Check who owns each action', problems);
}

export function addAction(
  deps: CaseDeps,
  request: ActionInput & { id: string; version: number },
  context: RequestContext,
): Promise<Disagreement> {
  return changeCase(deps, context, {
    id: request.id,
    version: request.version,
    ability: 'record',
    refusal: 'You cannot add actions to this disagreement',
    auditAction: 'disagreement.action-added',
    change: async ({ disagreement, rules, actor }, db) => {
      await checkActionOwners(db, disagreement, [request], () => 'ownerId');
      return add(disagreement, request, actor.personId, rules);
    },
  });
}

export function completeAction(
  deps: CaseDeps,
  request: { id: string; version: number; actionId: string },
  context: RequestContext,
): Promise<Disagreement> {
  return changeCase(deps, context, {
    id: request.id,
    version: request.version,
    ability: 'record',
    refusal: 'You cannot complete actions on this disagreement',
    auditAction: 'disagreement.action-completed',
    change: ({ disagreement, rules, actor }) =>
      complete(disagreement, request.actionId, actor.personId, rules),
  });
}
