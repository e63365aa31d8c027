import { type CaseAccess, maySee } from '../../access/can.ts';
import type { Person } from '../../directory/directory.ts';
import { type FieldProblem, Invalid, NotAllowedNow } from '../../errors.ts';
import type { Disagreement } from '../caseDocument.ts';
import { partyAgencyIds } from '../disagreement.ts';
import type { CaseDirectory } from './caseCommand.ts';

/**
 * Every owner of an action works for one of the agencies in the disagreement (owning an action
 * lets a person see the case, so it is never a way to show it to anyone else: 400), and is
 * someone who may see the case as it stands, once they own the action: never the other side
 * while the case is still inside the raising agency (East Riding's stage 1: 422, as the same
 * owner may be chosen once the case is escalated).
 */
export function checkActionOwners(
  disagreement: Disagreement,
  ownerIds: readonly string[],
  context: { directory: CaseDirectory; access: CaseAccess },
  path: (index: number) => string,
): void {
  const parties = partyAgencyIds(disagreement);
  const problems: FieldProblem[] = [];
  const owners = ownerIds.map((ownerId, index) => {
    const owner = context.directory.people.find((person) => person.id === ownerId);
    if (!owner?.active || !owner.agencyId || !parties.includes(owner.agencyId)) {
      problems.push({
        path: path(index),
        message: 'Choose a person who works for one of the agencies in the disagreement',
      });
    }
    return owner;
  });
  if (problems.length > 0) throw new Invalid('Check who owns each action', problems);
  owners.forEach((owner, index) => {
    if (owner && !seesCaseAsOwner(owner, context.access)) {
      throw new NotAllowedNow(
        `${owner.name} cannot see this disagreement yet: choose someone of an agency that can see it now`,
        { field: path(index) },
      );
    }
  });
}

/** Whether a person may own one of the case's actions: of a party agency, and seeing it so. */
export function mayOwnActions(person: Person, disagreement: Disagreement, access: CaseAccess) {
  return (
    person.active &&
    person.agencyId !== null &&
    partyAgencyIds(disagreement).includes(person.agencyId) &&
    seesCaseAsOwner(person, access)
  );
}

/** Whether a person would see the case with an action of theirs on it (owners are involved). */
function seesCaseAsOwner(owner: Person, access: CaseAccess): boolean {
  const asOwner: CaseAccess = {
    ...access,
    involved: [
      ...access.involved,
      { personId: owner.id, agencyId: owner.agencyId, chair: false, takesStage: false },
    ],
  };
  return maySee(owner, asOwner);
}
