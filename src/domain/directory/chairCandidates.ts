import type { Disagreement } from '../disagreement/disagreement.ts';
import type { ChairRule } from '../protocol/protocolSchema.ts';
import type { Role } from '../vocabulary.ts';
import type { Agency, Person } from './directory.ts';

/**
 * Who may chair a stage's meeting under the protocol's chair rule (protocols.md "Chairs"):
 * Humber's panel, the partnership's Independent Chair (its partnership team, where independent
 * chairs sit); East Riding's mediation, a Partnership Member from an agency not party to the
 * case (its senior managers); Lincolnshire's step 4a, an independent chair from a partner
 * organisation that is not a party (senior managers and safeguarding leads); an adjourned
 * conference, its conference chair (children's social care's managers).
 */
export function chairCandidates(
  rule: ChairRule,
  disagreement: Disagreement,
  people: readonly Person[],
  agencies: readonly Agency[],
): Person[] {
  const parties = new Set([disagreement.raiserAgencyId, ...disagreement.otherAgencyIds]);
  const kindOf = (person: Person) => agencies.find((agency) => agency.id === person.agencyId)?.kind;
  const uninvolved = (person: Person) => !person.agencyId || !parties.has(person.agencyId);
  const has = (person: Person, ...roles: string[]) =>
    person.roles.some((role) => roles.includes(role));
  const fits = (person: Person): boolean => {
    switch (rule) {
      case 'partnership-independent-chair':
        return uninvolved(person) && has(person, 'partnership-team');
      case 'uninvolved-partnership-member':
        return uninvolved(person) && person.agencyId !== null && has(person, 'senior-manager');
      case 'independent-partner-organisation':
        return (
          uninvolved(person) &&
          person.agencyId !== null &&
          has(person, 'senior-manager', 'safeguarding-lead')
        );
      case 'conference-chair':
        return (
          kindOf(person) === 'childrens-social-care' && has(person, 'manager', 'senior-manager')
        );
    }
  };
  const candidates = people.filter(
    (person) =>
      person.active && person.partnershipId === disagreement.partnershipId && fits(person),
  );
  return candidates.sort((a, b) => a.name.localeCompare(b.name));
}

/** The roles one of the chairs a rule allows holds: whom a meeting's page reads to offer them. */
export function chairRoles(rule: ChairRule): Role[] {
  switch (rule) {
    case 'partnership-independent-chair':
      return ['partnership-team'];
    case 'uninvolved-partnership-member':
      return ['senior-manager'];
    case 'independent-partner-organisation':
      return ['senior-manager', 'safeguarding-lead'];
    case 'conference-chair':
      return ['manager', 'senior-manager'];
  }
}
