import type { InvolvedPerson } from '../../domain/access/involvement.ts';
import type { WorkingCalendar } from '../../domain/calendar/workingCalendar.ts';
import {
  awaitingConfirmationFrom,
  currentStage,
  type Disagreement,
} from '../../domain/disagreement/disagreement.ts';
import { searchTerms } from '../../domain/disagreement/searchTerms.ts';
import { subgroupsFor } from '../../domain/protocol/learningSubgroups.ts';
import type { Protocol } from '../../domain/protocol/protocolSchema.ts';
import {
  type CaseFact,
  caseEnding,
  endedWithinTimescale,
  storedFacts,
} from '../../domain/reports/caseFacts.ts';
import { toJson } from './rowMapping.ts';

/**
 * A case's row and the rows kept beside it (docs/decisions/0005), each made from the case
 * document alone: the columns lists, filters, exports and counts read, who is named on it, its
 * agreed actions, its stages, the words it is found by, its lessons and its report facts.
 */

/**
 * The shape of a case's index columns and rows. A row written under an older shape is indexed
 * again at start-up (services/reindexCases.ts): raise it whenever what is indexed changes.
 */
export const CASE_INDEX_VERSION = 1;

/** What indexing a case needs beyond the case: its partnership's calendar and protocol. */
export type CaseIndexRules = { calendar: WorkingCalendar; protocol: Protocol };

/** How people stand to a case, and the rules it is indexed under, for a save. */
export type CaseIndexing = CaseIndexRules & {
  otherSideCanSee: boolean;
  involved: InvolvedPerson[];
};

/** The columns kept for finding, exporting and counting the case, beside its document. */
export function findingColumns(disagreement: Disagreement, rules: CaseIndexRules) {
  const ending = caseEnding(disagreement, rules.calendar);
  const themes = [...new Set(disagreement.lessons.flatMap((lesson) => lesson.themes))].sort();
  const told = disagreement.partnershipTold?.at ?? null;
  const notified = disagreement.monitoringNotifiedAt;
  const inboxAt = [told, notified].filter((at) => at !== null).sort()[0] ?? null;
  return {
    ended_at: ending.endedAt,
    closed_at: disagreement.closedAt,
    stage_reached: ending.stageReached,
    resolve_working_days: ending.workingDaysToResolve,
    lesson_themes: themes.length > 0 ? `,${themes.join(',')},` : null,
    inbox_at: inboxAt,
    inbox_first: inboxAt === null ? null : told !== null || disagreement.urgent,
    acknowledged_at: disagreement.acknowledged?.at ?? null,
    index_version: CASE_INDEX_VERSION,
  };
}

/** The case's own row: what may change with each save. */
export function caseColumns(
  disagreement: Disagreement,
  otherSideCanSee: boolean,
  rules: CaseIndexRules,
) {
  const stage = currentStage(disagreement);
  return {
    ...findingColumns(disagreement, rules),
    version: disagreement.version,
    local_authority_id: disagreement.localAuthorityId,
    status: disagreement.status,
    urgent: disagreement.urgent,
    category: disagreement.category,
    pathway: disagreement.pathway,
    raised_at: disagreement.raisedAt,
    other_side_can_see: otherSideCanSee,
    current_stage_key: disagreement.status === 'open' ? (stage?.key ?? null) : null,
    current_due_at: disagreement.status === 'open' ? (stage?.dueAt ?? null) : null,
    awaiting_confirmation: awaitingConfirmationFrom(disagreement).length > 0,
    document: toJson(disagreement),
    updated_at: disagreement.updatedAt,
  };
}

/** The case's row as it is first stored, with the facts it counts for. */
export function newCaseRow(disagreement: Disagreement, indexing: CaseIndexing, facts: CaseFact[]) {
  return {
    id: disagreement.id,
    reference: disagreement.reference,
    partnership_id: disagreement.partnershipId,
    protocol_version: disagreement.protocolVersion,
    raised_by: disagreement.raisedBy,
    created_at: disagreement.createdAt,
    ...caseColumns(disagreement, indexing.otherSideCanSee, indexing),
    report_facts: JSON.stringify(storedFacts(facts)),
  };
}

export function partyRows(disagreement: Disagreement) {
  return [
    { disagreement_id: disagreement.id, agency_id: disagreement.raiserAgencyId, side: 'raising' },
    ...disagreement.otherAgencyIds.map((agencyId) => ({
      disagreement_id: disagreement.id,
      agency_id: agencyId,
      side: 'other',
    })),
  ];
}

export function peopleRows(disagreement: Disagreement, involved: readonly InvolvedPerson[]) {
  const people = new Map(involved.map((person) => [person.personId, person]));
  return [...people.values()].map((person) => ({
    disagreement_id: disagreement.id,
    person_id: person.personId,
    agency_id: person.agencyId,
    side: person.side,
    chair: person.chair,
    takes_stage: person.takesStage,
    open: disagreement.status === 'open',
  }));
}

export function actionRows(disagreement: Disagreement) {
  return disagreement.actions.map((action) => ({
    id: action.id,
    disagreement_id: disagreement.id,
    owner_id: action.ownerId,
    due_at: action.dueAt,
    completed_at: action.completedAt,
  }));
}

export function stageRows(disagreement: Disagreement) {
  return disagreement.stages.map((stage, position) => ({
    disagreement_id: disagreement.id,
    position,
    stage_key: stage.key,
    started_at: stage.startedAt,
    due_at: stage.dueAt,
    ended_at: stage.endedAt,
    outcome: stage.outcome,
    within_timescale: endedWithinTimescale(stage),
  }));
}

export function searchRows(disagreement: Disagreement) {
  return searchTerms(disagreement).map((term) => ({ disagreement_id: disagreement.id, term }));
}

/** What the case says of each lesson (the learning log's own columns are kept apart). */
export function lessonDescriptions(disagreement: Disagreement, protocol: Protocol) {
  return disagreement.lessons.map((lesson, position) => ({
    id: lesson.id,
    disagreement_id: disagreement.id,
    partnership_id: disagreement.partnershipId,
    described: {
      local_authority_id: disagreement.localAuthorityId,
      position,
      themes: `,${lesson.themes.join(',')},`,
      subgroups: toJson(subgroupsFor(protocol, lesson.themes)),
      source: lesson.source,
      recorded_at: lesson.recordedAt,
    },
  }));
}
