import type { Person } from '../directory/directory.ts';
import { partnershipPeopleAt, type StageDirectory, stagePeople } from '../directory/stagePeople.ts';
import type { Disagreement } from '../disagreement/caseDocument.ts';
import {
  currentMeeting,
  currentStage,
  otherSideCanSee,
  partyAgencyIds,
} from '../disagreement/disagreement.ts';
import { type Ladder, stageOf } from '../protocol/ladder.ts';
import type { CaseAccess } from './can.ts';

/** Who is named or assigned on a case, and on which side: the rows the visibility rule reads. */
export type InvolvedPerson = {
  personId: string;
  agencyId: string | null;
  side: 'raising' | 'other' | 'participant';
  chair: boolean;
  /** Of the partnership's own people who take the stage the case is at (sides: partnership). */
  takesStage: boolean;
};

/**
 * Everyone named or assigned on a case, with the side their agency puts them on: the raiser,
 * the other professional, action owners, the proposer, and the people the directory names for
 * every stage the case has entered (their line managers, the front door's Practice Manager for
 * the region, a Senior Liaison Officer...), so that they can see the case they act on; and a
 * meeting's chair and attendees, whatever their agency; and the partnership's own people at a
 * stage it takes itself (stage participants: its business unit, its scrutiny panel).
 * `directory.people` holds the party agencies' people, the partnership's own and those assigned
 * to meetings; its agencies give their kinds.
 */
export function involvedPeople(
  disagreement: Disagreement,
  ladder: Ladder,
  directory: StageDirectory,
): InvolvedPerson[] {
  const { people } = directory;
  const parties = partyAgencyIds(disagreement);
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
  // The chair of the meeting at the stage the case is at: a chair of one gone by chairs nothing now.
  const chairId = currentMeeting(disagreement)?.chairId ?? null;
  const current = currentStage(disagreement);
  const currentLadderStage = current && stageOf(ladder, current.key);
  const takers = new Set(
    currentLadderStage
      ? partnershipPeopleAt(disagreement, currentLadderStage, people).map((person) => person.id)
      : [],
  );
  // The partnership's people at a stage it took stay assigned, as the agencies' people do.
  const assigned = new Set([
    ...assignedToMeetings(disagreement),
    ...disagreement.stages.flatMap((entered) => {
      const stage = stageOf(ladder, entered.key);
      return stage ? partnershipPeopleAt(disagreement, stage, people).map((p) => p.id) : [];
    }),
  ]);
  const named = new Map<string, Person>();
  for (const person of people) {
    if (!ids.has(person.id) && !assigned.has(person.id)) continue;
    // Someone who has left the agencies in the disagreement no longer stands on a side of it.
    const onSide = person.agencyId !== null && parties.includes(person.agencyId);
    if (assigned.has(person.id) || onSide) named.set(person.id, person);
  }
  return [...named.values()].map((person) => ({
    personId: person.id,
    agencyId: person.agencyId,
    side:
      person.agencyId === disagreement.raiserAgencyId
        ? 'raising'
        : person.agencyId && disagreement.otherAgencyIds.includes(person.agencyId)
          ? 'other'
          : 'participant',
    chair: person.id === chairId,
    takesStage: takers.has(person.id),
  }));
}

/** The people a case's meetings assign to it (chairs and attendees), of any agency. */
export function assignedToMeetings(disagreement: Disagreement): string[] {
  return [...new Set(disagreement.meetings.flatMap((meeting) => meeting.attendeeIds))];
}

/** How people stand to a case, for can(): its parties, who is involved, and their chains. */
export function caseAccessFrom(
  disagreement: Disagreement,
  ladder: Ladder,
  involved: readonly InvolvedPerson[],
  chains: ReadonlyMap<string, readonly string[]>,
): CaseAccess {
  return {
    partnershipId: disagreement.partnershipId,
    raiserId: disagreement.raisedBy,
    raiserAgencyId: disagreement.raiserAgencyId,
    otherAgencyIds: disagreement.otherAgencyIds,
    involved,
    chains,
    otherSideCanSee: otherSideCanSee(disagreement, ladder),
    proposedByAgencyId:
      disagreement.status === 'open' ? (disagreement.resolution?.proposedByAgencyId ?? null) : null,
  };
}
