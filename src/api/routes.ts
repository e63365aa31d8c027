import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { directoryRoutes } from './directory/directoryRoutes.ts';
import { bearerAuth } from './plugins/bearerAuth.ts';

/** API v1 (api.md), under /api/v1: bearer tokens only, JSON in and out. */
export async function apiRoutes(app: FastifyInstance, options: { services: Services }) {
  bearerAuth(app, options.services);
  await app.register(directoryRoutes, { services: options.services });
}
