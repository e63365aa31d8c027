import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Actor, canInPartnership } from '../../../domain/access/can.ts';
import { formatDate, formatInstant, listInWords } from '../../../domain/calendar/formatting.ts';
import { stageLabel } from '../../../domain/disagreement/disagreement.ts';
import { Invalid } from '../../../domain/errors.ts';
import { everyCategoryNamed } from '../../../domain/protocol/offeredCategories.ts';
import { stagesOf } from '../../../domain/reports/summary.ts';
import { errorList, fieldViews } from '../../../forms/form.ts';
import type { Services } from '../../../services.ts';
import { sendCsv } from '../../csv.ts';
import { webContext } from '../../requestContext.ts';
import { signedInOnly } from '../../requireSignIn.ts';
import {
  carriedFilters,
  type FilterChoices,
  filterFields,
  queryString,
  readFilters,
  selectedFilters,
  sortNames,
} from './caseFilters.ts';

const LIST_PAGE_SIZE = 50;
const cursorOf = z.object({ cursor: z.string().max(300).optional() });

/** The cases a person may see, found by filters and a search, a page at a time; what waits for them. */
export async function caseListRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  signedInOnly(app);

  /** What the filters offer: the stages of the partnership's protocol, its authorities and agencies. */
  async function filterChoices(request: FastifyRequest): Promise<FilterChoices> {
    const actor = request.actor as Actor;
    if (!actor.partnershipId) {
      return {
        stages: [],
        localAuthorities: [],
        agencies: [],
        categories: everyCategoryNamed(undefined),
      };
    }
    const context = webContext(request);
    const { protocol } = await services.protocolInForce(actor.partnershipId, context);
    return {
      stages: stagesOf(protocol),
      categories: everyCategoryNamed(protocol),
      localAuthorities: await services.listLocalAuthorities(actor.partnershipId, context),
      agencies: await services.listAgencies(actor.partnershipId, context),
    };
  }

  app.get('/disagreements', async (request, reply) => {
    const actor = request.actor as Actor;
    const choices = await filterChoices(request);
    const sent = (request.query ?? {}) as Record<string, unknown>;
    const read = readFilters(sent, choices);
    if (read.kind === 'moved')
      return reply.redirect(`/disagreements${queryString(read.query)}`, 303);
    const query = read.query;
    const cursor = read.kind === 'filters' ? cursorOf.safeParse(sent).data?.cursor : undefined;
    const page =
      read.kind === 'filters'
        ? await services
            .listDisagreements({ ...query, limit: LIST_PAGE_SIZE, cursor }, webContext(request))
            .catch((error: unknown) => {
              // A cursor from an older page or another sort: start again at the first page.
              if (error instanceof Invalid) return undefined;
              throw error;
            })
        : undefined;
    const errors = read.errors;
    const agencyName = (id: string) =>
      choices.agencies.find((agency) => agency.id === id)?.name ?? 'An agency';
    const team = actor.partnershipId
      ? canInPartnership(actor, 'view-reports', actor.partnershipId)
      : false;
    const fields = filterFields(choices);
    return reply.render('case/list.njk', {
      pageTitle: team ? 'Disagreements' : 'Your disagreements',
      team,
      errorList: errorList(errors, fields),
      filterFields: fieldViews(fields, read.values, errors),
      carried: carriedFilters(query),
      selectedFilters: selectedFilters(query, choices, '/disagreements'),
      sortName: sortNames[query.sort ?? 'newest'],
      searched: Boolean(query.q),
      firstPage: !cursor || !page,
      firstPageHref: `/disagreements${queryString(query)}`,
      nextPage: page?.nextCursor
        ? `/disagreements${queryString(query, { cursor: page.nextCursor })}`
        : null,
      exportQuery: queryString(query),
      rows: (page?.items ?? []).map(({ disagreement, rules }) => {
        const stage = disagreement.stages.at(-1);
        const open = disagreement.status === 'open';
        return {
          id: disagreement.id,
          reference: disagreement.reference,
          between: `${agencyName(disagreement.raiserAgencyId)} and ${listInWords(disagreement.otherAgencyIds.map(agencyName))}`,
          status: disagreement.status,
          urgent: disagreement.urgent,
          raisedOn: formatDate(
            Temporal.Instant.from(disagreement.raisedAt)
              .toZonedDateTimeISO(rules.calendar.timeZone)
              .toPlainDate(),
          ),
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

  // The cases the filters find, as CSV for the partnership team: one row a case, or a stage.
  for (const file of ['cases', 'stages'] as const) {
    app.get(`/disagreements/export/${file}.csv`, async (request, reply) => {
      const choices = await filterChoices(request);
      const read = readFilters((request.query ?? {}) as Record<string, unknown>, choices);
      // A file of more cases than were asked for is worse than none.
      const problems =
        read.kind === 'moved' ? { q: 'Choose the filters on the list first' } : read.errors;
      if (Object.keys(problems).length > 0) {
        throw new Invalid(
          'A filter in the address is not one Accord can use, so nothing was exported',
          Object.entries(problems).map(([path, message]) => ({ path, message })),
        );
      }
      return sendCsv(
        reply,
        await services.exportCases({ query: read.query, file }, webContext(request)),
      );
    });
  }
}
