import { type FieldProblem, Invalid } from '../../errors.ts';
import type { Disagreement } from '../caseDocument.ts';
import { partyAgencyIds } from '../disagreement.ts';
import type { CaseDirectory } from './caseCommand.ts';

/**
 * Every owner of an action works for one of the agencies in the disagreement: owning an action
 * lets a person see the case, so it is never a way to show it to anyone else.
 */
export function checkActionOwners(
  disagreement: Disagreement,
  ownerIds: readonly string[],
  directory: CaseDirectory,
  path: (index: number) => string,
): void {
  const parties = partyAgencyIds(disagreement);
  const problems: FieldProblem[] = [];
  ownerIds.forEach((ownerId, index) => {
    const owner = directory.people.find((person) => person.id === ownerId);
    if (!owner?.active || !owner.agencyId || !parties.includes(owner.agencyId)) {
      problems.push({
        path: path(index),
        message: 'Choose a person who works for one of the agencies in the disagreement',
      });
    }
  });
  if (problems.length > 0) throw new Invalid('Check who owns each action', problems);
}
