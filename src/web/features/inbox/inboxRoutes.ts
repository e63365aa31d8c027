import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../domain/access/can.ts';
import { formatInstant, listInWords } from '../../../domain/calendar/formatting.ts';
import {
  currentStage,
  type Disagreement,
  stageInForceAt,
  stageLabel,
} from '../../../domain/disagreement/disagreement.ts';
import { monitoringFormFor } from '../../../domain/disagreement/monitoringForm.ts';
import { stageOf } from '../../../domain/protocol/ladder.ts';
import type { LoadedRules } from '../../../services/caseRules.ts';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import { signedInOnly } from '../../requireSignIn.ts';

const inboxQuery = z.object({
  waiting: z.enum(['acknowledgement']).optional(),
  cursor: z.string().max(300).optional(),
});

/** What a case in the inbox waits for now, in words. */
function waitingFor(disagreement: Disagreement, rules: LoadedRules): string {
  const when = (iso: string) => formatInstant(Temporal.Instant.from(iso), rules.calendar.timeZone);
  // A purged case cannot be closed or changed (runCaseAction refuses).
  if (disagreement.purgedAt) return 'Nothing: its details were removed under the retention policy';
  switch (disagreement.status) {
    case 'open': {
      const stage = currentStage(disagreement);
      const label = stageLabel(rules, stage ? stageOf(rules.ladder, stage.key) : undefined);
      if (disagreement.resolution)
        return `The agencies to confirm the proposed outcome, at ${label}`;
      return stage?.dueAt
        ? `The agencies at ${label}, due by ${when(stage.dueAt)}`
        : `The agencies at ${label}, which has no set timescale`;
    }
    case 'resolved':
      return 'Closing, with any lessons for the partnership';
    case 'closed':
      return 'Nothing: it is closed';
    case 'withdrawn':
      return 'Nothing: it was withdrawn';
  }
}

/** The partnership team's monitoring inbox. */
export async function inboxRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  signedInOnly(app);

  app.get('/monitoring-inbox', async (request, reply) => {
    const parsed = inboxQuery.safeParse(request.query ?? {});
    const query = parsed.success ? parsed.data : {};
    const context = webContext(request);
    const page = await services.monitoringInbox(
      { unacknowledgedOnly: query.waiting === 'acknowledgement', limit: 50, cursor: query.cursor },
      context,
    );
    const partnershipId = (request.actor as Actor).partnershipId as string;
    const people = new Map(
      (await services.listPeople(partnershipId, context)).map((person) => [person.id, person.name]),
    );
    const agencies = new Map(
      (await services.listAgencies(partnershipId, context)).map((agency) => [
        agency.id,
        agency.name,
      ]),
    );
    const name = (id: string) => people.get(id) ?? 'someone no longer in the directory';
    const agency = (id: string) => agencies.get(id) ?? 'an agency';
    const filter = query.waiting ? `waiting=${query.waiting}&` : '';
    return reply.render('inbox/inbox.njk', {
      pageTitle: 'Monitoring inbox',
      waiting: query.waiting,
      nextPage: page.nextCursor ? `/monitoring-inbox?${filter}cursor=${page.nextCursor}` : null,
      firstPage: !query.cursor,
      firstPageHref: `/monitoring-inbox${query.waiting ? `?waiting=${query.waiting}` : ''}`,
      rows: page.items.map(({ disagreement, rules }) => {
        const when = (iso: string) =>
          formatInstant(Temporal.Instant.from(iso), rules.calendar.timeZone);
        const told = disagreement.partnershipTold;
        const notified = disagreement.monitoringNotifiedAt;
        const reached = notified ? stageInForceAt(disagreement, notified) : undefined;
        return {
          id: disagreement.id,
          reference: disagreement.reference,
          between: `${agency(disagreement.raiserAgencyId)} and ${listInWords(disagreement.otherAgencyIds.map(agency))}`,
          urgent: disagreement.urgent,
          told: told ? `Told now by ${name(told.by)}, ${when(told.at)}` : null,
          reached:
            reached && notified
              ? `Reached ${stageLabel(rules, stageOf(rules.ladder, reached.key) ?? undefined)}, ${when(reached.startedAt)}`
              : null,
          form:
            notified && monitoringFormFor(rules)
              ? `/disagreements/${disagreement.id}/monitoring-form`
              : null,
          acknowledged: disagreement.acknowledged
            ? `${name(disagreement.acknowledged.by)}, ${when(disagreement.acknowledged.at)}`
            : null,
          waitingFor: waitingFor(disagreement, rules),
          purged: disagreement.purgedAt !== null,
        };
      }),
    });
  });
}
