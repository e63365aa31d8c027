import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatInstant } from '../../../domain/calendar/formatting.ts';
import { Conflict, Invalid, NotFound } from '../../../domain/errors.ts';
import type { FormBody, FormErrors } from '../../../forms/fields.ts';
import {
  bodyOf,
  checkFields,
  errorList,
  errorsFromDomain,
  fieldViews,
} from '../../../forms/form.ts';
import {
  type BuiltInProtocolId,
  builtInProtocol,
  builtInProtocolIds,
  isBuiltInProtocolId,
} from '../../../protocols/builtInProtocols.ts';
import type { Services } from '../../../services.ts';
import { answersOr } from '../../plugins/keptAnswers.ts';
import { webContext } from '../../requestContext.ts';
import { signedInOnly } from '../../requireSignIn.ts';
import { draftProblems } from './draftData.ts';
import {
  backTo,
  draftHref,
  type OpenDraft,
  openDraft,
  saveData,
  versionToShow,
} from './draftRequest.ts';
import { type EditorPage, isFormProblem, type PageParams } from './editorPage.ts';
import { editorPages, hasInstance, pageErrors } from './editorPages.ts';
import { listRoutes } from './listRoutes.ts';
import { overviewRoutes } from './overviewRoutes.ts';
import { previewRoutes } from './previewRoutes.ts';

/**
 * The protocol editor, for the partnership team (anyone else finds no such page): drafts
 * started from a built-in protocol, the one in force or an empty one, a page for each part, the lists of
 * stages, limits and pathways, a preview and adoption.
 */
export async function protocolEditorRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  signedInOnly(app);

  const newDraftPage = async (request: FastifyRequest, reply: FastifyReply, error?: string) => {
    const { drafts, current } = await services.listProtocolDrafts(webContext(request));
    return reply.code(error ? 400 : 200).render('protocolEditor/new.njk', {
      pageTitle: 'Edit the protocol',
      csrfToken: reply.generateCsrf(),
      deleted: (request.query as Record<string, string>).deleted === '1',
      chosen: answersOr(request, {}).from,
      error,
      errorList: error ? [{ text: error, href: '#from' }] : [],
      choices: [
        ...(current
          ? [
              {
                value: 'current',
                text: `The protocol in force: ${current.name}, version ${current.version}`,
              },
            ]
          : []),
        ...builtInProtocolIds.map((id) => ({
          value: id,
          text: `Built-in: ${builtInProtocol(id).name}`,
        })),
        {
          value: 'empty',
          text: 'An empty protocol',
          hint: 'The partnership’s name and working time, and one stage: you fill in the rest',
        },
      ],
      drafts: drafts.map((draft) => ({
        href: draftHref(draft),
        basedOn: draft.basedOn,
        updatedAt: formatInstant(Temporal.Instant.from(draft.updatedAt), 'Europe/London'),
      })),
    });
  };

  app.get('/protocol/drafts/new', (request, reply) => newDraftPage(request, reply));

  app.post('/protocol/drafts/new', async (request, reply) => {
    const from = bodyOf(request.body).from;
    if (from !== 'current' && from !== 'empty' && !isBuiltInProtocolId(String(from))) {
      return newDraftPage(request, reply, 'Choose what to start from');
    }
    let id: string;
    try {
      id = await services.startProtocolDraft(
        { from: from as 'current' | 'empty' | BuiltInProtocolId },
        webContext(request),
      );
    } catch (error) {
      // At most 20 drafts: said beside the choice, as a problem with what was asked.
      if (!(error instanceof Invalid)) throw error;
      return newDraftPage(request, reply, error.errors[0]?.message ?? error.message);
    }
    return reply.redirect(`/protocol/drafts/${id}`, 303);
  });

  await overviewRoutes(app, services);
  await listRoutes(app, services);
  await previewRoutes(app, services);
  for (const page of editorPages) editorFormPage(app, services, page);
}

function editorFormPage(app: FastifyInstance, services: Services, page: EditorPage) {
  const path = `/protocol/drafts/:id/${page.path}`;
  const instanceOf = (request: FastifyRequest, open: OpenDraft): PageParams => {
    const params = request.params as PageParams;
    if (!hasInstance(page, open.data, params)) {
      throw new NotFound('There is no such part of the draft');
    }
    return params;
  };
  const show = (
    reply: FastifyReply,
    request: FastifyRequest,
    open: OpenDraft,
    params: PageParams,
    values: FormBody,
    errors: FormErrors,
    options: { status?: number; version?: number; saved?: boolean } = {},
  ) => {
    const fields = page.fields(open.data, params);
    return reply.code(options.status ?? 200).render('protocolEditor/form.njk', {
      pageTitle: page.title(open.data, params),
      intro: page.intro,
      link: page.link && { text: page.link.text, href: draftHref(open.draft, page.link.path) },
      back: draftHref(open.draft, page.back ?? ''),
      overview: draftHref(open.draft),
      action: request.url.split('?')[0],
      csrfToken: reply.generateCsrf(),
      draftVersion: options.version ?? open.draft.version,
      saved: options.saved,
      fields: fieldViews(fields, values, errors),
      errorList: errorList(errors, fields),
    });
  };

  app.get(path, async (request, reply) => {
    const open = await openDraft(services, request);
    const params = instanceOf(request, open);
    const fields = page.fields(open.data, params);
    // The checker's problems show when asked for (the overview's links to them), and after a save.
    const asked = (request.query as Record<string, string>).check !== undefined;
    const errors = asked ? pageErrors(page, params, fields, open.problems) : {};
    const values = answersOr(request, page.values(open.data, params));
    // Kept answers keep the draft's version their person saw, so a change meanwhile is caught.
    return show(reply, request, open, params, values, errors, {
      version: versionToShow(values, open.draft),
    });
  });

  app.post(path, async (request, reply) => {
    const open = await openDraft(services, request);
    const params = instanceOf(request, open);
    const fields = page.fields(open.data, params);
    const body = bodyOf(request.body);
    const form = checkFields(fields, body);
    if (!form.ok) return show(reply, request, open, params, body, form.errors, { status: 400 });
    const applied = page.apply(open.data, body, params);
    if (isFormProblem(applied)) {
      return show(reply, request, open, params, body, applied.errors, { status: 400 });
    }
    const data = applied;
    let version: number;
    try {
      version = await saveData(services, request, open.draft, data);
    } catch (error) {
      if (error instanceof Conflict) {
        // What they typed, against the draft as it is now: saving again keeps theirs.
        const now = await openDraft(services, request);
        const first = Object.keys(fields)[0] ?? 'form';
        return show(reply, request, now, params, body, { [first]: error.message }, { status: 409 });
      }
      const errors = errorsFromDomain(error, fields);
      if (!(error instanceof Invalid) || !errors) throw error;
      return show(reply, request, open, params, body, errors, { status: 400 });
    }
    const changed: OpenDraft = { ...open, data };
    if (!hasInstance(page, data, params)) return backTo(reply, open.draft);
    const changedFields = page.fields(data, params);
    const errors = pageErrors(page, params, changedFields, draftProblems(data));
    if (Object.keys(errors).length === 0) return backTo(reply, open.draft);
    return show(reply, request, changed, params, page.values(data, params), errors, {
      version,
      saved: true,
    });
  });
}
