import type { Kysely } from 'kysely';
import {
  disagreementRepository,
  type InvolvedPerson,
} from '../db/repositories/disagreementRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { Actor, CaseAccess } from '../domain/access/can.ts';
import { type CaseVisibility, caseVisibilityOf } from '../domain/access/caseVisibility.ts';
import { stagePeople } from '../domain/directory/stagePeople.ts';
import {
  type CaseRules,
  type Disagreement,
  meetingsOf,
  otherSideCanSee,
} from '../domain/disagreement/disagreement.ts';
import { type Ladder, stageOf } from '../domain/protocol/ladder.ts';

// Who stands where on a case, as the access rules read it: the people named or assigned on it
// (kept as its index rows), their line-management chains, and the SQL form of who may see.

type Db = Kysely<DatabaseSchema>;

/**
 * Everyone named or assigned on a case, with the side their agency puts them on: the raiser,
 * the other professional, action owners, the proposer, and the people the directory names for
 * every stage the case has entered (their line managers, the front door's Practice Manager for
 * the region, a Senior Liaison Officer...), so that they can see the case they act on.
 */
export async function involvedIn(
  db: Db,
  disagreement: Disagreement,
  ladder: Ladder,
): Promise<InvolvedPerson[]> {
  const people = peopleRepository(db);
  const partyAgencies = [disagreement.raiserAgencyId, ...disagreement.otherAgencyIds];
  const directory = await people.inAgencies(partyAgencies);
  const atStages = disagreement.stages.flatMap((entered) => {
    const stage = stageOf(ladder, entered.key);
    return stage ? stagePeople(disagreement, stage, directory).flatMap((side) => side.people) : [];
  });
  const ids = new Set([
    disagreement.raisedBy,
    ...(disagreement.otherPersonId ? [disagreement.otherPersonId] : []),
    ...disagreement.actions.map((action) => action.ownerId),
    ...(disagreement.resolution ? [disagreement.resolution.proposedBy] : []),
    ...atStages.map((person) => person.id),
  ]);
  // A meeting's chair and attendees are assigned to its stage, whatever their agency.
  const meetings = meetingsOf(disagreement);
  const chairs = new Set(meetings.map((meeting) => meeting.chairId));
  const assigned = new Set(meetings.flatMap((meeting) => meeting.attendeeIds));
  const named = (await people.getMany([...ids, ...assigned])).filter(
    (person) =>
      assigned.has(person.id) ||
      // Someone who has left the agencies in the disagreement no longer stands on a side of it.
      (person.agencyId !== null && partyAgencies.includes(person.agencyId)),
  );
  return named.map((person) => ({
    personId: person.id,
    agencyId: person.agencyId,
    side:
      person.agencyId === disagreement.raiserAgencyId
        ? 'raising'
        : person.agencyId && disagreement.otherAgencyIds.includes(person.agencyId)
          ? 'other'
          : 'participant',
    chair: chairs.has(person.id),
  }));
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
  return {
    partnershipId: disagreement.partnershipId,
    raiserId: disagreement.raisedBy,
    raiserAgencyId: disagreement.raiserAgencyId,
    otherAgencyIds: disagreement.otherAgencyIds,
    involved,
    chains,
    otherSideCanSee: otherSideCanSee(disagreement, rules.ladder),
    proposedByAgencyId:
      disagreement.status === 'open' ? (disagreement.resolution?.proposedByAgencyId ?? null) : null,
  };
}

/** The SQL form of "who may see": the person, their reports, and their agency-wide roles. */
export async function visibilityOf(db: Db, actor: Actor): Promise<CaseVisibility> {
  return caseVisibilityOf(actor, await peopleRepository(db).reportsOf(actor.personId));
}
