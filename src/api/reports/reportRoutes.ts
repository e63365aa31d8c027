import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { parseInput } from '../../services/parseInput.ts';
import type { Services } from '../../services.ts';
import { apiContext } from '../requestContext.ts';
import { summaryQuery, type summarySchema } from './reportSchemas.ts';

/** The partnership's figures (api.md, "Reports"): its partnership team's only. */
export async function reportRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  app.get('/reports/summary', async (request): Promise<z.infer<typeof summarySchema>> => {
    const query = parseInput(summaryQuery, request.query, 'query');
    return services.reportSummary(query, apiContext(request));
  });
}
