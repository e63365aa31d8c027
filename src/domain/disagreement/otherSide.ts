import { listInWords } from '../calendar/formatting.ts';
import type { Disagreement } from './disagreement.ts';

/**
 * The other agency as the person looking sees it: "with Lancashire County Council" to the
 * raising agency's people, "raised by Pendle Brook Primary School" to the other side's, and
 * "between … and …" to anyone of neither (the partnership's own people).
 */
export function otherSideInWords(
  disagreement: Pick<Disagreement, 'raiserAgencyId' | 'otherAgencyIds'>,
  agencyId: string | null,
  nameOf: (agencyId: string) => string,
): string {
  const others = listInWords(disagreement.otherAgencyIds.map(nameOf));
  if (agencyId === disagreement.raiserAgencyId) return `with ${others}`;
  const raiser = nameOf(disagreement.raiserAgencyId);
  if (agencyId !== null && disagreement.otherAgencyIds.includes(agencyId)) {
    return `raised by ${raiser}`;
  }
  return `between ${raiser} and ${others}`;
}
