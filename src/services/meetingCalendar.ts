import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { currentMeeting } from '../domain/disagreement/disagreement.ts';
import { NotFound } from '../domain/errors.ts';
import { invitationTo } from '../notify/handlers/meetingArranged.ts';
import { caseFacts } from '../notify/messages.ts';
import { readCaseAudited } from './auditCase.ts';
import { refusalsAudited } from './auditRefusal.ts';
import { peopleOfCase } from './caseAccess.ts';
import { type CaseDeps, DEFAULT_BASE_URL } from './caseDeps.ts';
import type { RequestContext } from './requestContext.ts';
import { loadVisibleCase } from './visibleCase.ts';

/** The current meeting's invitation, to add to a calendar from the case page; an audited read. */
export async function meetingCalendar(
  deps: CaseDeps,
  id: string,
  context: RequestContext,
): Promise<string> {
  const now = deps.clock.now();
  return refusalsAudited(deps, { caseId: id, action: 'meeting-calendar-read' }, context, () =>
    readCaseAudited(deps, context, now, 'disagreement.meeting-calendar-read', async (trx) => {
      const { disagreement, rules } = await loadVisibleCase(trx, id, context, now);
      const meeting = currentMeeting(disagreement);
      if (!meeting) throw new NotFound('No meeting has been arranged for this stage');
      const agencies = await organisationRepository(trx).agencies(disagreement.partnershipId);
      const agencyName = (agencyId: string) =>
        agencies.find((agency) => agency.id === agencyId)?.name ?? 'an agency';
      const calendar = invitationTo(
        {
          disagreement,
          rules,
          people: await peopleOfCase(trx, disagreement),
          facts: caseFacts(disagreement, agencyName, deps.baseUrl ?? DEFAULT_BASE_URL),
          now,
        },
        meeting,
      ).calendar;
      return { disagreement, result: calendar };
    }),
  );
}
