import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PageContext } from '../../../caseActions/caseActionEntry.ts';
import { caseActionRegistry } from '../../../caseActions/caseActionRegistry.ts';
import type { CaseDirectory } from '../../../domain/disagreement/actions/caseCommand.ts';
import { caseFileName } from '../../../domain/disagreement/caseSummary.ts';
import { NotFound } from '../../../domain/errors.ts';
import type { CaseView } from '../../../services/readDisagreements.ts';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import { signedInOnly } from '../../requireSignIn.ts';
import { urgentGuidance } from '../../urgentGuidance.ts';
import { caseActionPages } from './caseActionPages.ts';
import { casePage } from './casePage.ts';
import { monitoringFormCompletion } from './monitoringFormCompletion.ts';
import { whatNowPanel } from './whatNowPanel.ts';

const caseParams = z.object({ id: z.uuid() });

/** A case's document, downloaded under the name that says what it is. */
function download(reply: FastifyReply, type: string, file: { fileName: string; content: Buffer }) {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'no-store')
    .send(file.content);
}

/**
 * The case page, its monitoring form, summary and meeting invitation, and the pages of its
 * actions.
 */
export async function caseRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  signedInOnly(app);

  const caseIdOf = (request: FastifyRequest) => {
    const parsed = caseParams.safeParse(request.params);
    if (!parsed.success) throw new NotFound('There is no such disagreement');
    return parsed.data.id;
  };
  // The people the case page shows (not the partnership's), its agencies: read (and audited) once.
  const casePageDirectoryOf = async (
    view: CaseView,
    request: FastifyRequest,
  ): Promise<CaseDirectory> => {
    const context = { ...webContext(request), actor: view.actor };
    return {
      people: await services.listCasePagePeople(view, context),
      agencies: await services.listAgencies(view.disagreement.partnershipId, context),
      meetingPlaces: [],
    };
  };
  // What an action's page shows and its choosers offer: the party agencies' people, the chairs.
  const directoryOf = async (view: CaseView, request: FastifyRequest): Promise<CaseDirectory> => {
    const context = { ...webContext(request), actor: view.actor };
    return {
      people: await services.listCaseActionPeople(view, context),
      agencies: await services.listAgencies(view.disagreement.partnershipId, context),
      meetingPlaces: await services.listMeetingPlaces(view.disagreement.partnershipId, context),
    };
  };
  const pageContextOf = async (request: FastifyRequest): Promise<PageContext> => {
    const view = await services.getDisagreement(caseIdOf(request), webContext(request));
    return { ...view, directory: await directoryOf(view, request) };
  };

  const showCase = async (request: FastifyRequest, view: PageContext) => {
    // While an urgent case is open, its page repeats what to do now, and out of hours whom to call.
    const urgent =
      view.disagreement.urgent && view.disagreement.status === 'open'
        ? urgentGuidance(
            view.rules.protocol,
            await services.onCallRoute(view.disagreement.partnershipId, webContext(request)),
          )
        : null;
    // What the person can do now: each registry page the case calls for, in the registry's
    // order; nothing once the case is purged (runCaseAction refuses it).
    const offers = caseActionRegistry.flatMap((entry) => {
      if (view.disagreement.purgedAt) return [];
      const text = view.abilities[entry.command.ability] ? entry.page?.offer?.(view) : undefined;
      return text
        ? [{ text, href: `/disagreements/${view.disagreement.id}/${entry.page?.path}` }]
        : [];
    });
    return {
      ...casePage(view, view.directory),
      whatNow: whatNowPanel(view, offers),
      urgentGuidance: urgent,
      offers,
    };
  };

  app.get('/disagreements/:id', async (request, reply) => {
    const found = await services.getDisagreement(caseIdOf(request), webContext(request));
    const view = { ...found, directory: await casePageDirectoryOf(found, request) };
    // What the person just did, said once (caseActionPages keeps it in their session).
    const notice = request.session.caseNotice;
    const done = notice?.caseId === view.disagreement.id ? notice.text : undefined;
    if (done) delete request.session.caseNotice;
    return reply.render('case/case.njk', { ...(await showCase(request, view)), done });
  });

  app.get('/disagreements/:id/monitoring-form', async (request, reply) => {
    const id = caseIdOf(request);
    const form = await services.monitoringForm(id, webContext(request));
    return reply.render('case/monitoringForm.njk', { pageTitle: form.title, form, caseId: id });
  });

  monitoringFormCompletion(app, services);

  app.get('/disagreements/:id/monitoring-form.pdf', async (request, reply) => {
    const file = await services.monitoringFormAsPdf(caseIdOf(request), webContext(request));
    return download(reply, 'application/pdf', file);
  });

  // The case summary for a party agency's own records (product.md point 12).
  app.get('/disagreements/:id/summary.pdf', async (request, reply) => {
    const file = await services.caseSummaryAsPdf(caseIdOf(request), webContext(request));
    return download(reply, 'application/pdf', file);
  });

  app.get('/disagreements/:id/summary.json', async (request, reply) => {
    const summary = await services.caseSummary(caseIdOf(request), webContext(request));
    return download(reply, 'application/json; charset=utf-8', {
      fileName: caseFileName(summary.reference, 'case-summary', 'json'),
      content: Buffer.from(`${JSON.stringify(summary, null, 2)}\n`),
    });
  });

  app.get('/disagreements/:id/meeting.ics', async (request, reply) => {
    const calendar = await services.meetingCalendar(caseIdOf(request), webContext(request));
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="meeting.ics"')
      .header('cache-control', 'no-store')
      .send(calendar);
  });

  // Every case action's page, from the registry (src/caseActions/).
  caseActionPages(app, services, caseActionRegistry, {
    pageContextOf,
    showCaseWithProblem: async (reply, view, problem, status) =>
      reply.code(status).render('case/case.njk', {
        ...(await showCase(reply.request, {
          ...view,
          directory: await casePageDirectoryOf(view, reply.request),
        })),
        errorList: [problem],
      }),
  });
}
