import { z } from 'zod';
import { listInWords } from '../calendar/formatting.ts';
import type { Agency, Person } from '../directory/directory.ts';
import { personWithRole } from '../directory/personWithRole.ts';
import { stageOf } from '../protocol/ladder.ts';
import { categoryName } from '../protocol/offeredCategories.ts';
import { lessonThemes, recordModes } from '../vocabulary.ts';
import { lessonThemeNames, recordModeNames } from '../vocabularyNames.ts';
import { caseStatuses, stageOutcomes } from './caseDocument.ts';
import { type CaseRules, type Disagreement, stageLabel } from './disagreement.ts';
import { placeOnTheCase } from './meetingVenue.ts';

/**
 * A case summary for a party agency's own records (product.md point 12): one case, its facts,
 * stages, records, meetings, actions, outcome and lessons, with the protocol's recording
 * guidance, names in place of ids. The JSON of the summary is this object; its PDF is this
 * object printed. Instants are ISO 8601 UTC strings, to be read in `timeZone`.
 */
const instant = z.string().meta({ description: 'An instant, ISO 8601 in UTC' });
const person = z.object({ id: z.string(), name: z.string() });
const agency = z.object({ id: z.string(), name: z.string() });

const childsRecordRules = [
  'not-on-childs-record',
  'on-childs-record',
  'agency-procedures',
] as const;
type ChildsRecordRule = (typeof childsRecordRules)[number];

export const caseSummarySchema = z
  .object({
    reference: z.string(),
    partnership: z.object({ id: z.string(), name: z.string() }),
    protocol: z.object({ id: z.string(), version: z.number().int(), name: z.string() }),
    timeZone: z.string(),
    generatedAt: instant,
    recording: z.object({
      childsRecord: z.enum(childsRecordRules),
      advice: z.string().meta({ description: 'Where the summary is to be kept, in a sentence' }),
      guidance: z.string().meta({ description: 'The protocol’s recording guidance' }),
    }),
    purgedAt: instant.nullable().meta({
      description: 'When the child’s details and free text were removed under retention',
    }),
    status: z.enum(caseStatuses),
    urgent: z.boolean(),
    category: z.object({ id: z.string(), name: z.string() }),
    pathway: z.object({ id: z.string(), name: z.string() }),
    localAuthority: z.object({ id: z.string(), name: z.string() }).nullable(),
    raisedAt: instant,
    raisedBy: person,
    raisingAgency: agency,
    otherAgencies: z.array(agency),
    otherProfessional: person.nullable(),
    children: z.array(
      z.object({
        firstName: z.string(),
        lastName: z.string(),
        dateOfBirth: z.string().nullable(),
        expectedDueDate: z.string().nullable(),
      }),
    ),
    concern: z.object({
      summary: z.string(),
      impactOnChild: z.string(),
      desiredOutcome: z.string(),
      evidence: z.string().nullable(),
    }),
    stages: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        enteredAt: instant,
        enteredBy: person,
        reason: z.string().nullable(),
        writtenAccount: z.string().nullable(),
        /** Who the protocol says writes the stage's written account, when it says. */
        writtenAccountBy: z.string().nullable(),
        dueAt: instant.nullable(),
        leftAt: instant.nullable(),
        outcome: z.enum(stageOutcomes).nullable(),
      }),
    ),
    records: z.array(
      z.object({
        stage: z.string(),
        occurredAt: instant,
        mode: z.enum(recordModes),
        modeName: z.string(),
        participants: z.array(z.string()),
        summary: z.string(),
        recordedBy: person,
        recordedAt: instant,
      }),
    ),
    meetings: z.array(
      z.object({
        stage: z.string(),
        startsAt: instant,
        endsAt: instant,
        place: z.string(),
        chair: person,
        attendees: z.array(person),
        minutes: z.string().nullable(),
      }),
    ),
    actions: z.array(
      z.object({
        description: z.string(),
        owner: person.extend({
          jobTitle: z.string().nullable(),
          agency: agency.nullable().meta({ description: 'None for the partnership team' }),
          nameWithRole: z.string().meta({
            description: 'Name, job title and agency, as the case page shows the owner',
          }),
        }),
        dueAt: instant,
        completedAt: instant.nullable(),
      }),
    ),
    childDeadline: z
      .object({ dueAt: instant, reason: z.string(), setBy: person, setAt: instant })
      .nullable(),
    outcome: z
      .object({
        agreedOutcome: z.string(),
        proposedBy: person,
        proposedAt: instant,
        confirmations: z.array(z.object({ agency, by: person, at: instant })),
      })
      .nullable(),
    resolvedAt: instant.nullable(),
    closedAt: instant.nullable(),
    withdrawnReason: z.string().nullable(),
    lessons: z.array(
      z.object({
        themes: z.array(z.enum(lessonThemes)),
        themeNames: z.string(),
        text: z.string(),
        recordedAt: instant,
      }),
    ),
  })
  .meta({ id: 'CaseSummary' });

