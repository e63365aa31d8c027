import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, canInPartnership, grantableRoles } from '../../../domain/access/can.ts';
import type { Person } from '../../../domain/directory/directory.ts';
import { Conflict, Forbidden, Invalid } from '../../../domain/errors.ts';
import type { ProtocolLevel } from '../../../domain/protocol/protocolSchema.ts';
import type { Role } from '../../../domain/vocabulary.ts';
import type { Fields, FormBody, FormErrors, FormValues } from '../../../forms/fields.ts';
import {
  bodyOf,
  checkFields,
  errorList,
  errorsFromDomain,
  fieldViews,
} from '../../../forms/form.ts';
import type { RequestContext } from '../../../services/requestContext.ts';
import type { Services } from '../../../services.ts';
import { answersOr } from '../../plugins/keptAnswers.ts';
import { webContext } from '../../requestContext.ts';

/** The partnership the person manages the directory of; 403 for anyone else. */
export function partnershipOf(request: FastifyRequest): string {
  const actor = request.actor as Actor;
  if (!actor.partnershipId || !canInPartnership(actor, 'manage-directory', actor.partnershipId)) {
    throw new Forbidden('Only the partnership team can manage the directory');
  }
  return actor.partnershipId;
}

type Overview = Awaited<ReturnType<Services['directoryOverview']>>;

/** What a directory page's parts may ask for, each read at most once per request. */
export type DirectoryPageContext = {
  services: Services;
  request: FastifyRequest;
  context: RequestContext;
  params: Record<string, string>;
  /** The partnership's directory: an audited read (it lists people). */
  overview: () => Promise<Overview>;
  /** The person the page is about (/directory/people/:personId); 403 if not of the partnership. */
  person: () => Promise<Person>;
  /** The roles the person asking may give. */
  grantable: Role[];
  /** The levels of seniority of the partnership's protocol in force. */
  levels: () => Promise<ProtocolLevel[]>;
};

/** One form page of the directory: its questions, its answers so far, and how it saves. */
export type DirectoryPage<F extends Fields = Fields> = {
  path: string;
  title: string;
  submitText: string;
  intro?: string | ((page: DirectoryPageContext) => Promise<string>);
  /** What the directory page says once it is saved. */
  saved: string;
  fields: (page: DirectoryPageContext) => Promise<F> | F;
  /** The answers shown when the page is first opened: what the directory holds now. */
  defaults?: (page: DirectoryPageContext) => Promise<FormBody>;
  /** Saves the answers; problems to show instead (401), if any. */
  save: (page: DirectoryPageContext, values: FormValues<F>) => Promise<FormErrors | undefined>;
};

/** A directory page, typed by its fields so its answers are typed in save. */
export function page<F extends Fields>(spec: DirectoryPage<F>): DirectoryPage {
  return spec as unknown as DirectoryPage;
}

function contextOf(services: Services, request: FastifyRequest): DirectoryPageContext {
  const context = webContext(request);
  let overview: Promise<Overview> | undefined;
  const params = request.params as Record<string, string>;
  const read = () => {
    overview ??= services.directoryOverview(partnershipOf(request), context);
    return overview;
  };
  return {
    services,
    request,
    context,
    params,
    overview: read,
    person: async () => {
      const found = (await read()).people.find((candidate) => candidate.id === params.personId);
      if (!found) throw new Forbidden('There is no such person in your partnership');
      return found;
    },
    grantable: grantableRoles(request.actor as Actor),
    levels: async () =>
      (await services.protocolInForce(partnershipOf(request), context)).protocol.levels,
  };
}

/**
 * A form page: shows its fields (with their answers so far), and on a valid submission calls
 * `save` and goes back to the directory, saying what was done.
 */
export function directoryFormPage(app: FastifyInstance, services: Services, page: DirectoryPage) {
  const show = async (
    reply: FastifyReply,
    context: DirectoryPageContext,
    values: FormBody,
    errors: FormErrors,
    status = 200,
  ) => {
    const fields = await page.fields(context);
    return reply.code(status).render('directory/form.njk', {
      pageTitle: page.title,
      intro: typeof page.intro === 'function' ? await page.intro(context) : page.intro,
      submitText: page.submitText,
      action: context.request.url.split('?')[0],
      csrfToken: reply.generateCsrf(),
      fields: fieldViews(fields, values, errors),
      errorList: errorList(errors, fields),
    });
  };
  app.get(page.path, async (request, reply) => {
    partnershipOf(request);
    const context = contextOf(services, request);
    return show(reply, context, answersOr(request, (await page.defaults?.(context)) ?? {}), {});
  });
  app.post(page.path, async (request, reply) => {
    partnershipOf(request);
    const context = contextOf(services, request);
    const fields = await page.fields(context);
    const body = bodyOf(request.body);
    const form = checkFields(fields, body);
    if (!form.ok) return show(reply, context, body, form.errors, 400);
    try {
      const problems = await page.save(context, form.values);
      if (problems) return show(reply, context, body, problems, 401);
    } catch (error) {
      const first = Object.keys(fields)[0] ?? 'name';
      if (error instanceof Conflict)
        return show(reply, context, body, { [first]: error.message }, 409);
      if (!(error instanceof Invalid) || error.errors.length === 0) throw error;
      return show(reply, context, body, errorsFromDomain(error, fields) ?? {}, 400);
    }
    return reply.redirect(`/directory?saved=${encodeURIComponent(page.saved)}`, 303);
  });
}
