import {
  type Disagreement,
  type EscalateInput,
  escalate,
} from '../domain/disagreement/disagreement.ts';
import type { CaseDeps } from './caseDeps.ts';
import { changeCase } from './changeCase.ts';
import type { RequestContext } from './requestContext.ts';

/** Either side takes the case to the next stage, or to a later one the protocol allows. */
export function escalateDisagreement(
  deps: CaseDeps,
  request: EscalateInput & { id: string; version: number },
  context: RequestContext,
): Promise<Disagreement> {
  return changeCase(deps, context, {
    id: request.id,
    version: request.version,
    ability: 'escalate',
    refusal: 'Only the agencies in the disagreement can escalate it',
    auditAction: 'disagreement.escalated',
    change: ({ disagreement, rules, actor }) =>
      escalate(disagreement, request, actor.personId, rules),
  });
}