export type CaseSummary = z.infer<typeof caseSummarySchema>;

/** What the summary names people and agencies by; someone not found is said to be so. */
export type SummaryNames = {
  people: readonly Pick<Person, 'id' | 'name' | 'jobTitle' | 'agencyId'>[];
  agencies: readonly Pick<Agency, 'id' | 'name'>[];
  localAuthorities: readonly { id: string; name: string }[];
};

export type SummaryRules = Pick<CaseRules, 'protocol' | 'ladder'> & {
  partnership: { id: string; name: string };
  timeZone: string;
};

const advice: Record<ChildsRecordRule, string> = {
  'not-on-childs-record':
    'Keep this summary in your agency’s records of the disagreement, not on the child’s record.',
  'on-childs-record': 'Keep this summary in your agency’s records and on the child’s file.',
  'agency-procedures': 'Keep this summary as your agency’s recording procedures say.',
};

/**
 * The summary of a case. A case whose details were removed under the partnership's retention
 * policy (its texts empty, its lists of children and records empty) is summarised as it is,
 * with when that happened when it is known.
 */
export function caseSummary(
  disagreement: Disagreement,
  rules: SummaryRules,
  names: SummaryNames,
  generatedAt: Temporal.Instant,
): CaseSummary {
  const personOf = (id: string) => ({
    id,
    name: names.people.find((each) => each.id === id)?.name ?? 'Someone no longer listed',
  });
  const agencyOf = (id: string) => ({
    id,
    name: names.agencies.find((each) => each.id === id)?.name ?? 'An agency no longer listed',
  });
  const ownerOf = (id: string) => {
    const owner = names.people.find((each) => each.id === id);
    const agencyName = (agencyId: string) =>
      names.agencies.find((each) => each.id === agencyId)?.name;
    return {
      ...personOf(id),
      jobTitle: owner?.jobTitle ?? null,
      agency: owner?.agencyId ? agencyOf(owner.agencyId) : null,
      nameWithRole: owner ? personWithRole(owner, agencyName) : personOf(id).name,
    };
  };
  const stageNamed = (key: string) => stageLabel(rules, stageOf(rules.ladder, key));
  const stageAt = (index: number) => {
    const stage = disagreement.stages[index];
    return stage ? stageNamed(stage.key) : 'an unknown stage';
  };
  const localAuthority = names.localAuthorities.find(
    (each) => each.id === disagreement.localAuthorityId,
  );
  const { recording } = rules.protocol;
  const resolution = disagreement.resolution;

  return {
    reference: disagreement.reference,
    partnership: { id: rules.partnership.id, name: rules.partnership.name },
    protocol: {
      id: disagreement.protocolId,
      version: disagreement.protocolVersion,
      name: rules.protocol.name,
    },
    timeZone: rules.timeZone,
    generatedAt: generatedAt.toString(),
    recording: {
      childsRecord: recording.childsRecord,
      advice: advice[recording.childsRecord],
      guidance: recording.guidance,
    },
    purgedAt: disagreement.purgedAt ?? null,
    status: disagreement.status,
    urgent: disagreement.urgent,
    category: {
      id: disagreement.category,
      name: categoryName(rules.protocol, disagreement.category),
    },
    pathway: { id: disagreement.pathway, name: rules.ladder.pathwayName },
    localAuthority: localAuthority ? { id: localAuthority.id, name: localAuthority.name } : null,
    raisedAt: disagreement.raisedAt,
    raisedBy: personOf(disagreement.raisedBy),
    raisingAgency: agencyOf(disagreement.raiserAgencyId),
    otherAgencies: disagreement.otherAgencyIds.map(agencyOf),
    otherProfessional: disagreement.otherPersonId ? personOf(disagreement.otherPersonId) : null,
    children: disagreement.children.map((child) => ({ ...child })),
    concern: {
      summary: disagreement.summary,
      impactOnChild: disagreement.impactOnChild,
      desiredOutcome: disagreement.desiredOutcome,
      evidence: disagreement.evidence,
    },
    stages: disagreement.stages.map((stage) => ({
      key: stage.key,
      label: stageNamed(stage.key),
      enteredAt: stage.startedAt,
      enteredBy: personOf(stage.enteredBy),
      reason: stage.reason,
      writtenAccount: stage.writtenAccount,
      writtenAccountBy: stageOf(rules.ladder, stage.key)?.onEntry.writtenAccount?.writtenBy ?? null,
      dueAt: stage.dueAt,
      leftAt: stage.endedAt,
      outcome: stage.outcome,
    })),
    records: disagreement.records.map((record) => ({
      stage: stageNamed(record.stageKey),
      occurredAt: record.occurredAt,
      mode: record.mode,
      modeName: recordModeNames[record.mode],
      participants: [...record.participants],
      summary: record.summary,
      recordedBy: personOf(record.recordedBy),
      recordedAt: record.recordedAt,
    })),
    meetings: disagreement.meetings.map((meeting) => ({
      stage: stageAt(meeting.stageIndex),
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      place: placeOnTheCase(meeting.venue, meeting.place),
      chair: personOf(meeting.chairId),
      attendees: meeting.attendeeIds.map(personOf),
      minutes: meeting.minutes,
    })),
    actions: disagreement.actions.map((action) => ({
      description: action.description,
      owner: ownerOf(action.ownerId),
      dueAt: action.dueAt,
      completedAt: action.completedAt,
    })),
    childDeadline: disagreement.childDeadline && {
      dueAt: disagreement.childDeadline.dueAt,
      reason: disagreement.childDeadline.reason,
      setBy: personOf(disagreement.childDeadline.setBy),
      setAt: disagreement.childDeadline.setAt,
    },
    outcome: resolution && {
      agreedOutcome: resolution.agreedOutcome,
      proposedBy: personOf(resolution.proposedBy),
      proposedAt: resolution.proposedAt,
      confirmations: resolution.confirmations.map((confirmation) => ({
        agency: agencyOf(confirmation.agencyId),
        by: personOf(confirmation.personId),
        at: confirmation.at,
      })),
    },
    resolvedAt: disagreement.resolvedAt,
    closedAt: disagreement.closedAt,
    withdrawnReason: disagreement.withdrawnReason,
    lessons: disagreement.lessons.map((lesson) => ({
      themes: [...lesson.themes],
      themeNames: listInWords(lesson.themes.map((theme) => lessonThemeNames[theme])),
      text: lesson.text,
      recordedAt: lesson.recordedAt,
    })),
  };
}

/** Every id of a person the summary names, to read their names in one go. */
export function peopleNamedIn(disagreement: Disagreement): string[] {
  return [
    ...new Set([
      disagreement.raisedBy,
      ...(disagreement.otherPersonId ? [disagreement.otherPersonId] : []),
      ...disagreement.stages.map((stage) => stage.enteredBy),
      ...disagreement.records.map((record) => record.recordedBy),
      ...disagreement.meetings.flatMap((meeting) => [meeting.chairId, ...meeting.attendeeIds]),
      ...disagreement.actions.map((action) => action.ownerId),
      ...(disagreement.childDeadline ? [disagreement.childDeadline.setBy] : []),
      ...(disagreement.resolution
        ? [
            disagreement.resolution.proposedBy,
            ...disagreement.resolution.confirmations.map((each) => each.personId),
          ]
        : []),
    ]),
  ];
}

/** The name a case's document downloads under: "PL-2026-0012-case-summary.pdf". */
export function caseFileName(
  reference: string,
  document: 'case-summary' | 'monitoring-form',
  extension: 'pdf' | 'json',
): string {
  return `${reference.replace(/[^A-Za-z0-9-]/g, '-')}-${document}.${extension}`;
}
