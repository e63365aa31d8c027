import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every state-changing form carries a token tied to the session (@fastify/csrf-protection). */
export const csrf = fp(
  async (app: FastifyInstance) => {
    await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
    app.addHook('preHandler', (request, reply, done) => {
      if (safeMethods.has(request.method)) return done();
      app.csrfProtection(request, reply, done);
    });
  },
  { name: 'csrf', dependencies: ['sessions'] },
);
