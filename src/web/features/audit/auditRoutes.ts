import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Actor, canInPartnership } from '../../../domain/access/can.ts';
import { formatInstant } from '../../../domain/calendar/formatting.ts';
import { Forbidden } from '../../../domain/errors.ts';
import type { FormBody, FormErrors } from '../../../forms/fields.ts';
import { checkFields, errorList, fieldViews } from '../../../forms/form.ts';
import type { AuditQuery } from '../../../services/readAuditLog.ts';
import type { Services } from '../../../services.ts';
import { neutralised } from '../../csv.ts';
import { webContext } from '../../requestContext.ts';
import { signedInOnly } from '../../requireSignIn.ts';
import { queryString } from '../case/caseFilters.ts';
import {
  type AuditAddress,
  auditAddress,
  auditFilterFields,
  filtersInWords,
  formValuesOf,
  isFilterForm,
  periodProblem,
} from './auditFilters.ts';

const PAGE_SIZE = 100;
const CSV_LIMIT = 50_000;

/** The address's filters without the page it is at. */
const filtersOf = ({ before: _before, ...filters }: AuditAddress) => filters;

export async function auditRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  signedInOnly(app);

  function partnershipOf(request: FastifyRequest): string {
    const actor = request.actor as Actor;
    if (!actor.partnershipId || !canInPartnership(actor, 'view-audit', actor.partnershipId)) {
      throw new Forbidden('Only the partnership team can see the audit trail');
    }
    return actor.partnershipId;
  }

  function queryOf(request: FastifyRequest, address: AuditAddress, limit: number): AuditQuery {
    return {
      partnershipId: partnershipOf(request),
      personId: address.person,
      caseReferenceOrId: address.case || undefined,
      group: address.group,
      from: address.from,
      to: address.to,
      listViews: address.lists === 'yes',
      beforeSeq: address.before,
      limit,
    };
  }

  app.get('/audit', async (request, reply) => {
    const sent = (request.query ?? {}) as FormBody;
    const form = isFilterForm(sent);
    const address = auditAddress.parse(form ? {} : sent);
    // Read first (with nothing to show while a sent form is checked), so that anyone outside
    // the team is refused before the form is read.
    const trail = await services.readAuditLog(
      queryOf(request, address, form ? 0 : PAGE_SIZE),
      webContext(request),
    );
    const fields = auditFilterFields(trail.people);
    let errors: FormErrors = {};
    if (form) {
      const checked = checkFields(fields, sent, {}, periodProblem);
      if (checked.ok) {
        const { person, group, case: caseText, from, to, lists } = checked.values;
        return reply.redirect(
          `/audit${queryString({
            person,
            group,
            case: caseText,
            from: from?.toString(),
            to: to?.toString(),
            lists: lists.length ? 'yes' : undefined,
          })}`,
          303,
        );
      }
      errors = checked.errors;
    }
    const values = form ? sent : formValuesOf(address);
    const filters = filtersOf(address);
    const last = trail.entries.at(-1)?.entry;
    return reply.render('audit/audit.njk', {
      errorList: errorList(errors, fields, values),
      filterFields: fieldViews(fields, values, errors),
      filtersInWords: filtersInWords(address, trail.people),
      listViewsHidden: address.lists !== 'yes' && address.group !== 'list-views',
      withListViewsHref: `/audit${queryString({ ...filters, lists: 'yes' })}`,
      csvHref: `/audit.csv${queryString(filters)}`,
      entries: trail.entries.map(({ entry, words }) => ({
        when: formatInstant(Temporal.Instant.from(entry.at), trail.timeZone),
        ...words,
      })),
      newestHref: address.before ? `/audit${queryString(filters)}` : undefined,
      olderHref:
        trail.entries.length === PAGE_SIZE && last
          ? `/audit${queryString(filters, { before: String(last.seq) })}`
          : undefined,
    });
  });

  app.get('/audit.csv', async (request, reply) => {
    const address = auditAddress.parse(request.query ?? {});
    const trail = await services.readAuditLog(
      queryOf(request, address, CSV_LIMIT),
      webContext(request),
    );
    const rows = trail.entries.map(({ entry, words }) =>
      [
        entry.seq,
        entry.at,
        entry.actorId,
        words.who,
        entry.via,
        entry.action,
        words.action,
        entry.recordType,
        entry.recordId,
        words.record,
        entry.justification,
        entry.requestId,
        entry.hash,
      ].map(neutralised),
    );
    const csv = stringify(rows, {
      header: true,
      columns: [
        'seq',
        'at',
        'actor_id',
        'actor_name',
        'via',
        'action',
        'action_in_words',
        'record_type',
        'record_id',
        'record_in_words',
        'justification',
        'request_id',
        'hash',
      ],
    });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="accord-audit.csv"')
      .type('text/csv; charset=utf-8')
      .send(csv);
  });
}
