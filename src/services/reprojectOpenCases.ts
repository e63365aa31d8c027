import type { Kysely } from 'kysely';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import {
  describeWorkingTimeChange,
  workingTimeChanged,
} from '../domain/calendar/describeWorkingTimeChange.ts';
import type { WorkingTimeSettings } from '../domain/calendar/workingCalendar.ts';
import { currentStage } from '../domain/disagreement/disagreement.ts';
import { reprojectDue } from '../domain/disagreement/reprojectDue.ts';
import { rulesFor } from './caseRules.ts';
import type { MessageDeps } from './messages/queueMessages.ts';
import type { RequestContext } from './requestContext.ts';
import { saveChange } from './runCaseAction.ts';

/**
 * After a partnership's calendar, working hours or closure days changed (inside the same
 * transaction), every open stage gets its due time again under the new working time, and
 * each case records why. Ended stages keep theirs (protocols.md §2, "Recalculation").
 */
export async function reprojectOpenCases(
  trx: Kysely<DatabaseSchema>,
  deps: MessageDeps,
  partnershipId: string,
  before: WorkingTimeSettings,
  context: RequestContext,
): Promise<number> {
  const partnership = await partnershipRepository(trx).get(partnershipId);
  if (!partnership) return 0;
  // Nothing that moves a due time changed: no case is touched (no history, no new version).
  if (!workingTimeChanged(before, partnership.workingTime)) return 0;
  const change = describeWorkingTimeChange(before, partnership.workingTime);
  const now = deps.clock.now();
  let moved = 0;
  for (const disagreement of await disagreementRepository(trx).openInPartnership(partnershipId)) {
    const rules = await rulesFor(trx, disagreement, now);
    const previous = currentStage(disagreement)?.dueAt ?? null;
    const outcome = reprojectDue(disagreement, rules, change);
    if (outcome.disagreement === disagreement) continue;
    const next = await saveChange(trx, deps, context, {
      before: disagreement,
      outcome,
      rules,
      auditAs: 'reprojected',
      actorId: context.actor?.personId ?? null,
    });
    if (currentStage(next)?.dueAt !== previous) moved += 1;
  }
  return moved;
}
