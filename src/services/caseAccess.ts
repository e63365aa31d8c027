import type { Kysely } from 'kysely';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
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

/** The people a case's rules are worked out over: its party agencies', and those assigned to it. */
export async function peopleOfCase(db: Db, disagreement: Disagreement): Promise<Person[]> {
  const people = peopleRepository(db);
  const ofParties = await people.inAgencies(partyAgencyIds(disagreement));
  const known = new Set(ofParties.map((person) => person.id));
  const elsewhere = [
    ...assignedToMeetings(disagreement),
    ...disagreement.meetings.map((meeting) => meeting.arrangedBy),
  ].filter((id) => !known.has(id));
  return [...ofParties, ...(await people.getMany(elsewhere))];
}

/** Everyone named or assigned on a case now, from the directory as it is now. */
export async function involvedIn(
  db: Db,
  disagreement: Disagreement,
  ladder: Ladder,
  people?: readonly Person[],
): Promise<InvolvedPerson[]> {
  return involvedPeople(disagreement, ladder, people ?? (await peopleOfCase(db, disagreement)));
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

/** How people stand to each of several cases, read at once. */
export async function caseAccessOfMany(
  db: Db,
  cases: readonly { disagreement: Disagreement; rules: CaseRules }[],
): Promise<Map<string, CaseAccess>> {
  const involved = await disagreementRepository(db).involvedInMany(
    cases.map(({ disagreement }) => disagreement.id),
  );
  const chains = await peopleRepository(db).managerChains(
    [...involved.values()].flat().map((person) => person.personId),
  );
  return new Map(
    cases.map(({ disagreement, rules }) => [
      disagreement.id,
      caseAccessFrom(disagreement, rules.ladder, involved.get(disagreement.id) ?? [], chains),
    ]),
  );
}

/** The SQL form of "who may see": the person, their reports, and their agency-wide roles. */
export async function visibilityOf(db: Db, actor: Actor): Promise<CaseVisibility> {
  return caseVisibilityOf(actor, await peopleRepository(db).reportsOf(actor.personId));
}
