import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../services/requestContext.ts';

/** Who asks, through a page: the signed-in person of the session. */
export function webContext(request: FastifyRequest): RequestContext {
  return { actor: request.actor, via: 'web', requestId: request.id };
}
