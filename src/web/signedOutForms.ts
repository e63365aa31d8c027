import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormBody } from '../forms/fields.ts';
import { answersToKeep, KEPT_ANSWERS_HOURS } from '../services/keptAnswers.ts';
import type { Services } from '../services.ts';
import { safeReturnTo } from './safeReturnTo.ts';

// A form sent to a signed-in page after its session ended: its answers are kept for the same
// person, who signs in again and finds the form filled in, to send it themselves. It is never
// sent for them: a post from another site would then act for whoever signs in next.

/**
 * The cookie naming the answers kept for this browser: unguessable ids, the newest last, at
 * most KEPT_IDS of them (each tab's form its own); HttpOnly.
 */
export const KEPT_COOKIE = 'accord_kept';
export const KEPT_IDS = 5;

/** The ids of the answers kept for this browser, oldest first. */
export const keptIdsOf = (request: FastifyRequest): string[] =>
  (request.cookies[KEPT_COOKIE] ?? '').split('.').filter((id) => /^[\w-]{43}$/.test(id));

/** Names the kept answers' ids in the browser's cookie, or clears it when there are none. */
export function setKeptIds(services: Services, reply: FastifyReply, ids: readonly string[]) {
  if (ids.length === 0) return reply.clearCookie(KEPT_COOKIE, { path: '/' });
  return reply.setCookie(KEPT_COOKIE, ids.slice(-KEPT_IDS).join('.'), {
    httpOnly: true,
    sameSite: 'lax',
    secure: services.config.isProduction,
    path: '/',
    maxAge: KEPT_ANSWERS_HOURS * 60 * 60,
  });
}

/** Why the page itself ended the session: idle for too long, or signed in for 12 hours. */
export type TimedOut = 'idle' | 'limit';

/**
 * The page's timer asks for the session to end, and for what was typed to be kept. `_keep`
 * cannot collide with a form's own field: names beginning with "_" are reserved (form.ts).
 */
export function timedOutBy(request: FastifyRequest): TimedOut | undefined {
  const keep = (request.body as FormBody | undefined)?._keep;
  return keep === 'idle' || keep === 'limit' ? keep : undefined;
}

/**
 * The page the form was on: the address it was sent to, where that address shows the form
 * (as every form page of the toolkit does), else the page the browser says it came from.
 */
export function formPageOf(services: Services, request: FastifyRequest): string {
  const route = request.routeOptions.url;
  if (route && request.server.hasRoute({ method: 'GET', url: route })) {
    return safeReturnTo(request.url.split('?')[0]);
  }
  const referer = request.headers.referer;
  if (!referer) return '/';
  try {
    const from = new URL(referer);
    return from.origin === ownOrigin(services, request)
      ? safeReturnTo(from.pathname + from.search)
      : '/';
  } catch {
    return '/';
  }
}

/**
 * This service's origin: BASE_URL's, since a TLS proxy may pass neither the public Host nor
 * the scheme; the request's own only when BASE_URL is not set (it is required in production).
 */
const ownOrigin = (services: Services, request: FastifyRequest) =>
  services.config.publicOrigin ?? `${request.protocol}://${request.host}`;

/**
 * A form a page of this service sent: not one another site made the browser send. The
 * browser's own Sec-Fetch-Site decides when it sends one; else the Origin, if any.
 */
export function sentFromHere(services: Services, request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = request.headers.origin;
  return !origin || origin === ownOrigin(services, request);
}

/**
 * Keeps a form's answers for their person, for the page the form is on, under an HttpOnly
 * cookie: nothing for a form another site sent. Whether anything was kept.
 */
export async function keepAnswers(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  kept: { personId: string | undefined; returnTo: string; raiseDraft?: unknown },
): Promise<boolean> {
  if (
    !kept.personId ||
    request.routeOptions.config.keepsNothing ||
    !sentFromHere(services, request)
  ) {
    return false;
  }
  const id = await services.keptAnswers.keep({
    personId: kept.personId,
    path: kept.returnTo.split('?')[0] ?? '/',
    answers: answersToKeep(request.body),
    raiseDraft: kept.raiseDraft,
  });
  if (!id) return false;
  setKeptIds(services, reply, [...keptIdsOf(request), id]);
  return true;
}

/**
 * Keeps the answers for the person whose session it was (the one signed in, when the page's
 * timer ends it), ends any session, and sends the browser to sign in, then back to the form.
 */
export async function keepAndSignIn(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  timedOut: TimedOut | undefined,
): Promise<FastifyReply> {
  const returnTo = formPageOf(services, request);
  const personId = request.actor?.personId ?? request.endedSession?.personId;
  const raiseDraft = request.actor ? request.session.raiseDraft : request.endedSession?.raiseDraft;
  const kept = await keepAnswers(services, request, reply, { personId, returnTo, raiseDraft });
  if (request.actor) await request.session.destroy();
  const query = new URLSearchParams({
    returnTo,
    // Said only to someone who was signed in: a stranger's post simply asks them to sign in.
    ...(personId ? { ended: timedOut ?? 'session' } : {}),
    ...(kept ? { kept: 'yes' } : {}),
  });
  return reply.redirect(`/sign-in?${query}`, 303);
}
