import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import { requireSignIn } from '../../requireSignIn.ts';
import { teamView, waitingTables } from './waitingView.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The page counts what waits for the person itself, so the header's count is not read twice. */
    countsWaiting?: boolean;
  }
}

/**
 * The home page: for someone signed in to a partnership, what is waiting for them (and for its
 * team, the monitoring inbox and what is overdue across the partnership); for anyone else,
 * what the service is. /waiting-for-you is the same view at its own address.
 */
export async function homeRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;

  async function waitingPage(request: FastifyRequest, reply: FastifyReply) {
    const context = webContext(request);
    const items = await services.waitingFor(context);
    const tables = waitingTables(items, request.actor?.agencyId ?? null);
    request.waitingCount = tables.reduce((count, table) => count + table.rows.length, 0);
    const team = await services.partnershipTeamHome(context);
    return reply.render('home/waiting.njk', {
      pageTitle: 'Waiting for you',
      tables,
      team: team && teamView(team),
    });
  }

  app.get('/', { config: { countsWaiting: true } }, async (request, reply) => {
    if (!request.actor?.partnershipId) return reply.render('home/home.njk');
    return waitingPage(request, reply);
  });

  app.get(
    '/waiting-for-you',
    { preHandler: requireSignIn, config: { countsWaiting: true } },
    waitingPage,
  );
}
