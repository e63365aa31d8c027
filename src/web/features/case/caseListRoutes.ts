import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../domain/access/can.ts';
import { formatInstant, listInWords } from '../../../domain/calendar/formatting.ts';
import { caseStatuses, stageLabel } from '../../../domain/disagreement/disagreement.ts';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import { requireSignIn } from '../../requireSignIn.ts';

const LIST_PAGE_SIZE = 50;
const listQuery = z.object({
  status: z.enum(caseStatuses).optional(),
  cursor: z.string().max(200).optional(),
});

/** Your disagreements, a page at a time, and what is waiting for you, soonest due first. */
export async function caseListRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  app.addHook('preHandler', requireSignIn);

  app.get('/disagreements', async (request, reply) => {
    const query = listQuery.safeParse(request.query);
    const status = query.success ? query.data.status : undefined;
    const cursor = query.success ? query.data.cursor : undefined;
    const page = await services.listDisagreements(
      { status, limit: LIST_PAGE_SIZE, cursor },
      webContext(request),
    );
    const actor = request.actor as Actor;
    const agencies = actor.partnershipId
      ? await services.listAgencies(actor.partnershipId, webContext(request))
      : [];
    const agencyName = (id: string) =>
      agencies.find((agency) => agency.id === id)?.name ?? 'An agency';
    const nextQuery = new URLSearchParams({
      ...(status ? { status } : {}),
      ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
    });
    return reply.render('case/list.njk', {
      pageTitle: 'Your disagreements',
      status,
      firstPage: !cursor,
      nextPage: page.nextCursor ? `/disagreements?${nextQuery}` : null,
      rows: page.items.map(({ disagreement, rules }) => {
        const stage = disagreement.stages.at(-1);
        const open = disagreement.status === 'open';
        return {
          id: disagreement.id,
          reference: disagreement.reference,
          between: `${agencyName(disagreement.raiserAgencyId)} and ${listInWords(disagreement.otherAgencyIds.map(agencyName))}`,
          status: disagreement.status,
          urgent: disagreement.urgent,
          stage: open
            ? stageLabel(
                rules,
                rules.ladder.stages.find((candidate) => candidate.key === stage?.key),
              )
            : '',
          dueAt:
            open && stage?.dueAt
              ? formatInstant(Temporal.Instant.from(stage.dueAt), rules.calendar.timeZone)
              : '',
          overdue: open && !!stage?.dueAt && Temporal.Instant.compare(stage.dueAt, rules.now) < 0,
        };
      }),
    });
  });

  app.get('/waiting-for-you', async (request, reply) => {
    const items = await services.waitingFor(webContext(request));
    return reply.render('case/waiting.njk', {
      pageTitle: 'Waiting for you',
      items: items.map(({ disagreement, rules, reasons, dueAt }) => ({
        id: disagreement.id,
        reference: disagreement.reference,
        reasons,
        urgent: disagreement.urgent,
        dueAt: dueAt ? formatInstant(Temporal.Instant.from(dueAt), rules.calendar.timeZone) : '',
        overdue: dueAt !== null && Temporal.Instant.compare(dueAt, rules.now) < 0,
      })),
    });
  });
}
