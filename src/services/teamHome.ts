import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { canInPartnership } from '../domain/access/can.ts';
import { visibilityOf } from './caseAccess.ts';
import type { CaseDeps } from './caseDeps.ts';
import { filterOf } from './caseQuery.ts';
import { calendarOf } from './caseRules.ts';
import { monitoringInbox } from './monitoringInbox.ts';
import { type ListedCase, listDisagreements } from './readDisagreements.ts';
import type { RequestContext } from './requestContext.ts';

/** How many cases the team's home shows of each list before linking to the whole of it. */
export const TEAM_HOME_FIRST = 5;

export type TeamHome = {
  /** The monitoring inbox's cases nobody in the team has acknowledged: how many, and the first. */
  unacknowledged: { count: number; first: ListedCase[] };
  /** The partnership's open cases past their stage's due time: how many, most overdue first. */
  overdue: { count: number; first: ListedCase[] };
  /** The partnership's agencies' names by id, to say whom the cases shown are between. */
  agencyNames: ReadonlyMap<string, string>;
};

/**
 * What the partnership team's home shows besides what waits for them: the monitoring inbox
 * waiting for acknowledgement, and what is overdue across the partnership. Null for anyone
 * who is not the team of their partnership. The cases shown are audited reads (as the inbox
 * and the list audit them); the counts show no case.
 */
export async function partnershipTeamHome(
  deps: CaseDeps,
  context: RequestContext,
): Promise<TeamHome | null> {
  const actor = context.actor;
  const partnershipId = actor?.partnershipId;
  if (!actor || !partnershipId || !canInPartnership(actor, 'view-reports', partnershipId)) {
    return null;
  }
  const now = deps.clock.now();
  const counts = await deps.database.db.transaction().execute(async (trx) => {
    const partnership = await partnershipRepository(trx).get(partnershipId);
    if (!partnership) return { unacknowledged: 0, overdue: 0, agencies: [] };
    const repository = disagreementRepository(trx);
    return {
      agencies: await organisationRepository(trx).agencies(partnershipId),
      unacknowledged: await repository.unacknowledgedInInbox(partnershipId),
      overdue: await repository.countVisible(
        await visibilityOf(trx, actor),
        filterOf({ overdue: 'true' }, calendarOf(partnership), now),
      ),
    };
  });
  const inbox = await monitoringInbox(
    deps,
    { unacknowledgedOnly: true, limit: TEAM_HOME_FIRST },
    context,
  );
  const overdue =
    counts.overdue === 0
      ? { items: [] }
      : await listDisagreements(
          deps,
          { overdue: 'true', sort: 'due', limit: TEAM_HOME_FIRST },
          context,
        );
  return {
    unacknowledged: { count: counts.unacknowledged, first: inbox.items },
    overdue: { count: counts.overdue, first: overdue.items },
    agencyNames: new Map(counts.agencies.map((agency) => [agency.id, agency.name])),
  };
}
