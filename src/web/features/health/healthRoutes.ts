import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';

/** For load balancers and monitoring: 200 while the database answers, 503 when it does not. */
export async function healthRoutes(app: FastifyInstance, options: { services: Services }) {
  app.get('/health', { logLevel: 'warn' }, async (_request, reply) => {
    const databaseReachable = await options.services.checkHealth();
    return reply
      .code(databaseReachable ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: databaseReachable ? 'ok' : 'unavailable', database: databaseReachable });
  });
}
