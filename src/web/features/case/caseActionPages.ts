import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type {
  CaseActionEntry,
  PageContext,
  PageFace,
} from '../../../caseActions/caseActionEntry.ts';
import { Conflict, Forbidden, Invalid, NotAllowedNow, statusOf } from '../../../domain/errors.ts';
import type { FormBody, FormErrors } from '../../../forms/fields.ts';
import {
  bodyOf,
  checkFields,
  errorList,
  errorsFromDomain,
  fieldViews,
} from '../../../forms/form.ts';
import type { CaseView } from '../../../services/readDisagreements.ts';
import type { Services } from '../../../services.ts';
import { answersOr } from '../../plugins/keptAnswers.ts';
import { webContext } from '../../requestContext.ts';

declare module 'fastify' {
  interface Session {
    /** The message the case page shows once after a change, e.g. "Discussion recorded". */
    caseNotice?: { caseId: string; text: string };
  }
}

const version = z.coerce.number({ error: 'Reload the page and try again' }).int().positive();

export type CasePages = {
  /** The case as the person may see it (404 otherwise), and the directory its pages show. */
  pageContextOf(request: FastifyRequest): Promise<PageContext>;
  /** The case page again, with a problem to show at an anchor of it. */
  showCaseWithProblem(
    reply: FastifyReply,
    view: CaseView,
    problem: { text: string; href: string },
    status: number,
  ): Promise<unknown>;
};

/**
 * The pages of the registry's case actions: for an entry with a page, its form (GET) and
 * its submission (POST), which runs the command the answers ask for; for an entry with a
 * button, its submission from the case page. Problems show beside the fields they are about.
 */
export function caseActionPages(
  app: FastifyInstance,
  services: Services,
  entries: readonly CaseActionEntry[],
  pages: CasePages,
) {
  const mayDo = async (request: FastifyRequest, entry: CaseActionEntry) => {
    const view = await pages.pageContextOf(request);
    if (!view.abilities[entry.command.ability]) {
      await services.auditRefusedCaseRequest(
        { caseId: view.disagreement.id, action: entry.command.name },
        webContext(request),
      );
      throw new Forbidden('You cannot do that on this disagreement');
    }
    return view;
  };
  const done = (request: FastifyRequest, reply: FastifyReply, caseId: string, text: string) => {
    // What the person just did, said once: kept in their session, so no link can forge it.
    request.session.caseNotice = { caseId, text };
    return reply.redirect(`/disagreements/${caseId}`, 303);
  };

  for (const entry of entries) {
    const page = entry.page;
    if (page) formPage(entry, page);
    const button = entry.button;
    if (button) {
      app.post(`/disagreements/:id/${button.path}`, async (request, reply) => {
        const view = await mayDo(request, entry);
        const params = request.params as Record<string, string>;
        const seen = version.safeParse(bodyOf(request.body).version);
        try {
          await services.runCaseAction(
            entry.command,
            {
              id: view.disagreement.id,
              version: seen.success ? seen.data : 0,
              input: button.input(params),
            },
            webContext(request),
          );
        } catch (error) {
          if (
            !(
              error instanceof NotAllowedNow ||
              error instanceof Invalid ||
              error instanceof Conflict
            )
          ) {
            throw error;
          }
          return pages.showCaseWithProblem(
            reply,
            view,
            { text: error.message, href: button.anchor },
            statusOf(error),
          );
        }
        return done(request, reply, view.disagreement.id, button.done);
      });
    }
  }

  function formPage(entry: CaseActionEntry, page: PageFace) {
    const path = `/disagreements/:id/${page.path}`;
    const show = (
      request: FastifyRequest,
      reply: FastifyReply,
      view: PageContext,
      values: FormBody,
      errors: FormErrors,
      status = 200,
      // After a mistake the form keeps the version the person first saw, so a change someone
      // else made meanwhile is still caught when they send it again.
      seenVersion: unknown = view.disagreement.version,
    ) => {
      const fields = page.fields(view);
      return reply.code(status).render('case/caseForm.njk', {
        pageTitle: page.heading,
        heading: page.heading,
        reference: view.disagreement.reference,
        caseId: view.disagreement.id,
        version: seenVersion,
        intro: page.intro?.(view) ?? [],
        warning: typeof page.warning === 'function' ? page.warning(view) : page.warning,
        inset: page.inset?.(view),
        warningButton: page.warningButton,
        submitText: page.submitText,
        action: request.url.split('?')[0],
        fields: fieldViews(fields, values, errors, { timeZone: view.rules.calendar.timeZone }),
        errorList: errorList(errors, fields, values, { timeZone: view.rules.calendar.timeZone }),
      });
    };

    app.get(path, async (request, reply) => {
      const view = await mayDo(request, entry);
      const values = answersOr(request, page.defaults?.(view) ?? {});
      // Kept answers keep the version their person saw, so a change made meanwhile is caught.
      return show(
        request,
        reply,
        view,
        values,
        {},
        200,
        values.version ?? view.disagreement.version,
      );
    });

    app.post(path, async (request, reply) => {
      const view = await mayDo(request, entry);
      const body = bodyOf(request.body);
      const fields = page.fields(view);
      const firstField = Object.keys(fields)[0] ?? 'form';
      const seen = version.safeParse(body.version);
      const form = checkFields(
        fields,
        body,
        { timeZone: view.rules.calendar.timeZone },
        page.across,
      );
      if (!seen.success || !form.ok) {
        const errors = form.ok ? {} : form.errors;
        if (!seen.success) errors[firstField] ??= seen.error.issues[0]?.message ?? '';
        return show(request, reply, view, body, errors, 400, body.version);
      }
      const submission = page.submit(form.values, view);
      try {
        const result = await services.runCaseAction(
          submission.command,
          { id: view.disagreement.id, version: seen.data, input: submission.input },
          webContext(request),
        );
        return done(request, reply, view.disagreement.id, page.done(result, view));
      } catch (error) {
        if (error instanceof Conflict) {
          const fresh = await pages.pageContextOf(request);
          return show(request, reply, fresh, body, { [firstField]: error.message }, 409);
        }
        const errors = errorsFromDomain(error, fields, page.fieldOf);
        if (!errors) throw error;
        return show(request, reply, view, body, errors, statusOf(error), body.version);
      }
    });
  }
}
