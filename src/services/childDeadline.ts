import {
  clearChildDeadline as clear,
  type Disagreement,
  setChildDeadline as set,
} from '../domain/disagreement/disagreement.ts';
import type { CaseDeps } from './caseDeps.ts';
import { changeCase } from './changeCase.ts';
import type { RequestContext } from './requestContext.ts';

const refusal =
  'Only the agencies in the disagreement and the partnership team can set a deadline to protect the child';

/** An earlier deadline that protects the child: it applies to this stage and every later one. */
export function setChildDeadline(
  deps: CaseDeps,
  request: { id: string; version: number; dueAt: string; reason: string },
  context: RequestContext,
): Promise<Disagreement> {
  return changeCase(deps, context, {
    id: request.id,
    version: request.version,
    ability: 'set-child-deadline',
    refusal,
    auditAction: 'disagreement.child-deadline-set',
    change: ({ disagreement, rules, actor }) => set(disagreement, request, actor.personId, rules),
  });
}

export function clearChildDeadline(
  deps: CaseDeps,
  request: { id: string; version: number; reason: string },
  context: RequestContext,
): Promise<Disagreement> {
  return changeCase(deps, context, {
    id: request.id,
    version: request.version,
    ability: 'set-child-deadline',
    refusal,
    auditAction: 'disagreement.child-deadline-cleared',
    change: ({ disagreement, rules, actor }) =>
      clear(disagreement, request.reason, actor.personId, rules),
  });
}
