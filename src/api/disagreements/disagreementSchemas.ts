import { z } from 'zod';
import { isoInstant } from '../../domain/clock.ts';
import { caseStatuses, stageOutcomes } from '../../domain/disagreement/disagreement.ts';
import { categories, lessonThemes, recordModes } from '../../domain/vocabulary.ts';

// The zod schemas of api.md's disagreement endpoints: requests are parsed with them and the
// OpenAPI document is generated from them, so the two cannot drift apart.

const text = (most: number) =>
  z.string().trim().min(1, 'must not be empty').max(most, `must be at most ${most} characters`);

/** An ISO 8601 instant with an offset; stored and returned in UTC. */
export const instant = z
  .string()
  .max(40, 'must be an ISO 8601 date and time with an offset, like 2026-11-24T10:00:00Z')
  .transform((value, context) => {
    try {
      return isoInstant(Temporal.Instant.from(value));
    } catch {
      context.addIssue({
        code: 'custom',
        message: 'must be an ISO 8601 date and time with an offset, like 2026-11-24T10:00:00Z',
      });
      return z.NEVER;
    }
  })
  .meta({ format: 'date-time' });

export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-24')
  .refine((value) => {
    try {
      Temporal.PlainDate.from(value, { overflow: 'reject' });
      return true;
    } catch {
      return false;
    }
  }, 'must be a real date like 2026-11-24')
  .meta({ format: 'date' });

const id = z.uuid('must be an id this service gave');
const version = z
  .number({ error: 'must be the case’s current version, a whole number' })
  .int('must be a whole number')
  .positive('must be a whole number from 1');
const reason = text(2000);

export const child = z.strictObject({
  firstName: text(100),
  lastName: text(100),
  dateOfBirth: calendarDate.optional(),
  expectedDueDate: calendarDate.optional(),
});

export const raiseBody = z.strictObject({
  partnershipId: id,
  raisedAt: instant,
  otherAgencyIds: z.array(id).min(1, 'must name at least one other agency').max(10),
  category: z.enum(categories),
  summary: text(5000),
  impactOnChild: text(5000),
  desiredOutcome: text(5000),
  urgent: z.boolean(),
  children: z.array(child).min(1, 'must name at least one child').max(20),
  otherPersonId: id.optional(),
  pathway: text(100).optional(),
  localAuthorityId: id.optional(),
  evidence: text(5000).optional(),
  family: z
    .strictObject({ parents: z.array(text(200)).max(10), address: z.string().trim().max(500) })
    .optional(),
  referralDate: calendarDate.optional(),
  agenciesInvolved: text(2000).optional(),
  aboutConductOfProfessional: z.boolean().optional(),
});

export const recordBody = z.strictObject({
  version,
  occurredAt: instant,
  mode: z.enum(recordModes),
  participants: z.array(text(200)).max(30),
  summary: text(10000),
});

export const escalateBody = z.strictObject({
  version,
  occurredAt: instant,
  reason,
  toStageKey: text(100).optional(),
  writtenAccount: text(20000).optional(),
});

const actionInput = z.strictObject({
  description: text(2000),
  ownerId: id,
  dueAt: instant,
});

export const resolveBody = z.strictObject({
  version,
  occurredAt: instant,
  agreedOutcome: text(10000),
  actions: z.array(actionInput).max(30),
});

export const confirmBody = z.strictObject({ version });
export const rejectBody = z.strictObject({ version, reason });
export const withdrawBody = z.strictObject({ version, reason });
export const closeBody = z.strictObject({
  version,
  lessons: z
    .array(z.strictObject({ theme: z.enum(lessonThemes), text: text(5000) }))
    .max(20)
    .optional(),
});
export const childDeadlineBody = z.strictObject({ version, dueAt: instant, reason });
export const clearChildDeadlineBody = z.strictObject({ version, reason });
export const addActionBody = actionInput.extend({ version });
export const completeActionBody = z.strictObject({ version });

export const listQuery = z.strictObject({
  status: z.enum(caseStatuses).optional(),
  stage: text(100).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  partnershipId: id.optional(),
  limit: z.coerce
    .number({ error: 'must be a whole number from 1 to 200' })
    .int('must be a whole number from 1 to 200')
    .min(1, 'must be a whole number from 1 to 200')
    .max(200, 'must be a whole number from 1 to 200')
    .default(50),
  cursor: z.string().max(200).optional(),
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
    lessons: z.array(z.object({ theme: z.enum(lessonThemes), text: z.string() })),
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
