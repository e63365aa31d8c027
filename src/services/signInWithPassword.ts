import { createHash } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { accountRepository } from '../db/repositories/accountRepository.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { SignInThrottlesTable } from '../db/schema.ts';
import { hashForUnknownAccounts, verifyPassword } from '../domain/accounts/passwordHash.ts';
import {
  afterFailure,
  QUIET_MINUTES,
  type ThrottlePolicy,
  type ThrottleState,
  throttlePolicies,
  waitingUntil,
} from '../domain/accounts/signInThrottle.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { normaliseEmail } from '../domain/directory/directory.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

/** How long a throttle with no wait in force is kept (purgeExpiredSessions forgets it after). */
export const FAILURE_WINDOW_MINUTES = QUIET_MINUTES;

export type SignInResult =
  | { outcome: 'signed-in'; personId: string }
  | { outcome: 'refused' }
  /** Too many failures: no password is tried until then, the right one included. */
  | { outcome: 'wait'; until: Temporal.Instant };

type Throttle = { key: string; policy: ThrottlePolicy; state: ThrottleState | undefined };

/**
 * Checks an e-mail address and password, from the address the request came from. The answer,
 * and the time it takes, are the same whether or not the account exists. Failures make later
 * tries wait, longer with each (signInThrottle.ts); while a wait is in force no password is
 * tried, so guessing gains nothing, and a wait never counts as a failure. Signing in clears
 * the account's throttles, never the address's (else a guesser could clear it with an
 * account of their own).
 */
export async function signInWithPassword(
  deps: { database: Database; clock: Clock },
  input: { email: string; password: string; address: string },
  context: RequestContext,
): Promise<SignInResult> {
  const { db } = deps.database;
  const accounts = accountRepository(db);
  const now = deps.clock.now();
  const email = normaliseEmail(input.email);
  const throttles: Throttle[] = await Promise.all(
    [
      { key: keyOf(`sign-in:${email}`), policy: throttlePolicies.account },
      {
        key: keyOf(`sign-in:${email}\n${input.address}`),
        policy: throttlePolicies.accountFromAddress,
      },
      { key: keyOf(`sign-in-from:${input.address}`), policy: throttlePolicies.address },
    ].map(async (throttle) => ({
      ...throttle,
      state: stateOf(await accounts.throttle(throttle.key)),
    })),
  );

  const waits = throttles.flatMap(({ state }) => waitingUntil(state, now) ?? []);
  if (waits.length > 0) {
    await verifyPassword(input.password, await hashForUnknownAccounts());
    return { outcome: 'wait', until: waits.reduce(latest) };
  }

  const person = await peopleRepository(db).findByEmail(input.email);
  const hash = person?.active ? await accounts.passwordHash(person.id) : undefined;
  const matches = await verifyPassword(input.password, hash ?? (await hashForUnknownAccounts()));

  return deps.database.db.transaction().execute(async (trx) => {
    const accountsInTrx = accountRepository(trx);
    const audit = auditRepository(trx);
    if (matches && hash && person) {
      const [account, accountFromAddress] = throttles;
      for (const throttle of [account, accountFromAddress]) {
        if (throttle?.state) await accountsInTrx.clearThrottle(throttle.key);
      }
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
    // Read again, locked: attempts checked at the same moment must each count.
    const after: { key: string; state: ThrottleState }[] = [];
    for (const { key, policy } of throttles) {
      const current = stateOf(await accountsInTrx.throttleToChange(key));
      after.push({ key, state: afterFailure(current, now, policy) });
    }
    for (const { key, state } of after) await accountsInTrx.saveThrottle(rowOf(key, state));
    await audit.append(
      auditFacts(context, now, 'sign-in.failed', {
        type: 'person',
        id: person?.id ?? null,
        partnershipId: person?.partnershipId ?? null,
      }),
    );
    const waitsNow = after.flatMap(({ state }) => state.waitUntil ?? []);
    return waitsNow.length > 0
      ? { outcome: 'wait', until: waitsNow.reduce(latest) }
      : { outcome: 'refused' };
  });
}

function keyOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function latest(a: Temporal.Instant, b: Temporal.Instant): Temporal.Instant {
  return Temporal.Instant.compare(a, b) >= 0 ? a : b;
}

function stateOf(row: SignInThrottlesTable | undefined): ThrottleState | undefined {
  if (!row) return undefined;
  return {
    failures: row.failures,
    firstFailureAt: Temporal.Instant.from(row.first_failure_at),
    waitUntil: row.locked_until ? Temporal.Instant.from(row.locked_until) : null,
  };
}

function rowOf(key: string, state: ThrottleState): SignInThrottlesTable {
  return {
    key,
    failures: state.failures,
    first_failure_at: isoInstant(state.firstFailureAt),
    locked_until: state.waitUntil ? isoInstant(state.waitUntil) : null,
  };
}
