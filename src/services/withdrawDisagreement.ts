import { type Disagreement, withdraw } from '../domain/disagreement/disagreement.ts';
import type { CaseDeps } from './caseDeps.ts';
import { changeCase } from './changeCase.ts';
import type { RequestContext } from './requestContext.ts';

/** The raiser's line manager or above, or the partnership team, ends the disagreement. */
export function withdrawDisagreement(
  deps: CaseDeps,
  request: { id: string; version: number; reason: string },
  context: RequestContext,
): Promise<Disagreement> {
  return changeCase(deps, context, {
    id: request.id,
    version: request.version,
    ability: 'withdraw',
    refusal:
      'Only the line manager of the person who raised it (or someone above them), or the partnership team, can withdraw a disagreement',
    auditAction: 'disagreement.withdrawn',
    change: ({ disagreement, rules, actor }) =>
      withdraw(disagreement, request.reason, actor.personId, rules),
  });
}
