/** How the protocol generator chooses: a seeded generator over pools fast-check draws. */

export type Data = Record<string, unknown>;

/**
 * The draws one protocol is built from: fast-check draws the seed of its choices of structure,
 * and the pools of text, ids and stage numbers it takes from (which shrink on a failure).
 */
export class Choices {
  #state: number;
  #texts: readonly string[];
  constructor(seed: number, texts: readonly string[]) {
    this.#state = seed >>> 0;
    this.#texts = texts;
  }
  /** mulberry32: a small, well-mixed generator, enough for choosing a shape. */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  text(): string {
    return this.#texts[this.int(0, this.#texts.length - 1)] ?? 'x';
  }
}
export type G = Choices;

export const text = (g: G) => g.text();
/** A text of one line: the same texts with their line breaks made spaces. */
export const lineText = (g: G) =>
  g
    .text()
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .trim() || 'x';
export const bool = (g: G) => g.next() < 0.5;
export const int = (g: G, min: number, max: number) => g.int(min, max);
export const pick = <T>(g: G, items: readonly T[]): T => items[g.int(0, items.length - 1)] as T;
export function maybe<T>(g: G, make: () => T): T | undefined {
  return bool(g) ? make() : undefined;
}
/** Some of the items, between minLength and maxLength of them, in a random order. */
export function someOf<T>(g: G, items: readonly T[], minLength = 0, maxLength = items.length): T[] {
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = g.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
  }
  const most = Math.min(maxLength, items.length);
  return shuffled.slice(0, g.int(Math.min(minLength, most), most));
}
/** Some of the items, in their order. */
export function inOrder<T>(g: G, items: readonly T[], minLength: number): T[] {
  const chosen = new Set(someOf(g, items, minLength));
  return items.filter((item) => chosen.has(item));
}
export const times = <T>(count: number, make: (index: number) => T) =>
  Array.from({ length: count }, (_, index) => make(index));

/** Sets each field that is not undefined; a value equal to the schema's default only sometimes. */
export function fields(g: G, entries: [string, unknown, unknown?][]): Data {
  const data: Data = {};
  for (const [key, value, defaultValue] of entries) {
    if (value === undefined) continue;
    if (defaultValue !== undefined && JSON.stringify(value) === JSON.stringify(defaultValue)) {
      if (bool(g)) data[key] = value;
    } else {
      data[key] = value;
    }
  }
  return data;
}

/** Splits items into `count` non-empty groups, in order (count at most items.length). */
export function groupsOf<T>(g: G, items: readonly T[], count: number): T[][] {
  const cuts = someOf(
    g,
    times(items.length - 1, (i) => i + 1),
    count - 1,
    count - 1,
  ).sort((a, b) => a - b);
  return [0, ...cuts].map((start, i) => items.slice(start, [...cuts, items.length][i]));
}
