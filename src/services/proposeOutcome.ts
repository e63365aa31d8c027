import { actingAgencyOf } from '../domain/access/can.ts';
import {
  type ActionInput,
  type Disagreement,
  proposeOutcome as propose,
} from '../domain/disagreement/disagreement.ts';
import { checkActionOwners } from './agreedActions.ts';
import type { CaseDeps } from './caseDeps.ts';
import { changeCase } from './changeCase.ts';
import type { RequestContext } from './requestContext.ts';

/** One side (or a stage's chair) writes the agreed outcome and actions; the others confirm. */
export function proposeOutcome(
  deps: CaseDeps,
  request: {
    id: string;
    version: number;
    occurredAt: string;
    agreedOutcome: string;
    actions: ActionInput[];
  },
  context: RequestContext,
): Promise<Disagreement> {
  return changeCase(deps, context, {
    id: request.id,
    version: request.version,
    ability: 'propose-outcome',
    refusal: 'Only the agencies in the disagreement, or the stage’s chair, can propose an outcome',
    auditAction: 'disagreement.outcome-proposed',
    change: async ({ disagreement, rules, actor, access }, db) => {
      await checkActionOwners(
        db,
        disagreement,
        request.actions,
        (index) => `actions.${index}.ownerId`,
      );
      return propose(
        disagreement,
        request,
        { personId: actor.personId, agencyId: actingAgencyOf(actor, access) },
        rules,
      );
    },
  });
}
