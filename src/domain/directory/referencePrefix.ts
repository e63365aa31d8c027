/**
 * Case references are unique across a deployment (several partnerships may share one): each
 * partnership's references start with its own prefix, given once when the partnership is made
 * and never changed, so a reference once written in an e-mail or an agency's record always
 * names the same case. "Pan-Lancashire Safeguarding Partnership" → PL-2026-0001.
 */

export const REFERENCE_PREFIX_PATTERN = /^[A-Z][A-Z0-9]{1,7}$/;

// Words every partnership's name has, which tell one from another not at all.
const generic = new Set([
  'and',
  'board',
  'child',
  'children',
  'childrens',
  'demo',
  'for',
  'local',
  'lscb',
  'of',
  'partnership',
  'safeguarding',
  'scp',
  'the',
]);

/** The prefix a name suggests: the initials of its telling words, or the start of its one word. */
export function suggestedReferencePrefix(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^A-Za-z\s-]/g, '')
    .split(/[\s-]+/)
    .map((word) => word.toLowerCase())
    .filter((word) => word.length > 0 && !generic.has(word));
  if (words.length === 0) return 'SCP';
  if (words.length === 1) return (words[0] as string).slice(0, 3).toUpperCase().padEnd(2, 'X');
  return words
    .map((word) => word.charAt(0))
    .join('')
    .slice(0, 5)
    .toUpperCase();
}

/** The suggested prefix, or with the lowest number after it that no other partnership has. */
export function uniqueReferencePrefix(name: string, taken: ReadonlySet<string>): string {
  const base = suggestedReferencePrefix(name);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A case's reference: the partnership's prefix, the year it was raised and its number that year. */
export function caseReference(prefix: string, year: number, number: number): string {
  return `${prefix}-${year}-${String(number).padStart(4, '0')}`;
}
