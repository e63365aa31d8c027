import { actingAgencyOf } from '../domain/access/can.ts';
import {
  confirmOutcome as confirm,
  type Disagreement,
  rejectOutcome as reject,
} from '../domain/disagreement/disagreement.ts';
import type { CaseDeps } from './caseDeps.ts';
import { changeCase } from './changeCase.ts';
import type { RequestContext } from './requestContext.ts';

const refusal =
  'Only a party agency that did not propose the outcome can confirm or reject it, and only while one is waiting';

/** A party agency that did not propose the outcome confirms it; when all have, it is resolved. */
export function confirmOutcome(
  deps: CaseDeps,
  request: { id: string; version: number },
  context: RequestContext,
): Promise<Disagreement> {
  return changeCase(deps, context, {
    id: request.id,
    version: request.version,
    ability: 'confirm-outcome',
    refusal,
    auditAction: 'disagreement.outcome-confirmed',
    change: ({ disagreement, rules, actor, access }) =>
      confirm(
        disagreement,
        { personId: actor.personId, agencyId: actingAgencyOf(actor, access) ?? '' },
        rules,
      ),
  });
}

/** The proposal is cleared, with a reason, and the stage goes on. */
export function rejectOutcome(
  deps: CaseDeps,
  request: { id: string; version: number; reason: string },
  context: RequestContext,
): Promise<Disagreement> {
  return changeCase(deps, context, {
    id: request.id,
    version: request.version,
    ability: 'confirm-outcome',
    refusal,
    auditAction: 'disagreement.outcome-rejected',
    change: ({ disagreement, rules, actor, access }) =>
      reject(
        disagreement,
        request.reason,
        { personId: actor.personId, agencyId: actingAgencyOf(actor, access) ?? '' },
        rules,
      ),
  });
}
