import type { Kysely } from 'kysely';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { describeWorkingTimeChange } from '../domain/calendar/describeWorkingTimeChange.ts';
import type { WorkingTimeSettings } from '../domain/calendar/workingCalendar.ts';
import {
  currentStage,
  otherSideCanSee,
  withReprojectedStage,
} from '../domain/disagreement/disagreement.ts';
import { auditCase } from './auditCase.ts';
import { involvedIn } from './caseAccess.ts';
import { rulesFor } from './caseRules.ts';
import type { RequestContext } from './requestContext.ts';

/**
 * After a partnership's calendar, working hours or closure days changed (inside the same
 * transaction), every open stage gets its due time again under the new working time, and
 * each case records why. Ended stages keep theirs (protocols.md §2, "Recalculation").
 */
export async function reprojectOpenCases(
  trx: Kysely<DatabaseSchema>,
  partnershipId: string,
  before: WorkingTimeSettings,
  now: Temporal.Instant,
  context: RequestContext,
): Promise<number> {
  const partnership = await partnershipRepository(trx).get(partnershipId);
  if (!partnership) return 0;
  const change = describeWorkingTimeChange(before, partnership.workingTime);
  const repository = disagreementRepository(trx);
  let moved = 0;
  for (const disagreement of await repository.openInPartnership(partnershipId)) {
    const rules = await rulesFor(trx, disagreement, now);
    const previous = currentStage(disagreement)?.dueAt ?? null;
    const next = withReprojectedStage(disagreement, rules, () => change);
    if (next === disagreement) continue;
    await repository.update(next, disagreement.version, {
      otherSideCanSee: otherSideCanSee(next, rules.ladder),
      involved: await involvedIn(trx, next, rules.ladder),
    });
    await auditCase(trx, context, now, 'disagreement.reprojected', next);
    if (currentStage(next)?.dueAt !== previous) moved += 1;
  }
  return moved;
}
