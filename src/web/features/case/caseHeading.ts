import { formatDayMonthYear, listInWords } from '../../../domain/calendar/formatting.ts';
import type { Child, Disagreement } from '../../../domain/disagreement/disagreement.ts';
import { otherSideInWords } from '../../../domain/disagreement/otherSide.ts';

/** A child named in full, as the case's own people may see it: "Robin Example, born 2 March 2018". */
function childNamed(child: Child): string {
  const name = `${child.firstName} ${child.lastName}`.trim();
  if (child.dateOfBirth) {
    return `${name}, born ${formatDayMonthYear(Temporal.PlainDate.from(child.dateOfBirth))}`;
  }
  if (child.expectedDueDate) {
    return `${name}, unborn, due ${formatDayMonthYear(Temporal.PlainDate.from(child.expectedDueDate))}`;
  }
  return name;
}

/**
 * The top of the case page in the person's own terms: "Disagreement with Lancashire County
 * Council" to the raising agency's people, "raised by Pendle Brook Primary School" to the other
 * side's, "between … and …" to anyone else (the partnership team, a chair); and the child it is
 * about. Only people who may see the case reach its page, and they may see its child; a purged
 * case names nobody.
 */
export function caseHeading(
  disagreement: Disagreement,
  viewerAgencyId: string | null,
  agencyName: (id: string) => string,
) {
  const side = otherSideInWords(disagreement, viewerAgencyId, agencyName);
  const named = disagreement.purgedAt
    ? []
    : disagreement.children.map(childNamed).filter((name) => name !== '');
  return {
    pageTitle: `${disagreement.reference}: disagreement ${side}`,
    heading: `Disagreement ${side}`,
    aboutChildren: named.length ? `About ${listInWords(named)}` : null,
  };
}
