import type { FastifyInstance } from 'fastify';
import { isoInstant } from '../../../domain/clock.ts';
import type { Services } from '../../../services.ts';
import { signedInOnly } from '../../requireSignIn.ts';

/** "Stay signed in" from the warning before the session ends (sessionTimeout.js). */
export async function sessionRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  signedInOnly(app);
  // The idle time starts again; the 12-hour limit, counted from signing in, does not move.
  // Sent by the page's script after the session ended, it has nothing typed to keep.
  app.post('/session/keep-alive', { config: { keepsNothing: true } }, async (request, reply) => {
    request.session.lastSeenAt = isoInstant(services.clock.now());
    return reply.code(204).send();
  });
}
