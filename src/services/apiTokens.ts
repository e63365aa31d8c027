import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { type ApiToken, apiTokenRepository } from '../db/repositories/apiTokenRepository.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { type Actor, canManageTokensOf } from '../domain/access/can.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { Forbidden, Invalid, NotFound } from '../domain/errors.ts';
import { loadActor } from './loadActor.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

// API tokens: one file for their whole lifecycle, since each step is a few lines.

const PREFIX = 'accord_';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a token acting as the person; the token itself is shown once and stored only as a hash. */
export async function createApiToken(
  deps: { database: Database; clock: Clock },
  input: { personId: string; name: string },
  context: RequestContext,
): Promise<{ id: string; token: string }> {
  if (context.actor && !canManageTokensOf(context.actor, input.personId)) {
    throw new Forbidden('You can only create tokens for yourself');
  }
  const name = input.name.trim();
  if (name.length > 100) {
    throw new Invalid('The name is too long', [
      { path: 'name', message: 'Name must be 100 characters or fewer' },
    ]);
  }
  const person = await peopleRepository(deps.database.db).get(input.personId);
  if (!person?.active) throw new NotFound('There is no such person');
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (trx) => {
    await apiTokenRepository(trx).insert(
      {
        id,
        personId: person.id,
        name: name || 'API token',
        createdAt: isoInstant(now),
        lastUsedAt: null,
        revokedAt: null,
      },
      hashToken(token),
    );
    await auditRepository(trx).append(
      auditFacts(context, now, 'token.created', {
        type: 'api-token',
        id,
        partnershipId: person.partnershipId,
      }),
    );
  });
  return { id, token };
}

export async function listApiTokens(
  deps: { database: Database },
  personId: string,
  context: RequestContext,
): Promise<ApiToken[]> {
  if (!context.actor || !canManageTokensOf(context.actor, personId)) {
    throw new Forbidden('You can only see your own tokens');
  }
  return apiTokenRepository(deps.database.db).ofPerson(personId);
}

export async function revokeApiToken(
  deps: { database: Database; clock: Clock },
  tokenId: string,
  context: RequestContext,
): Promise<void> {
  const tokens = apiTokenRepository(deps.database.db);
  const token = await tokens.get(tokenId);
  if (!token || !context.actor || !canManageTokensOf(context.actor, token.personId)) {
    throw new NotFound('There is no such token');
  }
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (trx) => {
    await apiTokenRepository(trx).revoke(tokenId, isoInstant(now));
    await auditRepository(trx).append(
      auditFacts(context, now, 'token.revoked', {
        type: 'api-token',
        id: tokenId,
        partnershipId: context.actor?.partnershipId ?? null,
      }),
    );
  });
}

/** The person a bearer token acts as, with exactly their rights; null for a bad or revoked token. */
export async function authenticateApiToken(
  deps: { database: Database; clock: Clock },
  token: string,
): Promise<Actor | null> {
  if (!token.startsWith(PREFIX)) return null;
  const tokens = apiTokenRepository(deps.database.db);
  const found = await tokens.findActiveByHash(hashToken(token));
  if (!found) return null;
  const actor = await loadActor(deps.database, found.personId);
  // When it was last used, to the minute the account page shows: not a write on every request.
  const now = deps.clock.now();
  const usedSince = (at: string) => now.since(Temporal.Instant.from(at)).total('minutes');
  if (actor && (!found.lastUsedAt || usedSince(found.lastUsedAt) >= 1)) {
    await tokens.touch(found.id, isoInstant(now));
  }
  return actor;
}
