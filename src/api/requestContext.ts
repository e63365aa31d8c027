import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../services/requestContext.ts';

/** Who asks, through the API: the person the bearer token acts as. */
export function apiContext(request: FastifyRequest): RequestContext {
  return { actor: request.actor, via: 'api', requestId: request.id };
}
