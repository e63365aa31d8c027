import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Services } from '../../services.ts';
import { isApiUrl } from '../isApiUrl.ts';
import { keepAndSignIn, timedOutBy } from '../signedOutForms.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every state-changing form carries a token tied to the session (@fastify/csrf-protection). */
export const csrf = fp(
  async (app: FastifyInstance, options: { services: Services }) => {
    await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
    app.addHook('preHandler', (request, reply, done) => {
      // The API authenticates by bearer token only, never by cookie, so a forged cross-site
      // request carries no credentials there.
      if (safeMethods.has(request.method) || isApiUrl(request.url)) return done();
      // A signed-in page's form sent after the session ended has no token that can match: its
      // answers are kept and the person signs in again, rather than being refused.
      const timedOut = timedOutBy(request);
      if (request.routeOptions.config.signedIn && (!request.actor || timedOut)) {
        const keep = () => {
          keepAndSignIn(options.services, request, reply, timedOut).catch(done);
        };
        // A live session is ended by its page's timer only with its own token.
        if (request.actor) return app.csrfProtection(request, reply, keep);
        return keep();
      }
      app.csrfProtection(request, reply, done);
    });
  },
  { name: 'csrf', dependencies: ['sessions'] },
);
