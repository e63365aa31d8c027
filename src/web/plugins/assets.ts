import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import {
  accessibleAutocompleteDist,
  govukFrontendDist,
  type Stylesheet,
} from '../assets/stylesheet.ts';

const publicDir = path.resolve(import.meta.dirname, '../assets/public');
const govukScriptDir = path.join(govukFrontendDist, 'govuk');

/**
 * Serves /assets: the compiled stylesheet, GOV.UK Frontend's and accessible-autocomplete's
 * scripts and our own files. Browsers revalidate with the ETag, so a deployment is seen at once.
 */
export async function assets(
  app: FastifyInstance,
  options: { stylesheet: Stylesheet },
): Promise<void> {
  const { css, hash } = options.stylesheet;
  const etag = `"${hash}"`;

  app.get('/assets/accord.css', async (request, reply) => {
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(css);
  });

  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: '/assets/',
    index: false,
    cacheControl: true,
    maxAge: 0,
  });

  app.get('/assets/govuk-frontend.min.js', async (_request, reply) =>
    reply.sendFile('govuk-frontend.min.js', govukScriptDir),
  );
  app.get('/assets/accessible-autocomplete.min.js', async (_request, reply) =>
    reply.sendFile('accessible-autocomplete.min.js', accessibleAutocompleteDist),
  );
}
