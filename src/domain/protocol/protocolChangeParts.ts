import { stringify } from 'yaml';
import { listInWords } from '../calendar/formatting.ts';

/** One difference between two versions of a protocol, as a sentence; long texts beside it. */
export type ProtocolChange = {
  text: string;
  /** The old and new text, when the sentence cannot hold them (guidance, a long prompt). */
  was?: string;
  now?: string;
};

const SHORT = 80;

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A value as a reader sees it: text as it is, anything else as the YAML the file would hold. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return '(nothing)';
  if (typeof value === 'string') return value;
  return stringify(value).trimEnd();
}

/**
 * "X changed from 'a' to 'b'" for short one-line texts; "X changed", the old and new texts
 * beside it, for the rest. Nothing when they are the same.
 */
export function textChange(
  what: string,
  was: string | undefined,
  now: string | undefined,
  options: { long?: boolean } = {},
): ProtocolChange[] {
  if (was === now) return [];
  if (was === undefined) return [{ text: `${what} added`, now: now ?? '' }];
  if (now === undefined) return [{ text: `${what} removed`, was }];
  const short = (text: string) => text.length <= SHORT && !text.includes('\n');
  if (!options.long && short(was) && short(now))
    return [{ text: `${what} changed from '${was}' to '${now}'` }];
  return [{ text: `${what} changed`, was, now }];
}

/** "from 3 working days to 5 working days", said of something already in words. */
export function wordsChange(what: string, was: string, now: string): ProtocolChange[] {
  return was === now ? [] : [{ text: `${what} changed from ${was} to ${now}` }];
}

/** camelCase field names as words: "tellOtherAgencyFirst" → "tell other agency first". */
export function humanise(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Every field of two versions of one part that the caller does not word itself, said
 * generically ("delay of the protocol changed"), so that no difference goes unmentioned.
 */
export function otherChanges(
  label: string,
  was: object | undefined,
  now: object | undefined,
  handled: readonly string[],
): ProtocolChange[] {
  const before = (was ?? {}) as Record<string, unknown>;
  const after = (now ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => !handled.includes(key),
  );
  return keys
    .filter((key) => !same(before[key], after[key]))
    .map((key) => ({
      text: `${humanise(key)} of ${label} changed`,
      was: shown(before[key]),
      now: shown(after[key]),
    }));
}

/** Items of two lists matched by an identity: those only before, only after, and in both. */
export function matchBy<T>(was: readonly T[], now: readonly T[], id: (item: T) => string) {
  const before = new Map(was.map((item) => [id(item), item]));
  const after = new Map(now.map((item) => [id(item), item]));
  return {
    removed: was.filter((item) => !after.has(id(item))),
    added: now.filter((item) => !before.has(id(item))),
    kept: now
      .filter((item) => before.has(id(item)))
      .map((item) => ({ was: before.get(id(item)) as T, now: item })),
  };
}

/**
 * The keys of a list that moved: those outside the longest run of keys kept in the same order.
 * Only keys in both lists are considered.
 */
export function movedKeys(was: readonly string[], now: readonly string[]): Set<string> {
  const inBoth = new Set(was.filter((key) => now.includes(key)));
  const a = was.filter((key) => inBoth.has(key));
  const b = now.filter((key) => inBoth.has(key));
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      (lengths[i] as number[])[j] =
        a[i] === b[j]
          ? ((lengths[i + 1] as number[])[j + 1] ?? 0) + 1
          : Math.max((lengths[i + 1] as number[])[j] ?? 0, (lengths[i] as number[])[j + 1] ?? 0);
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      kept.add(a[i] as string);
      i++;
      j++;
    } else if (((lengths[i + 1] as number[])[j] ?? 0) >= ((lengths[i] as number[])[j + 1] ?? 0))
      i++;
    else j++;
  }
  return new Set(b.filter((key) => !kept.has(key)));
}

/** "A and B" of short texts, quoted. */
export function quotedList(items: readonly string[]): string {
  return listInWords(items.map((item) => `'${item}'`));
}
