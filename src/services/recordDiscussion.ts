import {
  type Disagreement,
  type RecordInput,
  recordDiscussion as record,
} from '../domain/disagreement/disagreement.ts';
import type { CaseDeps } from './caseDeps.ts';
import { changeCase } from './changeCase.ts';
import type { RequestContext } from './requestContext.ts';

/** A discussion written up, dated any time from when the disagreement was raised until now. */
export function recordDiscussion(
  deps: CaseDeps,
  request: RecordInput & { id: string; version: number },
  context: RequestContext,
): Promise<Disagreement> {
  return changeCase(deps, context, {
    id: request.id,
    version: request.version,
    ability: 'record',
    refusal: 'You cannot record discussions on this disagreement',
    auditAction: 'disagreement.discussion-recorded',
    change: ({ disagreement, rules, actor }) =>
      record(disagreement, request, actor.personId, rules),
  });
}
