import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../domain/access/can.ts';
import { calendarDate } from '../../../domain/disagreement/actions/inputs.ts';
import { Invalid, NotFound } from '../../../domain/errors.ts';
import { dateField, type FormBody, type FormErrors, selectField } from '../../../forms/fields.ts';
import {
  checkFields,
  dateValues,
  errorList,
  errorsFromDomain,
  fieldViews,
} from '../../../forms/form.ts';
import type { Finding } from '../../../services/dashboard.ts';
import type { Services } from '../../../services.ts';
import { sendCsv } from '../../csv.ts';
import { webContext } from '../../requestContext.ts';
import { signedInOnly } from '../../requireSignIn.ts';
import { queryString } from '../case/caseFilters.ts';

const periodQuery = z.object({
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  localAuthorityId: z.string().max(100).optional(),
});
type PeriodQuery = z.infer<typeof periodQuery>;

function periodFields(localAuthorities: readonly { id: string; name: string }[]) {
  return {
    from: dateField({
      label: 'From',
      hint: 'For example, 1 12 2025',
      size: 's',
      messages: { invalid: 'Enter the first day as a real date, like 1 12 2025' },
    }),
    to: dateField({
      label: 'To',
      size: 's',
      messages: { invalid: 'Enter the last day as a real date, like 30 11 2026' },
    }),
    localAuthorityId: selectField({
      label: 'Local authority',
      size: 's',
      placeholder: 'All of the partnership',
      choices: localAuthorities.map((la) => ({ value: la.id, text: la.name })),
      schema: z.string().optional(),
    }),
  };
}

/** Where a figure's cases, or lessons, are listed. */
export function hrefOf(find: Finding | undefined): string | undefined {
  if (!find) return undefined;
  return find.list === 'cases'
    ? `/disagreements${queryString(find.query)}`
    : `/learning-log${queryString(find.query)}`;
}

/** The partnership team's dashboard: its figures as charts and tables, each figure a link to its cases. */
export async function dashboardRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  signedInOnly(app);
  const partnershipOf = (request: FastifyRequest) => (request.actor as Actor).partnershipId ?? '';

  app.get('/dashboard', async (request, reply) => {
    const sent = (request.query ?? {}) as FormBody;
    const context = webContext(request);
    const partnershipId = partnershipOf(request);
    // The form's date boxes: read, then the same period at its address (from=2025-12-01).
    if (Object.keys(sent).some((key) => /^(from|to)-(day|month|year)$/.test(key))) {
      const localAuthorities = partnershipId
        ? await services.listLocalAuthorities(partnershipId, context)
        : [];
      const fields = periodFields(localAuthorities);
      const checked = checkFields(fields, sent);
      if (checked.ok) {
        return reply.redirect(
          `/dashboard${queryString({
            from: checked.values.from?.toString(),
            to: checked.values.to?.toString(),
            localAuthorityId: checked.values.localAuthorityId || undefined,
          })}`,
          303,
        );
      }
      return renderDashboard(request, reply, {}, sent, checked.errors);
    }
    const parsed = periodQuery.safeParse(sent);
    const query: PeriodQuery = parsed.success ? parsed.data : {};
    const errors: FormErrors = parsed.success
      ? {}
      : { from: 'That period is not one Accord can show: the last year is shown instead' };
    return renderDashboard(request, reply, query, {}, errors);
  });

  async function renderDashboard(
    request: FastifyRequest,
    reply: FastifyReply,
    query: PeriodQuery,
    typed: FormBody,
    formErrors: FormErrors,
  ) {
    const context = webContext(request);
    const partnershipId = partnershipOf(request);
    let errors = formErrors;
    const localAuthorities = partnershipId
      ? await services.listLocalAuthorities(partnershipId, context)
      : [];
    const fields = periodFields(localAuthorities);
    let view: Awaited<ReturnType<Services['dashboard']>>;
    try {
      view = await services.dashboard({ partnershipId, ...query }, context);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      errors = { ...errors, ...errorsFromDomain(error, fields) };
      view = await services.dashboard({ partnershipId }, context);
    }
    const values: FormBody =
      Object.keys(typed).length > 0
        ? typed
        : {
            ...dateValues('from', Temporal.PlainDate.from(view.period.from)),
            ...dateValues('to', Temporal.PlainDate.from(view.period.to)),
            localAuthorityId: view.summary.localAuthorityId ?? '',
          };
    const csvQuery = queryString({
      from: view.period.from,
      to: view.period.to,
      localAuthorityId: view.summary.localAuthorityId ?? undefined,
    });
    return reply.render('dashboard/dashboard.njk', {
      pageTitle: 'Dashboard',
      errorList: errorList(errors, fields),
      fields: fieldViews(fields, values, errors),
      period: view.period,
      localAuthority: view.localAuthorities.find((la) => la.id === view.summary.localAuthorityId)
        ?.name,
      headlines: view.headlines.map((headline) => ({ ...headline, href: hrefOf(headline.find) })),
      tables: view.tables.map((table) => ({
        ...table,
        csv: `/dashboard/${table.id}.csv${csvQuery}`,
        rows: table.rows.map((row) =>
          row.map((cell) => ({
            text: cell.text,
            numeric: cell.value !== undefined,
            href: hrefOf(cell.find),
          })),
        ),
      })),
    });
  }

  app.get('/dashboard/:table.csv', async (request, reply) => {
    const { table } = request.params as { table: string };
    const parsed = periodQuery.safeParse(request.query ?? {});
    if (!parsed.success) throw new Invalid('That period is not one Accord can show');
    const file = await services.dashboardTableCsv(
      { partnershipId: partnershipOf(request), table, ...parsed.data },
      webContext(request),
    );
    if (!file) throw new NotFound('There is no such table');
    return sendCsv(reply, file);
  });
}
