import { auditRepository } from '../db/repositories/auditRepository.ts';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import type { RefusableCaseRequest } from '../domain/audit/auditActions.ts';
import { Forbidden } from '../domain/errors.ts';
import type { CaseDeps } from './caseDeps.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';
import { CaseNotVisible } from './visibleCase.ts';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A refused read (404) or action (403) on a case, audited as `disagreement.<action>.refused`
 * under the case's partnership, so its team can answer "who tried to read this child's case?".
 * Written in a transaction of its own: the refused request's is rolled back. The person refused
 * is told nothing more than before; only the partnership team reads the audit trail.
 */
export async function auditRefusedCaseRequest(
  deps: Pick<CaseDeps, 'database' | 'clock'>,
  request: { caseId: string; action: RefusableCaseRequest },
  context: RequestContext,
): Promise<void> {
  const caseId = uuidShape.test(request.caseId) ? request.caseId.toLowerCase() : null;
  await deps.database.db.transaction().execute(async (trx) => {
    const disagreement = caseId ? await disagreementRepository(trx).get(caseId) : undefined;
    await auditRepository(trx).append(
      auditFacts(context, deps.clock.now(), `disagreement.${request.action}.refused`, {
        type: 'disagreement',
        id: caseId,
        partnershipId: disagreement?.partnershipId ?? null,
      }),
    );
  });
}

/** The work on a case, its refusal (the case not visible, or the action not allowed) audited. */
export async function refusalsAudited<Result>(
  deps: Pick<CaseDeps, 'database' | 'clock'>,
  request: { caseId: string; action: RefusableCaseRequest },
  context: RequestContext,
  work: () => Promise<Result>,
): Promise<Result> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CaseNotVisible || error instanceof Forbidden) {
      await auditRefusedCaseRequest(deps, request, context);
    }
    throw error;
  }
}
