import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { FormBody } from '../../forms/fields.ts';
import type { Services } from '../../services.ts';
import type { RaiseDraft } from '../features/raise/raiseDraft.ts';
import { isApiUrl } from '../isApiUrl.ts';
import { keptIdsOf, setKeptIds } from '../signedOutForms.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Answers kept after the session ended, for this person on this page; null when none. */
    keptAnswers: FormBody | null;
    /** Whether the page showed them (it then says so). */
    keptAnswersShown: boolean;
    /** Why they were kept: the session ended, or the page's form had expired (staleForms.ts). */
    keptBecause: 'signed-out' | 'page-expired';
    /** The page's form had expired and nothing typed was kept: the page says so. */
    pageExpired: boolean;
  }
}

/**
 * Gives answers kept after a session ended back to their person, once, on the page they came
 * from (signedOutForms.ts): a form page shows them through `answersOr`.
 */
export const keptAnswers = fp(
  async (app: FastifyInstance, options: { services: Services }) => {
    const { services } = options;
    app.decorateRequest('keptAnswers', null);
    app.decorateRequest('keptAnswersShown', false);
    app.decorateRequest('keptBecause', 'signed-out');
    app.decorateRequest('pageExpired', false);
    app.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'GET' || !request.actor || isApiUrl(request.url)) return;
      if (request.session.pageExpired) {
        delete request.session.pageExpired;
        request.keptBecause = 'page-expired';
        request.pageExpired = true;
      }
      const ids = keptIdsOf(request);
      if (ids.length === 0) return;
      const kept = await services.keptAnswers.take({
        ids,
        personId: request.actor.personId,
        path: request.url.split('?')[0] ?? '/',
      });
      if (!kept) return;
      setKeptIds(
        services,
        reply,
        ids.filter((id) => id !== kept.id),
      );
      // An empty set is no answers: the page opens with its own values, and says nothing.
      if (Object.keys(kept.answers).length > 0) request.keptAnswers = kept.answers;
      // A draft made since (in another tab, signed in again) is newer than the one kept.
      if (kept.raiseDraft && !request.session.raiseDraft) {
        request.session.raiseDraft = kept.raiseDraft as RaiseDraft;
      }
    });
  },
  { name: 'kept-answers', dependencies: ['sessions'] },
);

/** The answers a form page opens with: those kept for the person, else its own. */
export function answersOr(request: FastifyRequest, values: FormBody): FormBody {
  if (!request.keptAnswers || Object.keys(request.keptAnswers).length === 0) return values;
  request.keptAnswersShown = true;
  request.pageExpired = false;
  return request.keptAnswers;
}
