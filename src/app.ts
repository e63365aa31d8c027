import { randomUUID } from 'node:crypto';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { sendProblem } from './api/problems.ts';
import { apiRoutes } from './api/routes.ts';
import { Invalid, NotAllowedNow, NotFound, statusOf } from './domain/errors.ts';
import { BROKEN_CHARACTERS } from './domain/safeText.ts';
import type { Logger } from './logger.ts';
import { BUSY_RETRY_AFTER_SECONDS, databaseBusy } from './services/databaseBusy.ts';
import type { Services } from './services.ts';
import { loadStylesheet } from './web/assets/stylesheet.ts';
import { isApiUrl } from './web/isApiUrl.ts';
import { assets } from './web/plugins/assets.ts';
import { csrf } from './web/plugins/csrf.ts';
import { limitJsonNesting } from './web/plugins/jsonNesting.ts';
import { keptAnswers } from './web/plugins/keptAnswers.ts';
import { securityHeaders } from './web/plugins/securityHeaders.ts';
import { sessions } from './web/plugins/sessions.ts';
import { views } from './web/plugins/views.ts';
import { webRoutes } from './web/routes.ts';
import { answerStaleForm, isStaleForm } from './web/staleForms.ts';

export type AppOptions = { logger: Logger };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered, for the authorisation matrix and the API description. */
    routeTable: { method: string; url: string }[];
  }
}

/** The whole HTTP service, ready for `listen` or `inject`; it never listens itself. */
export async function buildApp(services: Services, options: AppOptions): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    // pino's Logger is Fastify's logger; the cast only widens the instance's type parameter.
    loggerInstance: options.logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    return503OnClosing: true,
  });

  // The id each audit entry of the request carries: a caller (or the crash drill) can find
  // the entries its responses were audited by, and a person can quote it, as error pages do.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.decorate('routeTable', []);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeTable.push({ method, url: route.url });
    }
  });

  // Before any routes: child plugins take the error handler in force when they are registered.
  app.setErrorHandler((error: FastifyError, request, reply) =>
    isStaleForm(error, request)
      ? answerStaleForm(services, request, reply)
      : respondToError(error, request, reply),
  );

  limitJsonNesting(app);

  // PostgreSQL cannot store NUL or a lone surrogate in text, and no person types one: refuse
  // them everywhere at once, naming where (a form's fields refuse the rest of safeText's list).
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of Object.entries({
      params: request.params,
      query: request.query,
      body: request.body,
    })) {
      const found = unstorableText(value, part === 'body' ? [] : [part]);
      if (found) {
        throw new Invalid(`The request contains a character that is not allowed (${found.what})`, [
          { path: found.path.join('.') || part, message: found.message },
        ]);
      }
    }
  });

  await app.register(securityHeaders, { production: config.isProduction });
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(sessions, { services });
  await app.register(csrf, { services });
  await app.register(keptAnswers, { services });
  const stylesheet = loadStylesheet();
  await app.register(views, { stylesheetHash: stylesheet.hash, demoMode: config.demoMode });
  await app.register(assets, { stylesheet });
  await app.register(webRoutes, { services });
  await app.register(apiRoutes, { services, prefix: '/api/v1' });

  app.setNotFoundHandler((request, reply) => {
    if (isApiUrl(request.url)) {
      return sendProblem(reply, { status: 404, detail: 'There is nothing at this address.' });
    }
    return reply.code(404).render('errors/404.njk');
  });

  return app;
}

function respondToError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const busy = databaseBusy(error);
  const status = busy ? 503 : statusOf(error);
  if (busy) {
    request.log.warn({ err: error }, 'the database is busy: asked to try again');
    reply.header('retry-after', String(BUSY_RETRY_AFTER_SECONDS));
  } else if (status >= 500) request.log.error({ err: error }, 'request failed');

  if (isApiUrl(request.url)) {
    return sendProblem(reply, {
      status,
      detail: status >= 500 ? 'Try again later.' : error.message,
      ...(error instanceof Invalid ? { errors: error.errors } : {}),
      // A rule of the case's state that is about one field names it, as a 400 does.
      ...(error instanceof NotAllowedNow && error.field
        ? { errors: [{ path: error.field, message: error.message }] }
        : {}),
      code: error instanceof NotFound || error instanceof NotAllowedNow ? error.code : undefined,
    });
  }
  if (status === 404) return reply.code(404).render('errors/404.njk');
  if (status === 403) return reply.code(403).render('errors/403.njk');
  if (status >= 500) return reply.code(status).render('errors/500.njk');
  return reply.code(status).render('errors/request-problem.njk', { status });
}

type Unstorable = { path: string[]; what: string; message: string };

/**
 * The first string (or key) that cannot be stored, with where it is. Walked with a list, not by
 * recursion: however deep a value nests, it cannot overflow the stack.
 */
function unstorableText(value: unknown, path: string[]): Unstorable | null {
  // Each item keeps its parent and key, and a path is made only for what is found.
  type Item = { value: unknown; key: string | null; parent: Item | null };
  const pathOf = (item: Item | null): string[] => {
    const keys: string[] = [];
    for (let at = item; at; at = at.parent) if (at.key !== null) keys.unshift(at.key);
    return [...path, ...keys];
  };
  const problemOf = (text: string, item: Item): Unstorable | null =>
    text.includes('\u0000')
      ? { path: pathOf(item), what: 'NUL', message: 'must not contain the NUL character' }
      : !text.isWellFormed()
        ? { path: pathOf(item), what: 'a lone surrogate', message: BROKEN_CHARACTERS }
        : null;
  const waiting: Item[] = [{ value, key: null, parent: null }];
  for (let next = 0; next < waiting.length; next++) {
    const item = waiting[next] as Item;
    if (typeof item.value === 'string') {
      const found = problemOf(item.value, item);
      if (found) return found;
    } else if (item.value && typeof item.value === 'object') {
      for (const [key, entry] of Object.entries(item.value)) {
        const found = problemOf(key, item);
        if (found) return found;
        waiting.push({ value: entry, key, parent: item });
      }
    }
  }
  return null;
}
