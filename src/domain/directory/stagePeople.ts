import type { Disagreement } from '../disagreement/disagreement.ts';
import type { LadderStage } from '../protocol/ladder.ts';
import type { Person } from './directory.ts';

export type StageSide = {
  /** Null for the partnership's own side: its business unit or panel, of no agency. */
  agencyId: string | null;
  side: 'raising' | 'other' | 'partnership';
  /** Who the directory says should act for this agency at the stage; empty when nobody fits. */
  people: Person[];
};

/**
 * Who should be talking to whom at a stage, resolved from the directory: on each side, the
 * nearest person in the named professional's line-management chain who holds a role the stage
 * names (their line manager, then theirs...), or else the agency's managers, leads or senior
 * managers with that role, those of the raiser's region first (the front door's Practice
 * Manager for the region). Nobody is picked as the practitioner: that is the named person.
 * At a stage taken by the partnership itself (sides: partnership), its own people (of no
 * agency) who hold a role it names under roles.partnership take it, and the agencies' people
 * attend only where the stage names roles for them.
 */
export function stagePeople(
  disagreement: Disagreement,
  stage: LadderStage,
  people: readonly Person[],
): StageSide[] {
  const byId = new Map(people.map((person) => [person.id, person]));
  const raiser = byId.get(disagreement.raisedBy);

  const chainOf = (personId: string | null): Person[] => {
    const chain: Person[] = [];
    let current = personId ? byId.get(personId) : undefined;
    while (current && !chain.includes(current)) {
      chain.push(current);
      current = current.lineManagerId ? byId.get(current.lineManagerId) : undefined;
    }
    return chain;
  };

  const resolve = (agencyId: string, roles: readonly string[], from: string | null): Person[] => {
    if (roles.length === 0) return [];
    const holds = (person: Person) =>
      person.active && person.roles.some((role) => roles.includes(role));
    const inChain = chainOf(from).find((person) => person.agencyId === agencyId && holds(person));
    if (inChain) return [inChain];
    // A practitioner is the person named on the case: the directory never picks one.
    const managing = (person: Person) =>
      person.active && person.roles.some((role) => role !== 'practitioner' && roles.includes(role));
    const candidates = people.filter((person) => person.agencyId === agencyId && managing(person));
    const sameRegion = candidates.filter(
      (person) => raiser?.regionId && person.regionId === raiser.regionId,
    );
    return (sameRegion.length > 0 ? sameRegion : candidates).slice(0, 3);
  };

  const byPartnership = stage.sides === 'partnership';
  const sides: StageSide[] = [];
  if (!byPartnership || stage.roles.raising.length > 0) {
    sides.push({
      agencyId: disagreement.raiserAgencyId,
      side: 'raising',
      people: resolve(disagreement.raiserAgencyId, stage.roles.raising, disagreement.raisedBy),
    });
  }
  if (byPartnership) {
    sides.push({
      agencyId: null,
      side: 'partnership',
      people: partnershipPeopleAt(disagreement, stage, people),
    });
  }
  if (stage.sides === 'raising' || (byPartnership && stage.roles.other.length === 0)) return sides;
  for (const agencyId of disagreement.otherAgencyIds) {
    const named = disagreement.otherPersonId && byId.get(disagreement.otherPersonId);
    sides.push({
      agencyId,
      side: 'other',
      people: resolve(
        agencyId,
        stage.roles.other,
        named && named.agencyId === agencyId ? named.id : null,
      ),
    });
  }
  return sides;
}

/**
 * The partnership's own people who take a stage it takes itself: those of the case's
 * partnership, of no agency (its business unit, its scrutiny panel), holding a role the stage
 * names under roles.partnership. Empty at any other stage.
 */
export function partnershipPeopleAt(
  disagreement: Disagreement,
  stage: LadderStage,
  people: readonly Person[],
): Person[] {
  if (stage.sides !== 'partnership') return [];
  return people.filter(
    (person) =>
      person.active &&
      person.agencyId === null &&
      person.partnershipId === disagreement.partnershipId &&
      person.roles.some((role) => stage.roles.partnership.includes(role)),
  );
}

/**
 * The people who may hear about the case now: while it has only been at stages inside the
 * raising agency (East Riding stage 1), nobody on the other side.
 */
export function whoMayHear(sides: readonly StageSide[], otherSideCanSee: boolean): Person[] {
  return sides
    .filter((side) => otherSideCanSee || side.side !== 'other')
    .flatMap((side) => side.people);
}

/** The safeguarding leads among people, of the given agencies: who hears first of an urgent case. */
export function safeguardingLeadsOf(
  people: readonly Person[],
  agencyIds: readonly string[],
): Person[] {
  return people.filter(
    (person) =>
      person.agencyId !== null &&
      agencyIds.includes(person.agencyId) &&
      person.roles.includes('safeguarding-lead'),
  );
}
