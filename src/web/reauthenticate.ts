import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../domain/access/can.ts';
import type { Services } from '../services.ts';
import { webContext } from './requestContext.ts';

/** How recently a person without a password must have signed in with their organisation. */
export const RECENT_SIGN_IN_MINUTES = 5;

/**
 * Re-authentication before a sensitive change (creating a token, changing roles): the
 * password given again, checked and throttled like a sign-in; or, for a person who signs in
 * only with their organisation's account, a sign-in within the last few minutes. The
 * password is throttled on the session alone, as a sign-in with a device cookie is.
 */
export async function reauthenticated(
  services: Services,
  request: FastifyRequest,
  password: string | undefined,
): Promise<boolean> {
  const actor = request.actor as Actor;
  if (await services.hasPassword(actor.personId)) {
    if (!password) return false;
    // The session, started by a sign-in, is this browser's proof as a device cookie would be:
    // so a stranger's waits on the account do not hold it, and its own failures do.
    const device = `session:${createHash('sha256').update(request.session.sessionId).digest('hex')}`;
    const result = await services.signInWithPassword(
      { email: actor.email ?? '', password, address: request.ip, device },
      webContext(request),
    );
    return result.outcome === 'signed-in';
  }
  const at = request.session.authenticatedAt;
  return (
    at !== undefined &&
    services.clock.now().since(Temporal.Instant.from(at)).total('minutes') <= RECENT_SIGN_IN_MINUTES
  );
}
