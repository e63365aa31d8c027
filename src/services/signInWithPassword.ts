import { createHash } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { accountRepository } from '../db/repositories/accountRepository.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { hashForUnknownAccounts, verifyPassword } from '../domain/accounts/passwordHash.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { normaliseEmail } from '../domain/directory/directory.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MINUTES = 15;
export const LOCK_MINUTES = 15;

export type SignInResult =
  | { outcome: 'signed-in'; personId: string }
  | { outcome: 'refused' }
  | { outcome: 'locked'; until: Temporal.Instant };

/**
 * Checks an e-mail address and password. The answer, and the time it takes, are the same
 * whether or not the account exists; repeated failures lock the address for a while,
 * whether or not the account exists.
 */
export async function signInWithPassword(
  deps: { database: Database; clock: Clock },
  input: { email: string; password: string },
  context: RequestContext,
): Promise<SignInResult> {
  const { db } = deps.database;
  const accounts = accountRepository(db);
  const now = deps.clock.now();
  const key = createHash('sha256')
    .update(`sign-in:${normaliseEmail(input.email)}`)
    .digest('hex');

  const throttle = await accounts.throttle(key);
  if (
    throttle?.locked_until &&
    Temporal.Instant.compare(Temporal.Instant.from(throttle.locked_until), now) > 0
  ) {
    await verifyPassword(input.password, await hashForUnknownAccounts());
    return { outcome: 'locked', until: Temporal.Instant.from(throttle.locked_until) };
  }

  const person = await peopleRepository(db).findByEmail(input.email);
  const hash = person?.active ? await accounts.passwordHash(person.id) : undefined;
  const matches = await verifyPassword(input.password, hash ?? (await hashForUnknownAccounts()));

  return deps.database.db.transaction().execute(async (trx) => {
    const accountsInTrx = accountRepository(trx);
    const audit = auditRepository(trx);
    if (matches && hash && person) {
      await accountsInTrx.clearThrottle(key);
      // The person who has just proved who they are is the one acting.
      await audit.append({
        ...auditFacts(context, now, 'sign-in.succeeded', {
          type: 'person',
          id: person.id,
          partnershipId: person.partnershipId,
        }),
        actorId: person.id,
      });
      return { outcome: 'signed-in', personId: person.id };
    }
    const windowStart = now.subtract({ minutes: FAILURE_WINDOW_MINUTES });
    const inWindow =
      throttle &&
      Temporal.Instant.compare(Temporal.Instant.from(throttle.first_failure_at), windowStart) > 0;
    const failures = inWindow ? throttle.failures + 1 : 1;
    const lockedUntil = failures >= MAX_FAILURES ? now.add({ minutes: LOCK_MINUTES }) : null;
    await accountsInTrx.saveThrottle({
      key,
      failures,
      first_failure_at: inWindow ? throttle.first_failure_at : isoInstant(now),
      locked_until: lockedUntil ? isoInstant(lockedUntil) : null,
    });
    await audit.append(
      auditFacts(context, now, 'sign-in.failed', {
        type: 'person',
        id: person?.id ?? null,
        partnershipId: person?.partnershipId ?? null,
      }),
    );
    return lockedUntil ? { outcome: 'locked', until: lockedUntil } : { outcome: 'refused' };
  });
}
