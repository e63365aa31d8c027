/** The one source of "now": injected everywhere so that tests can fix time. */
export type Clock = { now(): Temporal.Instant };

export const systemClock: Clock = { now: () => Temporal.Now.instant() };

export function fixedClock(at: Temporal.Instant | string): Clock & { set(at: string): void } {
  let current = typeof at === 'string' ? Temporal.Instant.from(at) : at;
  return {
    now: () => current,
    set(next: string) {
      current = Temporal.Instant.from(next);
    },
  };
}

/** How instants are stored and hashed: ISO 8601 in UTC with milliseconds. */
export function isoInstant(instant: Temporal.Instant): string {
  return instant.toString({ smallestUnit: 'millisecond' });
}
