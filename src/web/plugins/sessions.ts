import { createHash } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySession, { type SessionStore } from '@fastify/session';
import type { FastifyInstance, Session } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../../domain/access/can.ts';
import { isoInstant } from '../../domain/clock.ts';
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
  }
}

export const SESSION_COOKIE = 'accord_session';
export const IDLE_MINUTES = SESSION_IDLE_MINUTES;
export const ABSOLUTE_HOURS = 12;

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
    destroy(sessionId, callback) {
      services.sessions.destroy(hashId(sessionId)).then(() => callback(), callback);
    },
  };
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
    await app.register(fastifyCookie);
    await app.register(fastifySession, {
      secret,
      cookieName: SESSION_COOKIE,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: services.config.isProduction,
        path: '/',
      },
      saveUninitialized: false,
      store: databaseStore(services),
    });

    app.decorateRequest('actor', null);
    app.addHook('preHandler', async (request) => {
      // The API acts only as the person of its bearer token: a cookie never changes who that is.
      if (isApiUrl(request.url)) return;
      const { session } = request;
      if (!session?.personId) return;
      const now = services.clock.now();
      const since = (at: string | undefined) =>
        at ? now.since(Temporal.Instant.from(at)).total('minutes') : Number.POSITIVE_INFINITY;
      if (
        since(session.lastSeenAt) > IDLE_MINUTES ||
        since(session.signedInAt) > ABSOLUTE_HOURS * 60
      ) {
        await session.destroy();
        return;
      }
      const actor = await services.loadActor(session.personId);
      if (!actor) {
        await session.destroy();
        return;
      }
      request.actor = actor;
      // Keep an active session alive, writing at most once a minute.
      if (since(session.lastSeenAt) >= 1) session.lastSeenAt = isoInstant(now);
    });
  },
  { name: 'sessions' },
);
