import fc from 'fast-check';

// Words from several scripts, emoji (some of several code points), and pieces of text that mean
// something to YAML when unquoted: indicators, comments, what reads as another type.
const words = [
  'the',
  'child',
  'practitioner',
  'escalates',
  'within',
  'days',
  'café',
  'Straße',
  'Łódź',
  'Ελλάδα',
  'русский',
  '日本語',
  '中文',
  'العربية',
  'עברית',
  'हिन्दी',
  '😀',
  '👩‍👧',
  '🏳️‍🌈',
  '–',
  '—',
  '’',
  '§3.1',
  '#',
  'a #comment',
  '- item',
  'key: value',
  ':',
  '"quoted"',
  "'single'",
  '{braces}',
  '[list]',
  '&anchor',
  '*alias',
  '!tag',
  '%percent',
  '@at',
  '`tick`',
  '|',
  '>',
  '>-',
  '?',
  '---',
  '...',
  'null',
  'true',
  'False',
  '~',
  '1',
  '007',
  '0x1f',
  '1e3',
  '.inf',
  '-',
  '09:00',
  'tab\there',
  'two  spaces',
  'back\\slash',
  ', comma',
];

const aWord = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...words) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z]{1,12}$/) },
);

const sentence = (minLength: number, maxLength: number) =>
  fc.array(aWord, { minLength, maxLength }).map((parts) => parts.join(' '));

/**
 * Text as a protocol file holds it: a few words, a long paragraph that must be folded, or
 * paragraphs over several lines; sometimes with spaces around it (the schema trims them).
 */
export const textArbitrary: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 6, arbitrary: sentence(1, 5) },
    { weight: 1, arbitrary: sentence(16, 30) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.array(sentence(1, 8), { minLength: 2, maxLength: 3 }),
          fc.constantFrom('\n', '\n\n', '\n  '),
        )
        .map(([paragraphs, between]) => paragraphs.join(between)),
    },
    { weight: 1, arbitrary: sentence(1, 3).map((words) => `  ${words}\t`) },
  )
  .map((value) => (value.trim() === '' ? 'x' : value));
