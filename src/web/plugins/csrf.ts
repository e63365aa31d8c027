import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isApiUrl } from '../isApiUrl.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every state-changing form carries a token tied to the session (@fastify/csrf-protection). */
export const csrf = fp(
  async (app: FastifyInstance) => {
    await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
    app.addHook('preHandler', (request, reply, done) => {
      // The API authenticates by bearer token only, never by cookie, so a forged cross-site
      // request carries no credentials there.
      if (safeMethods.has(request.method) || isApiUrl(request.url)) return done();
      app.csrfProtection(request, reply, done);
    });
  },
  { name: 'csrf', dependencies: ['sessions'] },
);
