import { createHash } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySession, { type SessionStore } from '@fastify/session';
import type { FastifyInstance, FastifyRequest, Session } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../../domain/access/can.ts';
import { isoInstant } from '../../domain/clock.ts';
import type { EndedSession } from '../../services/keptAnswers.ts';
import { SESSION_IDLE_MINUTES, type Services } from '../../services.ts';
import { isApiUrl } from '../isApiUrl.ts';

declare module 'fastify' {
  interface Session {
    personId?: string;
    /** When the person last proved who they are (sign-in or re-authentication). */
    authenticatedAt?: string;
    signedInAt?: string;
    lastSeenAt?: string;
    returnTo?: string;
    /**
     * Signed out: the hash of the session this browser's cookie named when the server ended it,
     * so that another tab's form is still kept for its person after this browser was given a new
     * session (the sign-in page's).
     */
    endedSessionHash?: string;
    oidc?: {
      state: string;
      nonce: string;
      codeVerifier: string;
      returnTo: string;
      reauthenticate: boolean;
    };
  }
  interface FastifyRequest {
    /** The signed-in person, or null. */
    actor: Actor | null;
    /**
     * Signed out, sending a form: whose session it was that has ended (and the raise draft it
     * still held), when the server still knows; else null.
     */
    endedSession: EndedSession | null;
    /** Signed in: how long until the session ends unless the person does something. */
    sessionEnds: SessionEnds | null;
  }
}

export const SESSION_COOKIE = 'accord_session';
export const IDLE_MINUTES = SESSION_IDLE_MINUTES;
export const ABSOLUTE_HOURS = 12;

/** When the session ends, in seconds from now: unless the person does something, and at the latest. */
export type SessionEnds = {
  idleSeconds: number;
  limitSeconds: number;
  idleMinutes: number;
  limitHours: number;
};

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const hashId = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');

/** @fastify/session's store interface over the sessions service, by a hash of the session id. */
function databaseStore(services: Services): SessionStore {
  return {
    get(sessionId, callback) {
      services.sessions
        .get(hashId(sessionId))
        .then((data) => callback(null, (data ?? null) as Session | null), callback);
    },
    set(sessionId, session, callback) {
      const { cookie: _cookie, ...data } = session as Session & { cookie?: unknown };
      services.sessions
        .save(hashId(sessionId), session.personId ?? null, data)
        .then(() => callback(), callback);
    },
    // Ended by the server (a limit, the page's timer, a new sign-in): the row stays, emptied,
    // naming its person. A person signing out deletes it first (forgetSession).
    destroy(sessionId, callback) {
      services.sessions.end(hashId(sessionId)).then(() => callback(), callback);
    },
  };
}

/**
 * The person signed out, choosing to leave: their session goes at once, and a form another of
 * their tabs sends afterwards keeps nothing (they were not timed out mid-form).
 */
export async function forgetSession(services: Services, request: FastifyRequest): Promise<void> {
  await services.sessions.destroy(hashId(request.session.sessionId));
  await request.session.destroy();
}

/**
 * Signed-in state for the pages: an HttpOnly, SameSite=Lax cookie (Secure in production)
 * naming a session held on the server, ended after 30 minutes idle or 12 hours in all.
 */
export const sessions = fp(
  async (app: FastifyInstance, options: { services: Services }) => {
    const { services } = options;
    const secret = services.config.sessionSecret;
    if (!secret)
      throw new Error('sessions need SESSION_SECRET (generated into DATA_DIR outside production)');
    // @fastify/session's own signer, kept here to read the id of a session that has ended.
    const signer = new fastifyCookie.Signer(secret, 'sha256');
    await app.register(fastifyCookie);
    await app.register(fastifySession, {
      secret: signer,
      cookieName: SESSION_COOKIE,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: services.config.isProduction,
        path: '/',
      },
      saveUninitialized: false,
      // Saved when it changes (at most once a minute, as the hook below keeps it), not on every
      // request: the cookie has no expiry to roll forward.
      rolling: false,
      store: databaseStore(services),
    });

    app.decorateRequest('actor', null);
    app.decorateRequest('endedSession', null);
    app.decorateRequest('sessionEnds', null);
    app.addHook('preHandler', async (request) => {
      // The API acts only as the person of its bearer token: a cookie never changes who that is.
      if (isApiUrl(request.url)) return;
      const { session } = request;
      if (!session?.personId) {
        const ended = await endedSession(request);
        if (!safeMethods.has(request.method)) request.endedSession = ended;
        return;
      }
      const now = services.clock.now();
      const since = (at: string | undefined) =>
        at ? now.since(Temporal.Instant.from(at)).total('minutes') : Number.POSITIVE_INFINITY;
      if (
        since(session.lastSeenAt) > IDLE_MINUTES ||
        since(session.signedInAt) > ABSOLUTE_HOURS * 60
      ) {
        request.endedSession = { personId: session.personId, raiseDraft: session.raiseDraft };
        await session.destroy();
        return;
      }
      const actor = await services.loadActor(session.personId);
      if (!actor) {
        await forgetSession(services, request);
        return;
      }
      request.actor = actor;
      // Keep an active session alive, writing at most once a minute.
      if (since(session.lastSeenAt) >= 1) session.lastSeenAt = isoInstant(now);
      request.sessionEnds = {
        idleSeconds: Math.floor((IDLE_MINUTES - since(session.lastSeenAt)) * 60),
        limitSeconds: Math.floor((ABSOLUTE_HOURS * 60 - since(session.signedInAt)) * 60),
        idleMinutes: IDLE_MINUTES,
        limitHours: ABSOLUTE_HOURS,
      };
    });

    /**
     * The ended session that still says whose it was: the one the browser's cookie names, else
     * the one this browser's new session remembers (it is remembered as the new one starts).
     */
    async function endedSession(request: FastifyRequest): Promise<EndedSession | null> {
      const { session } = request;
      if (!session) return null;
      const cookie = request.cookies[SESSION_COOKIE];
      const unsigned = cookie ? signer.unsign(cookie) : undefined;
      if (unsigned?.valid && unsigned.value && unsigned.value !== session.sessionId) {
        const named = hashId(unsigned.value);
        const ended = await services.keptAnswers.endedSession(named);
        if (ended) {
          session.endedSessionHash = named;
          return ended;
        }
      }
      if (!session.endedSessionHash) return null;
      return (await services.keptAnswers.endedSession(session.endedSessionHash)) ?? null;
    }
  },
  { name: 'sessions' },
);
