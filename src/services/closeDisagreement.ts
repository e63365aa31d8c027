import { close, type Disagreement, type Lesson } from '../domain/disagreement/disagreement.ts';
import type { CaseDeps } from './caseDeps.ts';
import { changeCase } from './changeCase.ts';
import type { RequestContext } from './requestContext.ts';

/** A resolved disagreement is closed, with any lessons for the partnership's learning log. */
export function closeDisagreement(
  deps: CaseDeps,
  request: { id: string; version: number; lessons: Lesson[] },
  context: RequestContext,
): Promise<Disagreement> {
  return changeCase(deps, context, {
    id: request.id,
    version: request.version,
    ability: 'close',
    refusal: 'You cannot close this disagreement',
    auditAction: 'disagreement.closed',
    change: ({ disagreement, rules, actor }) =>
      close(disagreement, request.lessons, actor.personId, rules),
  });
}
