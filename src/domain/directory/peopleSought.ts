import { type Disagreement, partyAgencyIds } from '../disagreement/disagreement.ts';
import type { LadderStage } from '../protocol/ladder.ts';
import { chairRoles } from './chairCandidates.ts';
import { isRole } from './levels.ts';

/**
 * The people a case's page reads from the directory, described rather than listed: those the
 * case names (with their line-management chains, which stagePeople walks), and, for the stages
 * it shows, the people of its party agencies and the partnership's own people who hold a role or
 * level a stage names. stagePeople, run over what this reads, finds the same people as over the
 * whole partnership.
 */
export type PeopleSought = {
  /** Whose own people (of no agency) may take a stage the partnership takes. */
  partnershipIds: string[];
  /** Everyone the case names; each with their chain of line managers. */
  named: string[];
  agencyIds: string[];
  /** For the party agencies: roles and levels a stage names, bar practitioner (never picked). */
  agencyRoles: string[];
  agencyLevels: string[];
  /** For the partnership's own people (of no agency) at a stage the partnership takes. */
  ownRoles: string[];
  ownLevels: string[];
  /** Agencies whose people are all read: those a page's choosers offer (an action's owner). */
  everyoneOf?: string[];
  /** Roles whose holders in the partnerships are read wherever they are (a meeting's chairs). */
  anywhereRoles?: string[];
};

/** Every person a case's record names: who raised it, acted, owns, chaired, attended, recorded. */
export function namedOnCase(disagreement: Disagreement): string[] {
  const ids = [
    disagreement.raisedBy,
    disagreement.otherPersonId,
    ...disagreement.stages.map((stage) => stage.enteredBy),
    ...disagreement.records.map((record) => record.recordedBy),
    ...disagreement.actions.flatMap((action) => [action.ownerId, action.createdBy]),
    disagreement.resolution?.proposedBy,
    ...(disagreement.resolution?.confirmations.map((confirmation) => confirmation.personId) ?? []),
    ...disagreement.meetings.flatMap((meeting) => [
      meeting.chairId,
      meeting.arrangedBy,
      meeting.minutesBy,
      ...meeting.attendeeIds,
    ]),
    disagreement.childDeadline?.setBy,
    ...disagreement.lessons.map((lesson) => lesson.recordedBy),
    ...disagreement.history.map((entry) => entry.personId),
  ];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

/** The people the case page reads: everyone the case names, and who acts at the stages shown. */
export function peopleSought(
  disagreement: Disagreement,
  stages: readonly (LadderStage | null | undefined)[],
): PeopleSought {
  return soughtFor(
    [disagreement.partnershipId],
    namedOnCase(disagreement),
    partyAgencyIds(disagreement),
    stages,
  );
}

/**
 * The people Waiting for you reads to find whom several cases' current stages ask to act: the
 * raisers and named professionals (with their chains, where the nearest fitting manager is
 * found), the person looking, and those of the cases' agencies who hold what the stages name.
 */
export function stagePeopleSought(
  cases: readonly { disagreement: Disagreement; stage: LadderStage | null | undefined }[],
  personId: string,
): PeopleSought {
  const atStages = cases.filter((each) => each.stage !== undefined);
  return soughtFor(
    [...new Set(cases.map((each) => each.disagreement.partnershipId))],
    [
      personId,
      ...atStages.flatMap(({ disagreement }) => [
        disagreement.raisedBy,
        ...(disagreement.otherPersonId ? [disagreement.otherPersonId] : []),
      ]),
    ],
    atStages.flatMap(({ disagreement }) => partyAgencyIds(disagreement)),
    atStages.map((each) => each.stage),
  );
}

function soughtFor(
  partnershipIds: readonly string[],
  named: readonly string[],
  agencyIds: readonly string[],
  stages: readonly (LadderStage | null | undefined)[],
): PeopleSought {
  const agencyNames = new Set<string>();
  const ownNames = new Set<string>();
  for (const stage of stages) {
    if (!stage) continue;
    const { raising, other, partnership, byAgencyKind } = stage.roles;
    for (const name of [...raising, ...other, ...Object.values(byAgencyKind ?? {}).flat()]) {
      if (name !== 'practitioner') agencyNames.add(name);
    }
    if (stage.sides === 'partnership') for (const name of partnership) ownNames.add(name);
  }
  const split = (names: Set<string>) => ({
    roles: [...names].filter(isRole),
    levels: [...names].filter((name) => !isRole(name)),
  });
  const agency = split(agencyNames);
  const own = split(ownNames);
  return {
    partnershipIds: [...partnershipIds],
    named: [...new Set(named)],
    agencyIds: [...new Set(agencyIds)],
    agencyRoles: agency.roles,
    agencyLevels: agency.levels,
    ownRoles: own.roles,
    ownLevels: own.levels,
  };
}

/**
 * The people a case action's page reads: those the case page shows, everyone of the party
 * agencies (whom its choosers offer: an action's owner, a meeting's invitees), and those of
 * the partnership who may chair the current stage's meeting.
 */
export function actionPagePeopleSought(
  disagreement: Disagreement,
  stages: readonly (LadderStage | null | undefined)[],
): PeopleSought {
  const chair = stages[0]?.onEntry.chairedMeeting?.chair;
  return {
    ...peopleSought(disagreement, stages),
    everyoneOf: partyAgencyIds(disagreement),
    anywhereRoles: chair ? chairRoles(chair) : [],
  };
}
