import { z } from 'zod';
import { raise } from '../../domain/disagreement/actions/raise.ts';
import { caseStatuses, stageOutcomes } from '../../domain/disagreement/disagreement.ts';
import { categories, lessonThemes, recordModes } from '../../domain/vocabulary.ts';
import { caseQuerySchema } from '../../services/caseQuery.ts';

// The zod schemas of api.md's disagreement endpoints: requests are parsed with them and the
// OpenAPI document is generated from them, so the two cannot drift apart.

/** The case's version as the caller last saw it: a change made since is refused (409). */
export const version = z
  .number({ error: 'must be the case’s current version, a whole number' })
  .int('must be a whole number')
  .positive('must be a whole number from 1');

export const raiseBody = raise.input;

/** api.md's filters, and the partnership team's (extensions): the pages' own (caseQuery.ts). */
export const listQuery = caseQuerySchema.extend({
  limit: z.coerce
    .number({ error: 'must be a whole number from 1 to 200' })
    .int('must be a whole number from 1 to 200')
    .min(1, 'must be a whole number from 1 to 200')
    .max(200, 'must be a whole number from 1 to 200')
    .default(50),
  cursor: z.string().max(300).optional(),
});

const nullableInstant = z.string().meta({ format: 'date-time' }).nullable();

export const caseSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    version: z.number().int(),
    partnershipId: z.string(),
    protocolId: z.string(),
    protocolVersion: z.number().int(),
    status: z.enum(caseStatuses),
    urgent: z.boolean(),
    category: z.enum(categories),
    pathway: z.string(),
    raisedAt: z.string().meta({ format: 'date-time' }),
    raisedBy: z.string(),
    agencyIds: z.array(z.string()),
    localAuthorityId: z.string().nullable(),
    otherPersonId: z.string().nullable(),
    children: z.array(
      z.object({
        firstName: z.string(),
        lastName: z.string(),
        dateOfBirth: z.string().nullable(),
        expectedDueDate: z.string().nullable(),
      }),
    ),
    summary: z.string(),
    impactOnChild: z.string(),
    desiredOutcome: z.string(),
    evidence: z.string().nullable(),
    family: z.object({ parents: z.array(z.string()), address: z.string() }).nullable(),
    referralDate: z.string().nullable(),
    agenciesInvolved: z.string().nullable(),
    currentStage: z
      .object({
        key: z.string(),
        number: z.string().nullable(),
        name: z.string(),
        startedAt: z.string(),
        dueAt: nullableInstant,
        overdue: z.boolean(),
        dueExplanation: z.string(),
      })
      .nullable(),
    stages: z.array(
      z.object({
        key: z.string(),
        number: z.string().nullable(),
        name: z.string(),
        startedAt: z.string(),
        dueAt: nullableInstant,
        endedAt: nullableInstant,
        outcome: z.enum(stageOutcomes).nullable(),
        dueReason: z.string().nullable().meta({
          description:
            'Why the stage is due when it is, as worked out when its due time was last set, with "Re-projected on … because …" after a change of the partnership’s working time; null for a stage stored before the reasons were kept',
        }),
        reason: z.string().nullable(),
        writtenAccount: z.string().nullable(),
      }),
    ),
    records: z.array(
      z.object({
        id: z.string(),
        stageKey: z.string(),
        occurredAt: z.string(),
        mode: z.enum(recordModes),
        participants: z.array(z.string()),
        summary: z.string(),
        recordedBy: z.string(),
        recordedAt: z.string(),
      }),
    ),
    actions: z.array(
      z.object({
        id: z.string(),
        description: z.string(),
        ownerId: z.string(),
        dueAt: z.string(),
        completedAt: nullableInstant,
      }),
    ),
    resolution: z
      .object({
        agreedOutcome: z.string(),
        proposedBy: z.string(),
        proposedAt: z.string(),
        confirmations: z.array(
          z.object({ agencyId: z.string(), personId: z.string(), at: z.string() }),
        ),
      })
      .nullable(),
    childDeadline: z
      .object({ dueAt: z.string(), reason: z.string(), setBy: z.string(), setAt: z.string() })
      .nullable(),
    monitoringNotifiedAt: nullableInstant,
    resolvedAt: nullableInstant,
    closedAt: nullableInstant,
    withdrawnReason: z.string().nullable(),
    lessons: z.array(
      z.object({
        id: z.string(),
        theme: z.enum(lessonThemes).meta({ description: 'The first of themes' }),
        themes: z.array(z.enum(lessonThemes)),
        text: z.string(),
        source: z.enum(['closed', 'referred']).meta({
          description:
            'Given when the case was closed, or referred to the partnership while it ran',
        }),
        recordedAt: z.string(),
        recordedBy: z.string(),
      }),
    ),
    partnershipTold: z
      .object({ at: z.string(), by: z.string(), reason: z.string() })
      .nullable()
      .meta({ description: 'When and why the partnership team was told of the case (extension)' }),
    acknowledged: z.object({ at: z.string(), by: z.string() }).nullable().meta({
      description:
        'Who of the partnership team acknowledged it in the monitoring inbox (extension)',
    }),
    purgedAt: nullableInstant.meta({
      description:
        'When its free text and children\'s details were removed under the partnership\'s retention policy: purged texts are "", purged lists []',
    }),
  })
  .meta({ id: 'Disagreement' });

export type CaseBody = z.infer<typeof caseSchema>;

export const caseListSchema = z.object({
  items: z.array(caseSchema),
  nextCursor: z.string().nullable(),
});

export const monitoringFormSchema = z
  .object({
    formId: z.string(),
    title: z.string(),
    intro: z.string(),
    partnershipName: z.string(),
    monitoringTeamName: z.string(),
    caseReference: z.string(),
    stageKey: z.string(),
    fields: z.array(z.object({ label: z.string(), from: z.string(), value: z.string() })),
  })
  .meta({ id: 'MonitoringForm' });
