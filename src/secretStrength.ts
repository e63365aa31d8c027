import { createRequire } from 'node:module';

/** What a production SESSION_SECRET must be worth, in bits of a guesser's work. */
export const MIN_SECRET_BITS = 128;

type KnownWords = { words: Set<string>; longest: number; bitsEach: number };
let knownWordsLoaded: KnownWords | undefined;

// zxcvbn's lists load when a secret is first weighed (in production only), not at every start.
function knownWords(): KnownWords {
  if (knownWordsLoaded) return knownWordsLoaded;
  const lists = (
    createRequire(import.meta.url)(
      '@zxcvbn-ts/language-common',
    ) as typeof import('@zxcvbn-ts/language-common')
  ).dictionary;
  const words = [...lists['diceware-common'], ...lists['passwords-common']]
    .map((word) => word.toLowerCase())
    .filter((word) => word.length >= 3);
  const set = new Set(words);
  knownWordsLoaded = {
    words: set,
    longest: Math.max(...words.map((word) => word.length)),
    bitsEach: Math.log2(set.size),
  };
  return knownWordsLoaded;
}

/**
 * A guesser's view of a secret, roughly as zxcvbn sees one: a repeated unit counts once, a
 * known word (the longest at each place) as one pick from the word lists, a character
 * repeating the one before it as nothing, and any other character as one pick from the
 * classes of character the secret uses.
 */
export function secretBits(secret: string): number {
  const lower = secret.toLowerCase();
  const unit = smallestRepeatingUnit(lower);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];
  const sizes = [26, 26, 10, 33];
  const alphabet = classes.reduce(
    (sum, pattern, i) => sum + (pattern.test(secret) ? (sizes[i] ?? 0) : 0),
    0,
  );
  let bits = 0;
  let i = 0;
  while (i < unit.length) {
    const word = longestKnownWordAt(unit, i);
    if (word) {
      bits += knownWords().bitsEach;
      i += word;
      continue;
    }
    if (i === 0 || unit[i] !== unit[i - 1]) bits += Math.log2(alphabet);
    i += 1;
  }
  return bits;
}

function smallestRepeatingUnit(text: string): string {
  for (let size = 1; size <= text.length / 2; size++) {
    const unit = text.slice(0, size);
    if (unit.repeat(Math.ceil(text.length / size)).startsWith(text)) return unit;
  }
  return text;
}

/** The length of the longest known word starting at `at`, or 0. */
function longestKnownWordAt(text: string, at: number): number {
  const { words, longest } = knownWords();
  for (let length = Math.min(longest, text.length - at); length >= 3; length--) {
    if (words.has(text.slice(at, at + length))) return length;
  }
  return 0;
}

/** Each setting with its doc line and default, for the README and `.env.example`. */
