import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { directoryRoutes } from './directory/directoryRoutes.ts';
import { disagreementRoutes } from './disagreements/disagreementRoutes.ts';
import { openApiDocument } from './openApi.ts';
import { bearerAuth } from './plugins/bearerAuth.ts';
import { reportRoutes } from './reports/reportRoutes.ts';

/** API v1 (api.md), under /api/v1: bearer tokens only, JSON in and out. */
export async function apiRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  // The contract itself holds no data: anyone may read it.
  const document = openApiDocument(services.config.baseUrl);
  await app.register(async (open) => {
    open.get('/openapi.json', async () => document);
  });
  await app.register(async (secured) => {
    bearerAuth(secured, services);
    await secured.register(directoryRoutes, { services });
    await secured.register(disagreementRoutes, { services });
    await secured.register(reportRoutes, { services });
  });
}
