/**
 * A seeded source of chance (mulberry32), so the same seed makes the same history: the demo's
 * past is the same on every machine, and a generated database can be made again.
 */
export type Random = {
  /** A number in [0, 1). */
  next(): number;
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T;
};

/**
 * Ids in the order they are made (RFC 9562 version 7: the time, then chance), so a batch of
 * generated cases is added at the end of each index rather than all through it.
 */
export function orderedIds(random: Random, start: Temporal.Instant) {
  let millis = start.epochMilliseconds;
  return (): string => {
    millis += 1;
    const hex = millis.toString(16).padStart(12, '0');
    const rand = Array.from({ length: 20 }, () => Math.floor(random.next() * 16).toString(16)).join(
      '',
    );
    const variant = ((Number.parseInt(rand.charAt(3), 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${rand.slice(0, 3)}-${variant}${rand.slice(4, 7)}-${rand.slice(8, 20)}`;
  };
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('nothing to pick from');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    chance: (p) => next() < p,
    weighted: (choices) => {
      const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
      let at = next() * total;
      for (const [value, weight] of choices) {
        at -= weight;
        if (at < 0) return value;
      }
      return (choices.at(-1) as readonly [(typeof choices)[number][0], number])[0];
    },
  };
  return random;
}
