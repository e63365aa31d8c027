import { createHash } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { accountAdminRepository } from '../db/repositories/accountAdminRepository.ts';
import { accountRepository } from '../db/repositories/accountRepository.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { SignInThrottlesTable } from '../db/schema.ts';
import { hashForUnknownAccounts, verifyPassword } from '../domain/accounts/passwordHash.ts';
import {
  afterFailure,
  forgiveFailure,
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

type Throttle = { key: string; policy: ThrottlePolicy };

/**
 * Checks an e-mail address and password, from the address the request came from. The answer,
 * and the time it takes, are the same whether or not the account exists. Failures make later
 * tries wait, longer with each (signInThrottle.ts); while a wait is in force no password is
 * tried, so guessing gains nothing, and a wait never counts as a failure.
 *
 * Each try is counted as a failure before its password is checked, in a transaction that
 * holds the throttles (locked on PostgreSQL), so guesses sent at the same moment cannot all
 * be checked before any is counted; a try that succeeds is then forgiven. Signing in clears
 * the account's throttles but only forgives its own try on the address's (else a guesser
 * could clear that with an account of their own).
 *
 * A try bringing the account's device cookie meets only that device's throttle, and signing
 * in with one clears only that.
 */
export async function signInWithPassword(
  deps: { database: Database; clock: Clock },
  input: {
    email: string;
    password: string;
    address: string;
    /** The id of a device cookie already checked to be this account's (deviceCookie.ts). */
    device?: string | undefined;
  },
  context: RequestContext,
): Promise<SignInResult> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const email = normaliseEmail(input.email);
  const account: Throttle = { key: keyOf(`sign-in:${email}`), policy: throttlePolicies.account };
  const accountFromAddress: Throttle = {
    key: keyOf(`sign-in:${email}\n${input.address}`),
    policy: throttlePolicies.accountFromAddress,
  };
  const address: Throttle = {
    key: keyOf(`sign-in-from:${input.address}`),
    policy: throttlePolicies.address,
  };
  const device: Throttle | undefined = input.device
    ? { key: keyOf(`sign-in-device:${email}\n${input.device}`), policy: throttlePolicies.device }
    : undefined;
  // A browser the owner signed in with is held only by its own throttle: that way no stranger,
  // from however many addresses, can make the owner wait (OWASP's device cookies).
  const throttles = device ? [device] : [account, accountFromAddress, address];

  const counted = await db.transaction().execute(async (trx) => {
    const accounts = accountRepository(trx);
    const states: (ThrottleState | undefined)[] = [];
    // Always in this order, so that two tries never wait on each other's locks.
    for (const { key } of throttles) states.push(stateOf(await accounts.throttleToChange(key)));
    const waits = states.flatMap((state) => waitingUntil(state, now) ?? []);
    const waitUntil = waits.reduce<Temporal.Instant | undefined>(
      (end, wait) => (end ? latest(end, wait) : wait),
      undefined,
    );
    if (waitUntil) return { waitUntil };
    const after = throttles.map(({ key, policy }, i) => ({
      key,
      state: afterFailure(states[i], now, policy),
    }));
    for (const { key, state } of after) await accounts.saveThrottle(rowOf(key, state));
    return { after: after.map(({ state }) => state) };
  });
  if (counted.waitUntil) {
    await verifyPassword(input.password, await hashForUnknownAccounts());
    return { outcome: 'wait', until: counted.waitUntil };
  }

  const person = await peopleRepository(db).findByEmail(input.email);
  const hash = person?.active ? await accountRepository(db).passwordHash(person.id) : undefined;
  const matches = await verifyPassword(input.password, hash ?? (await hashForUnknownAccounts()));

  return db.transaction().execute(async (trx) => {
    const accounts = accountRepository(trx);
    const audit = auditRepository(trx);
    if (matches && hash && person && device) {
      // Only the device's own: the account's other throttles are a guesser's to work off.
      await accounts.clearThrottle(device.key);
    } else if (matches && hash && person) {
      await accounts.clearThrottle(account.key);
      await accounts.clearThrottle(accountFromAddress.key);
      const forgiven = forgiveFailure(
        stateOf(await accounts.throttleToChange(address.key)),
        address.policy,
      );
      if (forgiven) await accounts.saveThrottle(rowOf(address.key, forgiven));
      else await accounts.clearThrottle(address.key);
    }
    if (matches && hash && person) {
      await accountAdminRepository(trx).recordSignIn(person.id, isoInstant(now));
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
    await audit.append(
      auditFacts(context, now, 'sign-in.failed', {
        type: 'person',
        id: person?.id ?? null,
        partnershipId: person?.partnershipId ?? null,
      }),
    );
    const waitsNow = counted.after.flatMap((state) => state.waitUntil ?? []);
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
