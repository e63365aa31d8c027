import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { workingCalendarFor } from '../domain/calendar/workingCalendar.ts';
import type { Clock } from '../domain/clock.ts';
import type { OnCallContact } from '../domain/directory/directory.ts';
import { NotFound } from '../domain/errors.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

type Deps = { database: Database; clock: Clock };

export type OnCallRoute = {
  /** Whether the partnership is outside its working hours (or on a non-working day) now. */
  outOfHoursNow: boolean;
  timeZone: string;
  workingHours: { start: string; end: string };
  contacts: OnCallContact[];
};

/**
 * Who to call when a child is at immediate risk outside working hours: the partnership's
 * on-call contacts, for its own members only. Contacts name people, so the read is audited.
 */
export async function onCallRoute(
  deps: Deps,
  partnershipId: string,
  context: RequestContext,
): Promise<OnCallRoute> {
  if (!context.actor || context.actor.partnershipId !== partnershipId) {
    throw new NotFound('There is no such partnership');
  }
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const partnership = await partnershipRepository(trx).get(partnershipId);
    if (!partnership) throw new NotFound('There is no such partnership');
    await auditRepository(trx).append(
      auditFacts(context, now, 'on-call-contacts.read', {
        type: 'partnership',
        id: partnershipId,
        partnershipId,
      }),
    );
    const { workingTime } = partnership;
    return {
      outOfHoursNow: !workingCalendarFor(workingTime).isWorkingTime(now),
      timeZone: workingTime.timeZone,
      workingHours: workingTime.workingHours,
      contacts: await organisationRepository(trx).onCallContacts(partnershipId),
    };
  });
}
