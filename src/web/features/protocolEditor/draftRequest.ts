import type { FastifyReply, FastifyRequest } from 'fastify';
import { Conflict } from '../../../domain/errors.ts';
import type { ProtocolProblem } from '../../../domain/protocol/validateProtocol.ts';
import type { FormBody } from '../../../forms/fields.ts';
import { bodyOf } from '../../../forms/form.ts';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import { type DraftData, draftProblems, draftYaml, readDraftData } from './draftData.ts';

type ProtocolDraft = Awaited<ReturnType<Services['readProtocolDraft']>>;

/** A draft as a page reads it: the stored draft, its data, and what the checker says of it. */
export type OpenDraft = {
  draft: ProtocolDraft;
  data: DraftData;
  problems: ProtocolProblem[];
};

export async function openDraft(
  services: Services,
  request: FastifyRequest,
  options: { adopting?: boolean } = {},
): Promise<OpenDraft> {
  const { id } = request.params as { id: string };
  const draft = await services.readProtocolDraft({ id, ...options }, webContext(request));
  const data = readDraftData(draft.source);
  return { draft, data, problems: draftProblems(data) };
}

/** The draft's version the form was made from (a hidden field), checked before anything changes. */
export function sentVersion(request: FastifyRequest, draft: ProtocolDraft): number {
  const sent = Number(bodyOf(request.body).draftVersion);
  if (sent !== draft.version) {
    throw new Conflict(
      'Someone else changed this draft since you opened the page: go back to the draft, check it and make your change again',
    );
  }
  return sent;
}

/** The draft's version a form shows: the one kept answers were made from, else the draft's own. */
export function versionToShow(values: FormBody, draft: ProtocolDraft): number {
  const seen = Number(values.draftVersion);
  return Number.isInteger(seen) ? seen : draft.version;
}

/** Saves the changed data as the draft's new text; the draft's new version. */
export async function saveData(
  services: Services,
  request: FastifyRequest,
  draft: ProtocolDraft,
  data: DraftData,
): Promise<number> {
  return services.saveProtocolDraft(
    { id: draft.id, version: sentVersion(request, draft), source: draftYaml(data) },
    webContext(request),
  );
}

export const draftHref = (draft: ProtocolDraft, rest = '') =>
  `/protocol/drafts/${draft.id}${rest ? `/${rest}` : ''}`;

export function backTo(reply: FastifyReply, draft: ProtocolDraft, rest = '') {
  return reply.redirect(draftHref(draft, rest), 303);
}

/**
 * The page that asks "Are you sure…?" before a part is removed or the draft deleted: `back` and
 * `action` are places in the draft; its form sends `confirm` (see confirmed) to `action`.
 */
export function renderConfirm(
  reply: FastifyReply,
  draft: ProtocolDraft,
  page: { pageTitle: string; text: string; button: string; back: string; action: string },
) {
  return reply.render('protocolEditor/confirm.njk', {
    ...page,
    back: draftHref(draft, page.back),
    action: draftHref(draft, page.action),
    csrfToken: reply.generateCsrf(),
    draftVersion: draft.version,
  });
}

/** Whether the confirmation page's button sent the form (anything else goes back to the page). */
export const confirmed = (request: FastifyRequest) => bodyOf(request.body).confirm === 'yes';
