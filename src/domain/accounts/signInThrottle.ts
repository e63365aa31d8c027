/**
 * Throttling of password sign-in (OWASP's advice against account lock-out): failures are
 * counted per account, per address and per account from one address, and past a number of
 * free tries each further try must wait, the wait doubling with each failure up to a cap.
 * Nothing is ever locked: the longest wait anyone else can put on an account is short,
 * while whoever guesses from one address soon waits a quarter of an hour between guesses.
 */
export type ThrottlePolicy = {
  /** Failures allowed before any wait. */
  freeFailures: number;
  firstWaitSeconds: number;
  longestWaitSeconds: number;
};

export const throttlePolicies = {
  /** One account from one address: a guesser, or the owner mistyping. */
  accountFromAddress: { freeFailures: 5, firstWaitSeconds: 30, longestWaitSeconds: 15 * 60 },
  /** One account from anywhere: short, so a stranger can slow the owner but not shut them out. */
  account: { freeFailures: 10, firstWaitSeconds: 30, longestWaitSeconds: 60 },
  /** One address, any accounts: generous, since a whole office may share one. */
  address: { freeFailures: 20, firstWaitSeconds: 30, longestWaitSeconds: 15 * 60 },
  /**
   * One account from a browser holding its device cookie (deviceCookie.ts): the only throttle
   * such a try meets, so a stolen cookie still soon waits a quarter of an hour between guesses.
   */
  device: { freeFailures: 5, firstWaitSeconds: 30, longestWaitSeconds: 15 * 60 },
} as const satisfies Record<string, ThrottlePolicy>;

/** A throttle is forgotten after this long without a failure or a wait. */
export const QUIET_MINUTES = 15;

export type ThrottleState = {
  failures: number;
  firstFailureAt: Temporal.Instant;
  /** When the wait after the last failure ends; null while failures are still free. */
  waitUntil: Temporal.Instant | null;
};

/** How long to wait after the given number of failures. */
export function waitAfter(failures: number, policy: ThrottlePolicy): Temporal.Duration | null {
  if (failures < policy.freeFailures) return null;
  const doublings = Math.min(failures - policy.freeFailures, 30);
  const seconds = Math.min(policy.firstWaitSeconds * 2 ** doublings, policy.longestWaitSeconds);
  return Temporal.Duration.from({ seconds });
}

/** Whether a throttle still counts at `now`, or has been quiet long enough to be forgotten. */
export function stillCounts(state: ThrottleState, now: Temporal.Instant): boolean {
  const quietSince = now.subtract({ minutes: QUIET_MINUTES });
  const latest =
    state.waitUntil && Temporal.Instant.compare(state.waitUntil, state.firstFailureAt) > 0
      ? state.waitUntil
      : state.firstFailureAt;
  return Temporal.Instant.compare(latest, quietSince) > 0;
}

/** The throttle after one more failure at `now`. */
export function afterFailure(
  state: ThrottleState | undefined,
  now: Temporal.Instant,
  policy: ThrottlePolicy,
): ThrottleState {
  const counting = state && stillCounts(state, now) ? state : undefined;
  const failures = (counting?.failures ?? 0) + 1;
  const wait = waitAfter(failures, policy);
  return {
    failures,
    firstFailureAt: counting?.firstFailureAt ?? now,
    waitUntil: wait ? now.add(wait) : null,
  };
}

/**
 * The throttle once a try counted as a failure turns out to have succeeded: one failure
 * fewer, and no wait if that leaves the failures free; undefined if none are left.
 */
export function forgiveFailure(
  state: ThrottleState | undefined,
  policy: ThrottlePolicy,
): ThrottleState | undefined {
  if (!state || state.failures <= 1) return undefined;
  const failures = state.failures - 1;
  return { ...state, failures, waitUntil: failures < policy.freeFailures ? null : state.waitUntil };
}

/** The end of the wait in force at `now`, if there is one. */
export function waitingUntil(
  state: ThrottleState | undefined,
  now: Temporal.Instant,
): Temporal.Instant | undefined {
  if (!state?.waitUntil) return undefined;
  return Temporal.Instant.compare(state.waitUntil, now) > 0 ? state.waitUntil : undefined;
}
