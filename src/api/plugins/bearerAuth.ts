import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { sendProblem } from '../problems.ts';

/** Every API request carries `Authorization: Bearer TOKEN`; the token acts as its person. */
export function bearerAuth(app: FastifyInstance, services: Services): void {
  app.addHook('onRequest', async (request, reply) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const actor = match?.[1] ? await services.authenticateApiToken(match[1]) : null;
    if (!actor) {
      reply.header('www-authenticate', 'Bearer realm="accord"');
      return sendProblem(reply, {
        status: 401,
        detail: 'Send a valid API token: Authorization: Bearer TOKEN.',
      });
    }
    request.actor = actor;
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
}
