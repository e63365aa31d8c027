import type { Kysely } from 'kysely';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { Actor, CaseAccess } from '../domain/access/can.ts';
import { type CaseVisibility, caseVisibilityOf } from '../domain/access/caseVisibility.ts';
import {
  assignedToMeetings,
  caseAccessFrom,
  type InvolvedPerson,
  involvedPeople,
} from '../domain/access/involvement.ts';
import type { Person } from '../domain/directory/directory.ts';
import {
  type CaseRules,
  type Disagreement,
  partyAgencyIds,
} from '../domain/disagreement/disagreement.ts';
import type { Ladder } from '../domain/protocol/ladder.ts';

// Who stands where on a case, as the access rules read it: the people named or assigned on it
// (kept as its index rows), their line-management chains, and the SQL form of who may see.

type Db = Kysely<DatabaseSchema>;

/**
 * The people a case's rules are worked out over: its party agencies', the partnership's own
 * (who take a stage it takes itself), and those assigned to it.
 */
export async function peopleOfCase(db: Db, disagreement: Disagreement): Promise<Person[]> {
  const people = peopleRepository(db);
  const ofParties = [
    ...(await people.inAgencies(partyAgencyIds(disagreement))),
    ...(await people.ownOf(disagreement.partnershipId)),
  ];
  const known = new Set(ofParties.map((person) => person.id));
  const elsewhere = [
    ...assignedToMeetings(disagreement),
    ...disagreement.meetings.map((meeting) => meeting.arrangedBy),
  ].filter((id) => !known.has(id));
  return [...ofParties, ...(await people.getMany(elsewhere))];
}

/**
 * Who stands where on a case as it is saved: the people its rules are worked out over, from the
 * directory as it is now, and those of them named or assigned on it (its index rows). The save
 * hands both on, so the messages it queues need not read them again.
 */
export type CaseStanding = { people: Person[]; involved: InvolvedPerson[] };

export async function standingOn(
  db: Db,
  disagreement: Disagreement,
  ladder: Ladder,
): Promise<CaseStanding> {
  const people = await peopleOfCase(db, disagreement);
  // The agencies' kinds: a stage may name other people for an agency of some kind.
  const agencies = await organisationRepository(db).agencies(disagreement.partnershipId);
  return { people, involved: involvedPeople(disagreement, ladder, { people, agencies }) };
}

export async function caseAccessOf(
  db: Db,
  disagreement: Disagreement,
  rules: CaseRules,
): Promise<CaseAccess> {
  const involved = await disagreementRepository(db).involvedPeople(disagreement.id);
  const chains = await peopleRepository(db).managerChains(
    involved.map((person) => person.personId),
  );
  return caseAccessFrom(disagreement, rules.ladder, involved, chains);
}

/**
 * How people stand to each of several cases, read at once; a case whose involved people were
 * just worked out (by its save) brings them, and only its managers' chains are read.
 */
export async function caseAccessOfMany(
  db: Db,
  cases: readonly {
    disagreement: Disagreement;
    rules: CaseRules;
    involved?: readonly InvolvedPerson[] | undefined;
  }[],
): Promise<Map<string, CaseAccess>> {
  const unread = cases.filter((known) => !known.involved).map((known) => known.disagreement.id);
  const read =
    unread.length > 0
      ? await disagreementRepository(db).involvedInMany(unread)
      : new Map<string, InvolvedPerson[]>();
  const involvedOf = (known: (typeof cases)[number]) =>
    known.involved ?? read.get(known.disagreement.id) ?? [];
  const chains = await peopleRepository(db).managerChains(
    cases.flatMap((known) => involvedOf(known).map((person) => person.personId)),
  );
  return new Map(
    cases.map((known) => [
      known.disagreement.id,
      caseAccessFrom(known.disagreement, known.rules.ladder, involvedOf(known), chains),
    ]),
  );
}

/** The SQL form of "who may see": the person, their reports, and their agency-wide roles. */
export async function visibilityOf(db: Db, actor: Actor): Promise<CaseVisibility> {
  return caseVisibilityOf(actor, await peopleRepository(db).reportsOf(actor.personId));
}
