import type { Disagreement } from './caseDocument.ts';

/**
 * Finding a case by a child's name: the names folded so that "Łucja", "lucja" and "LUCJA" are
 * one word, and accents do not matter ("Zoë" is found by "zoe").
 */
export function foldedWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/gi, 'l')
    .replace(/ø/gi, 'o')
    .replace(/đ/gi, 'd')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The words a case is found by: each of its children's first and last names. */
export function searchTerms(disagreement: Disagreement): string[] {
  return [
    ...new Set(
      disagreement.children.flatMap((child) => foldedWords(`${child.firstName} ${child.lastName}`)),
    ),
  ];
}

/** Whether what was typed is a case reference ("PL-2026-0007"), upper-cased. */
export function asReference(query: string): string | null {
  const trimmed = query.trim().toUpperCase();
  return /^[A-Z][A-Z0-9]{1,7}-\d{4}-\d{4,}$/.test(trimmed) ? trimmed : null;
}
