import { assignedToMeetings } from '../../domain/access/involvement.ts';
import type { Person } from '../../domain/directory/directory.ts';
import { mayBePickedAtAStage } from '../../domain/directory/stagePeople.ts';
import { type Disagreement, partyAgencyIds } from '../../domain/disagreement/disagreement.ts';

/**
 * A partnership's whole directory, read and indexed once for the clock's sweep over many cases:
 * each case's people are then found by agency and id, not by walking 100,000 people per case.
 */
export type WholeDirectory = {
  everyone: readonly Person[];
  placeOf: ReadonlyMap<string, number>;
  /** The places of those holding a role beyond practitioner (whom a stage may pick), by agency. */
  beyondPractitioner: ReadonlyMap<string, readonly number[]>;
  /** The partnership's own people (of no agency), every one. */
  own: readonly number[];
  /** Per set of party agencies met so far: its people beyond practitioner, the partnership's own
   * and their line managers. */
  ofParties: Map<string, Set<number>>;
};

export function wholeDirectory(everyone: readonly Person[]): WholeDirectory {
  const beyondPractitioner = new Map<string, number[]>();
  const own: number[] = [];
  everyone.forEach((person, place) => {
    if (person.agencyId === null) own.push(place);
    else if (mayBePickedAtAStage(person)) {
      const places = beyondPractitioner.get(person.agencyId) ?? [];
      places.push(place);
      beyondPractitioner.set(person.agencyId, places);
    }
  });
  return {
    everyone,
    placeOf: new Map(everyone.map((person, place) => [person.id, place])),
    beyondPractitioner,
    own,
    ofParties: new Map(),
  };
}

/**
 * The people messages about a case can name or pick, in the directory's order. Of the party
 * agencies and the partnership's own: those a stage may pick (a role beyond practitioner), every
 * person the case names anywhere (its raiser, the other professional, action owners, meetings'
 * people...), and the line managers up the chain of each; and anyone assigned from elsewhere.
 * The handlers find people by the ids a case holds, pick among those beyond practitioner, or
 * walk line managers, and never list an agency's practitioners: so they make of these the same
 * messages as of all the party agencies' people (peopleOfCase), which at 100,000 people are
 * thousands a case (wholeDirectory.test checks the messages are the same).
 */
export function peopleMessagesCanName(
  directory: WholeDirectory,
  disagreement: Disagreement,
): Person[] {
  const { everyone, placeOf } = directory;
  const parties = new Set(partyAgencyIds(disagreement));
  // Those assigned to the case's meetings, of any agency: peopleOfCase reads them too.
  const assigned = new Set(
    [
      ...assignedToMeetings(disagreement),
      ...disagreement.meetings.map((meeting) => meeting.arrangedBy),
    ].flatMap((id) => {
      const place = placeOf.get(id);
      return place === undefined ? [] : [place];
    }),
  );
  // Whom peopleOfCase would read for the case: its line-manager chains stop where they leave.
  const onTheCase = (place: number) => {
    const person = everyone[place] as Person;
    return person.agencyId === null || parties.has(person.agencyId) || assigned.has(place);
  };
  const withTheirManagers = (
    places: Iterable<number>,
    into: Set<number>,
    already: ReadonlySet<number> = new Set(),
  ) => {
    for (const start of places) {
      let place: number | undefined = start;
      while (place !== undefined && onTheCase(place) && !into.has(place) && !already.has(place)) {
        into.add(place);
        const managerId: string | null = (everyone[place] as Person).lineManagerId;
        place = managerId === null ? undefined : placeOf.get(managerId);
      }
    }
    return into;
  };

  const key = [...parties].sort().join(' ');
  let ofParties = directory.ofParties.get(key);
  if (!ofParties) {
    const pickable = [...parties].flatMap(
      (agencyId) => directory.beyondPractitioner.get(agencyId) ?? [],
    );
    ofParties = withTheirManagers([...pickable, ...directory.own], new Set());
    directory.ofParties.set(key, ofParties);
  }
  // The assigned are among them: a meeting's people are named in the case.
  const named = idsIn(disagreement).flatMap((id) => placeOf.get(id) ?? []);
  const found = withTheirManagers(named, new Set(), ofParties);
  return Array.from(
    Int32Array.from([...ofParties, ...found]).sort(),
    (place) => everyone[place] as Person,
  );
}

/** Every string the case holds, anywhere in it: the ids of the people it names among them. */
function idsIn(value: unknown): string[] {
  const found: string[] = [];
  const waiting: unknown[] = [value];
  while (waiting.length > 0) {
    const next = waiting.pop();
    if (typeof next === 'string') found.push(next);
    else if (Array.isArray(next)) waiting.push(...next);
    else if (next && typeof next === 'object') waiting.push(...Object.values(next));
  }
  return found;
}
