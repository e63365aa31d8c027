import { randomUUID } from 'node:crypto';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { sendProblem } from './api/problems.ts';
import { Invalid, statusOf } from './domain/errors.ts';
import type { Logger } from './logger.ts';
import type { Services } from './services.ts';
import { loadStylesheet } from './web/assets/stylesheet.ts';
import { assets } from './web/plugins/assets.ts';
import { securityHeaders } from './web/plugins/securityHeaders.ts';
import { views } from './web/plugins/views.ts';
import { webRoutes } from './web/routes.ts';

export type AppOptions = { logger: Logger };

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

  await app.register(securityHeaders, { production: config.isProduction });
  const stylesheet = loadStylesheet();
  await app.register(views, { stylesheetHash: stylesheet.hash });
  await app.register(assets, { stylesheet });
  await app.register(webRoutes, { services });

  app.setNotFoundHandler((request, reply) => {
    if (isApiRequest(request)) {
      return sendProblem(reply, { status: 404, detail: 'There is nothing at this address.' });
    }
    return reply.code(404).render('errors/404.njk');
  });

  app.setErrorHandler((error: FastifyError, request, reply) =>
    respondToError(error, request, reply),
  );

  return app;
}

function respondToError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = statusOf(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');

  if (isApiRequest(request)) {
    return sendProblem(reply, {
      status,
      detail: status >= 500 ? 'Try again later.' : error.message,
      ...(error instanceof Invalid ? { errors: error.errors } : {}),
    });
  }
  if (status === 404) return reply.code(404).render('errors/404.njk');
  if (status >= 500) return reply.code(status).render('errors/500.njk');
  return reply.code(status).render('errors/request-problem.njk', { status });
}

function isApiRequest(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/');
}
