import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { healthRoutes } from './features/health/healthRoutes.ts';
import { homeRoutes } from './features/home/homeRoutes.ts';

/** The site map: every page route of the service, registered in one place. */
export async function webRoutes(app: FastifyInstance, options: { services: Services }) {
  await app.register(homeRoutes); // GET /
  await app.register(healthRoutes, { services: options.services }); // GET /health
}
