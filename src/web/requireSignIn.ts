import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A page for signed-in people: a form sent to it after its session ended is kept. */
    signedIn?: boolean;
    /** No form of the person's own: sent after the session ended, nothing is kept (keep-alive). */
    keepsNothing?: boolean;
  }
}

/** A preHandler for pages that need a signed-in person: everyone else goes to sign in first. */
export async function requireSignIn(request: FastifyRequest, reply: FastifyReply) {
  if (request.actor) return;
  const returnTo = request.method === 'GET' ? request.url : '/';
  return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
}

/**
 * Every route of this plugin needs a signed-in person, and says so in its config, so that a
 * form sent to it after the session ended is kept rather than refused (signedOutForms.ts).
 */
export function signedInOnly(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, signedIn: true };
  });
  app.addHook('preHandler', requireSignIn);
}
