import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { canInPartnership } from '../../../domain/access/can.ts';
import { DEVICE_COOKIE_DAYS } from '../../../domain/accounts/deviceCookie.ts';
import { formatDayMonthYear } from '../../../domain/calendar/formatting.ts';
import { NotFound } from '../../../domain/errors.ts';
import { DEFAULT_RETENTION_MONTHS } from '../../../domain/retention/retentionPeriod.ts';
import {
  type CookieFacts,
  defaultServicePageText,
  type ServicePageKind,
  servicePageKinds,
  servicePageNames,
  servicePageTitles,
} from '../../../domain/servicePages/defaultServicePages.ts';
import {
  fillPlaceholders,
  servicePageBlocks,
  servicePageTextLimit,
} from '../../../domain/servicePages/servicePageText.ts';
import { textareaField } from '../../../forms/fields.ts';
import {
  bodyOf,
  checkFields,
  errorList,
  errorsFromDomain,
  fieldViews,
} from '../../../forms/form.ts';
import { KEPT_ANSWERS_HOURS } from '../../../services/keptAnswers.ts';
import type { StoredServicePage } from '../../../services/servicePages.ts';
import type { Services } from '../../../services.ts';
import { answersOr } from '../../plugins/keptAnswers.ts';
import { ABSOLUTE_HOURS, IDLE_MINUTES, SESSION_COOKIE } from '../../plugins/sessions.ts';
import { webContext } from '../../requestContext.ts';
import { requireSignIn } from '../../requireSignIn.ts';
import { KEPT_COOKIE } from '../../signedOutForms.ts';
import { partnershipOf } from '../directory/directoryFormPage.ts';
import { DEVICE_COOKIE } from '../signIn/signInRoutes.ts';

const mayEdit = (request: FastifyRequest) => {
  const actor = request.actor;
  return Boolean(
    actor?.partnershipId && canInPartnership(actor, 'manage-directory', actor.partnershipId),
  );
};

/** The cookies Accord sets, read from the code that sets them, for the cookies page. */
export const cookieFacts: CookieFacts = {
  session: { name: SESSION_COOKIE, idleMinutes: IDLE_MINUTES, absoluteHours: ABSOLUTE_HOURS },
  device: { name: DEVICE_COOKIE, days: DEVICE_COOKIE_DAYS },
  keptAnswers: { name: KEPT_COOKIE, hours: KEPT_ANSWERS_HOURS },
};

const addresses: Readonly<Record<ServicePageKind, string>> = {
  accessibility: '/accessibility',
  privacy: '/privacy',
  cookies: '/cookies',
  contact: '/contact',
};
const editAddress = (kind: ServicePageKind) => `/directory/pages/${kind}`;

const pageQuery = z.object({ partnership: z.uuid().optional() });

/** "Changed on 4 January 2027", in the partnership's time zone's calendar (London's). */
export const changedOn = (stored: StoredServicePage) =>
  formatDayMonthYear(
    Temporal.Instant.from(stored.updatedAt).toZonedDateTimeISO('Europe/London').toPlainDate(),
  );

const bodyFields = () => ({
  body: textareaField({
    label: 'Text of the page',
    hint: 'Leave a blank line between paragraphs. Start a line with "## " for a heading and "- " for a bullet point. E-mail addresses and https:// links become links',
    rows: 25,
    schema: z
      .string()
      .trim()
      .min(1, 'Enter the text of the page')
      .max(
        servicePageTextLimit,
        `The text must be ${servicePageTextLimit.toLocaleString('en-GB')} characters or fewer`,
      ),
  }),
});

/**
 * The pages the footer links to, open to anyone signed in or not, and the partnership team's
 * pages to write its own text for them (under the directory, and by its rule: 403 for others).
 */
export async function servicePageRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;

  for (const kind of servicePageKinds) {
    const title = servicePageTitles[kind];
    const name = servicePageNames[kind];

    app.get(addresses[kind], async (request, reply) => {
      const query = pageQuery.safeParse(request.query);
      if (!query.success) throw new NotFound('There is no such partnership');
      const read = await services.readServicePage(
        { page: kind, partnershipId: query.data.partnership },
        webContext(request),
      );
      const { partnership, stored } = read;
      const text = fillPlaceholders(stored?.body ?? defaultServicePageText(kind, cookieFacts), {
        partnership: partnership?.name ?? 'your local safeguarding children partnership',
        retentionPeriod: partnership
          ? `${partnership.retentionMonths} months after a disagreement ends`
          : `after the period your partnership sets (${DEFAULT_RETENTION_MONTHS} months after a disagreement ends, unless it sets another)`,
      });
      return reply.render('servicePages/page.njk', {
        pageTitle: title,
        kind,
        partnership,
        updated: stored ? changedOn(stored) : undefined,
        blocks: servicePageBlocks(text),
        // A visitor who is not signed in may read any partnership's page, chosen by address.
        choices:
          !request.actor && read.partnerships.length > 1
            ? read.partnerships.map((choice) => ({
                name: choice.name,
                href: `${addresses[kind]}?partnership=${choice.id}`,
                current: choice.id === partnership?.id,
              }))
            : [],
        // The team's link to change it, on its own partnership's page only.
        canEdit: mayEdit(request) && partnership?.id === request.actor?.partnershipId,
        editHref: editAddress(kind),
        name,
      });
    });

    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: Record<string, unknown> | undefined,
      errors: Record<string, string>,
      status = 200,
    ) => {
      const stored = (
        await services.servicePagesOfTeam({ pages: [kind] }, webContext(request))
      ).get(kind);
      const fields = bodyFields();
      return reply.code(status).render('servicePages/edit.njk', {
        pageTitle: `Change the ${name}`,
        name,
        viewHref: addresses[kind],
        action: editAddress(kind),
        resetAction: `${editAddress(kind)}/reset`,
        updated: stored ? changedOn(stored) : undefined,
        csrfToken: reply.generateCsrf(),
        fields: fieldViews(
          fields,
          (values as never) ?? { body: stored?.body ?? defaultServicePageText(kind, cookieFacts) },
          errors,
        ),
        errorList: errorList(errors, fields),
      });
    };

    app.get(editAddress(kind), { preHandler: requireSignIn }, async (request, reply) =>
      show(request, reply, request.keptAnswers ? answersOr(request, {}) : undefined, {}),
    );

    app.post(
      editAddress(kind),
      { preHandler: requireSignIn, config: { signedIn: true } },
      async (request, reply) => {
        // Only the team may write the page: its check comes before the answers are read.
        partnershipOf(request);
        const fields = bodyFields();
        const body = bodyOf(request.body);
        const form = checkFields(fields, body);
        if (!form.ok) return show(request, reply, body, form.errors, 400);
        try {
          await services.saveServicePage(
            { page: kind, body: form.values.body },
            webContext(request),
          );
        } catch (error) {
          const errors = errorsFromDomain(error, fields);
          if (!errors) throw error;
          return show(request, reply, body, errors, 400);
        }
        return reply.redirect(
          `/directory?saved=${encodeURIComponent(`${name.charAt(0).toUpperCase()}${name.slice(1)} saved`)}`,
          303,
        );
      },
    );

    app.post(
      `${editAddress(kind)}/reset`,
      { preHandler: requireSignIn, config: { signedIn: true } },
      async (request, reply) => {
        await services.resetServicePage({ page: kind }, webContext(request));
        return reply.redirect(
          `/directory?saved=${encodeURIComponent(`The ${name} shows Accord’s default text again`)}`,
          303,
        );
      },
    );
  }
}
