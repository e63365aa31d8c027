import type { Disagreement } from '../disagreement/caseDocument.ts';
import { foldedWords } from '../disagreement/searchTerms.ts';

/** A child a subject-access request is about, as the partnership team typed them. */
export type ChildSearch = {
  givenNames: string;
  familyName: string;
  /** ISO date; null when the request does not give one. */
  dateOfBirth: string | null;
};

type Child = Disagreement['children'][number];

/** The words of the child's name that every case naming them must be indexed by (folded). */
export function childSearchWords(search: ChildSearch): string[] {
  return [...new Set(foldedWords(`${search.givenNames} ${search.familyName}`))];
}

/**
 * Whether a child on a case is the one searched for: every word typed of their given names is
 * one of the child's first names, every word of their family name one of the child's last
 * names, as the case index folds them (case, accents and spacing do not matter); and their
 * date of birth is the one given, or the case does not record one (an unborn child, or one
 * left blank): a subject-access answer leaves out nothing that may be the person.
 */
export function isSearchedChild(child: Child, search: ChildSearch): boolean {
  const firstNames = new Set(foldedWords(child.firstName));
  const lastNames = new Set(foldedWords(child.lastName));
  const given = foldedWords(search.givenNames);
  const family = foldedWords(search.familyName);
  if (given.length === 0 || family.length === 0) return false;
  const named =
    given.every((word) => firstNames.has(word)) && family.every((word) => lastNames.has(word));
  const born =
    search.dateOfBirth === null ||
    child.dateOfBirth === null ||
    child.dateOfBirth === search.dateOfBirth;
  return named && born;
}

/** The children of a case who may be the one searched for. */
export function childrenSearchedFor(disagreement: Disagreement, search: ChildSearch): Child[] {
  return disagreement.children.filter((child) => isSearchedChild(child, search));
}
