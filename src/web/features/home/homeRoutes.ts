import type { FastifyInstance } from 'fastify';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (_request, reply) => reply.render('home/home.njk'));
}
