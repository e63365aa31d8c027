import type { Disagreement } from '../disagreement/disagreement.ts';
import type { LadderStage } from '../protocol/ladder.ts';
import type { Agency, Person } from './directory.ts';
import { isRole } from './levels.ts';

export type StageSide = {
  /** Null for the partnership's own side: its business unit or panel, of no agency. */
  agencyId: string | null;
  side: 'raising' | 'other' | 'partnership';
  /** Who the directory says should act for this agency at the stage; empty when nobody fits. */
  people: Person[];
};

/** What a stage's people are found among: the people, and the kinds of their agencies. */
export type StageDirectory = {
  people: readonly Person[];
  agencies: readonly Pick<Agency, 'id' | 'kind'>[];
};

/**
 * Whether a stage may pick the person by a role or level it names: anyone holding a role
 * beyond practitioner. A practitioner is the person named on the case, never one the directory
 * picks.
 */
export function mayBePickedAtAStage(person: Person): boolean {
  return person.roles.some((role) => role !== 'practitioner');
}

/**
 * A directory's people found at once: by id, the few with a role beyond practitioner by
 * agency (those a stage may pick), and the partnership's own. Worked out once per array and
 * kept while it lives: the messages of one change ask of the same people several times, and a
 * large agency's people are thousands.
 */
type DirectoryIndex = {
  byId: ReadonlyMap<string, Person>;
  /** In the directory's order, as are the lists below. */
  beyondPractitioner: readonly Person[];
  beyondPractitionerByAgency: ReadonlyMap<string, readonly Person[]>;
  ownPeople: readonly Person[];
};
const indexes = new WeakMap<readonly Person[], DirectoryIndex>();

function indexOf(people: readonly Person[]): DirectoryIndex {
  let index = indexes.get(people);
  if (!index) {
    const beyondPractitioner = people.filter(mayBePickedAtAStage);
    index = {
      byId: new Map(people.map((person) => [person.id, person])),
      beyondPractitioner,
      beyondPractitionerByAgency: Map.groupBy(
        beyondPractitioner.filter((person) => person.agencyId !== null),
        (person) => person.agencyId as string,
      ),
      ownPeople: people.filter((person) => person.agencyId === null),
    };
    indexes.set(people, index);
  }
  return index;
}

/**
 * Who should be talking to whom at a stage, resolved from the directory: on each side, the
 * nearest person in the named professional's line-management chain who fits what the stage
 * names (their line manager, then theirs...), or else the agency's managers, leads or senior
 * managers who fit, those of the raiser's region first (the front door's Practice Manager for
 * the region). A stage names roles, which people hold (those their level gives included), or
 * the protocol's levels, which people carry (a service manager, not every manager); for an
 * agency of a kind its `roles.byAgencyKind` names, that list stands in for its side's.
 * Nobody is picked as the practitioner: that is the named person.
 * At a stage taken by the partnership itself (sides: partnership), its own people (of no
 * agency) who hold a role or level it names under roles.partnership take it, and an agency's
 * people attend only where the stage names roles for its side or, by roles.byAgencyKind, for
 * its kind.
 */
export function stagePeople(
  disagreement: Disagreement,
  stage: LadderStage,
  directory: StageDirectory,
): StageSide[] {
  const { people } = directory;
  const { byId, beyondPractitionerByAgency } = indexOf(people);
  const kindOf = new Map(directory.agencies.map((agency) => [agency.id, agency.kind]));
  const namesFor = (agencyId: string, sideNames: readonly string[]) => {
    const kind = kindOf.get(agencyId);
    return (kind && stage.roles.byAgencyKind?.[kind]) || sideNames;
  };
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

  const resolve = (agencyId: string, names: readonly string[], from: string | null): Person[] => {
    if (names.length === 0) return [];
    const fits = (person: Person, name: string) =>
      isRole(name) ? person.roles.includes(name) : person.level === name;
    const holds = (person: Person) => person.active && names.some((name) => fits(person, name));
    const inChain = chainOf(from).find((person) => person.agencyId === agencyId && holds(person));
    if (inChain) return [inChain];
    // A practitioner is the person named on the case: the directory never picks one, by the
    // role or by a level that gives only that role.
    const managing = (person: Person) =>
      person.active &&
      names.some((name) => name !== 'practitioner' && fits(person, name)) &&
      mayBePickedAtAStage(person);
    const candidates = (beyondPractitionerByAgency.get(agencyId) ?? []).filter(managing);
    const sameRegion = candidates.filter(
      (person) => raiser?.regionId && person.regionId === raiser.regionId,
    );
    return (sameRegion.length > 0 ? sameRegion : candidates).slice(0, 3);
  };

  const byPartnership = stage.sides === 'partnership';
  // At a stage the partnership takes, an agency attends only with the people it is named for:
  // its side's roles, or those roles.byAgencyKind names for its kind.
  const attends = (agencyId: string, sideNames: readonly string[]) =>
    !byPartnership || namesFor(agencyId, sideNames).length > 0;
  const sides: StageSide[] = [];
  if (attends(disagreement.raiserAgencyId, stage.roles.raising)) {
    sides.push({
      agencyId: disagreement.raiserAgencyId,
      side: 'raising',
      people: resolve(
        disagreement.raiserAgencyId,
        namesFor(disagreement.raiserAgencyId, stage.roles.raising),
        disagreement.raisedBy,
      ),
    });
  }
  if (byPartnership) {
    sides.push({
      agencyId: null,
      side: 'partnership',
      people: partnershipPeopleAt(disagreement, stage, people),
    });
  }
  if (stage.sides === 'raising') return sides;
  for (const agencyId of disagreement.otherAgencyIds) {
    if (!attends(agencyId, stage.roles.other)) continue;
    const named = disagreement.otherPersonId && byId.get(disagreement.otherPersonId);
    sides.push({
      agencyId,
      side: 'other',
      people: resolve(
        agencyId,
        namesFor(agencyId, stage.roles.other),
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
  return indexOf(people).ownPeople.filter(
    (person) =>
      person.active &&
      person.partnershipId === disagreement.partnershipId &&
      stage.roles.partnership.some((name) =>
        isRole(name) ? person.roles.includes(name) : person.level === name,
      ),
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
  return indexOf(people).beyondPractitioner.filter(
    (person) =>
      person.agencyId !== null &&
      agencyIds.includes(person.agencyId) &&
      person.roles.includes('safeguarding-lead'),
  );
}
