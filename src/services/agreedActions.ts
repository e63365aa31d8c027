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
import { type CaseDeps, changeCase } from './caseWork.ts';
import type { RequestContext } from './requestContext.ts';

/** Every owner of an action must be a person of the case's partnership. */
export async function checkActionOwners(
  db: Kysely<DatabaseSchema>,
  partnershipId: string,
  actions: readonly ActionInput[],
  path: (index: number) => string,
): Promise<void> {
  const people = await peopleRepository(db).getMany(actions.map((action) => action.ownerId));
  const problems: FieldProblem[] = [];
  actions.forEach((action, index) => {
    const owner = people.find((person) => person.id === action.ownerId);
    if (!owner || owner.partnershipId !== partnershipId || !owner.active) {
      problems.push({ path: path(index), message: 'Choose a person of this partnership' });
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
      await checkActionOwners(db, disagreement.partnershipId, [request], () => 'ownerId');
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
