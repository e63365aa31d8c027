import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../services.ts';
import { isApiUrl } from './isApiUrl.ts';
import { safeReturnTo } from './safeReturnTo.ts';
import { formPageOf, keepAnswers, sentFromHere } from './signedOutForms.ts';

declare module 'fastify' {
  interface Session {
    /** A form of this person's was sent from a page whose token had expired: say so once. */
    pageExpired?: boolean;
  }
}

// A page's CSRF token goes stale while its person is still signed in: they signed out and in
// again in another tab, or the session was renewed. Its form is kept, never applied, and the
// person is sent back to it; @fastify/csrf-protection would otherwise answer with a bare 403.

const staleTokenCodes = new Set(['FST_CSRF_INVALID_TOKEN', 'FST_CSRF_MISSING_SECRET']);

/** Whether the error is @fastify/csrf-protection refusing a page's form. */
export const isStaleForm = (error: FastifyError, request: FastifyRequest): boolean =>
  staleTokenCodes.has(error.code) && !isApiUrl(request.url);

/**
 * The answer to a page's form with a stale token: a signed-in person's answers kept and the
 * form shown again, saying the page had expired; a sign-in page sign-in again; anything else
 * (another site's form, a post with no token) the expired-page page.
 */
export async function answerStaleForm(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const sent = (request.body ?? {}) as Record<string, unknown>;
  // Every page's form carries a token: a post without one never came from a page of ours.
  if (typeof sent._csrf !== 'string') return reply.code(403).render('errors/page-expired.njk');
  if (request.routeOptions.url === '/sign-in') {
    const returnTo = safeReturnTo(typeof sent.returnTo === 'string' ? sent.returnTo : undefined);
    return reply.redirect(`/sign-in?${new URLSearchParams({ ended: 'page', returnTo })}`, 303);
  }
  if (request.actor && request.routeOptions.config.signedIn && sentFromHere(services, request)) {
    const returnTo = formPageOf(services, request);
    await keepAnswers(services, request, reply, { personId: request.actor.personId, returnTo });
    request.session.pageExpired = true;
    return reply.redirect(returnTo, 303);
  }
  return reply.code(403).render('errors/page-expired.njk');
}
