import type { FastifyReply, FastifyRequest } from 'fastify';

/** A preHandler for pages that need a signed-in person: everyone else goes to sign in first. */
export async function requireSignIn(request: FastifyRequest, reply: FastifyReply) {
  if (request.actor) return;
  const returnTo = request.method === 'GET' ? request.url : '/';
  return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
}
