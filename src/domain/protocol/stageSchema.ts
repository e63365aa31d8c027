import { z } from 'zod';
import { roles } from '../vocabulary.ts';
import { agencyKind, distinct, key, line, positiveWholeNumber, text } from './schemaFields.ts';

/**
 * A protocol file's stage (docs/protocol-format.md): who acts at it, its timescale, what entering
 * it sets off, and the changes a pathway makes to it; protocolSchema.ts builds the file from it.
 */

// A year of working days, or of hours: anything longer is a mistake in the file.
const MAX_WORKING_DAYS = 260;
const MAX_HOURS = 8760;

export const stageRoles = roles.filter((r) => r !== 'admin');

/**
 * Who acts at a stage: one of the five roles (practitioner, manager, senior-manager,
 * safeguarding-lead, partnership-team) or one of the protocol's own `levels` by its id
 * (validateProtocol.ts checks that a level so named exists).
 */
const roleOrLevel = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be a role (practitioner, manager, senior-manager, safeguarding-lead, partnership-team) or a level id',
  );

export const timescaleUnits = ['workingDays', 'hours', 'none'] as const;

export const timescale = z
  .strictObject({
    unit: z.enum(timescaleUnits),
    amount: positiveWholeNumber.optional(),
    /** What must have happened by then, when it is not the end of the stage. */
    describes: text.optional(),
  })
  .superRefine((value, context) => {
    if (value.unit !== 'none' && value.amount === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'is required when unit is workingDays or hours',
      });
    }
    if (value.unit === 'none' && value.amount !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'must be left out when unit is none',
      });
    }
    const most = value.unit === 'hours' ? MAX_HOURS : MAX_WORKING_DAYS;
    if (value.amount !== undefined && value.amount > most) {
      context.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `must be at most ${most} (a year of ${value.unit === 'hours' ? 'hours' : 'working days'})`,
      });
    }
  });

export const stageSides = ['both', 'raising', 'partnership'] as const;

const sideRoles = z.strictObject({
  /** The raising agency's people at this stage. */
  raising: distinct(z.array(roleOrLevel)).default([]),
  /** Each other party agency's people at this stage. */
  other: distinct(z.array(roleOrLevel)).default([]),
  /** At a stage taken by the partnership itself (sides: partnership): its people who take it. */
  partnership: distinct(z.array(roleOrLevel)).default([]),
  /**
   * For a party agency of one kind, the roles or levels that stand in for its side's list at
   * this stage (first-line managers: a police detective sergeant, a designated health
   * professional, a school's designated safeguarding lead).
   */
  byAgencyKind: z
    .partialRecord(
      agencyKind,
      distinct(z.array(roleOrLevel).min(1, 'must name at least one role or level')),
    )
    .default({}),
});

export const chairRules = [
  'partnership-independent-chair',
  'uninvolved-partnership-member',
  'independent-partner-organisation',
  'conference-chair',
] as const;

const onEntry = z.strictObject({
  notifyMonitoringTeam: z.boolean().default(false),
  tellOtherAgencyFirst: z.boolean().default(false),
  monitoringForm: key.optional(),
  /** A written account the person escalating must write; `writtenBy` is shown as who writes it. */
  writtenAccount: z.strictObject({ prompt: text, writtenBy: text.optional() }).optional(),
  chairedMeeting: z
    .strictObject({ chair: z.enum(chairRules), purpose: text, minuted: z.boolean().default(true) })
    .optional(),
});

const stageNumber = z
  .union([z.string().trim().min(1), z.number().int().nonnegative()], {
    error: 'must be the document’s stage number, like 1 or 4a',
  })
  .transform(String);

export const stageSchema = z
  .strictObject({
    key: key.refine((value) => value !== 'raised', '"raised" is kept for caps: choose another key'),
    number: stageNumber.nullable().default(null),
    name: text,
    who: text,
    /**
     * both: the parties' people on each side; raising: inside the raising agency only (the
     * other agency is told when the next stage starts); partnership: taken by the partnership
     * itself (its business unit or panel), whose people named under roles.partnership are
     * stage participants who may propose an outcome.
     */
    sides: z.enum(stageSides).default('both'),
    roles: sideRoles,
    timescale,
    guidance: text,
    prompts: z.array(line).default([]),
    source: text.optional(),
    jumpsTo: distinct(z.array(key)).default([]),
    onEntry: onEntry.prefault({}),
  })
  .superRefine((stage, context) => {
    if (stage.sides === 'raising' && stage.roles.other.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['roles', 'other'],
        message: 'must be empty: the stage is internal to the raising side',
      });
    }
    if (stage.sides === 'partnership' && stage.roles.partnership.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['roles', 'partnership'],
        message:
          'must name at least one role or level: the partnership’s people who take the stage',
      });
    }
    if (stage.sides !== 'partnership' && stage.roles.raising.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['roles', 'raising'],
        message: 'must name at least one role',
      });
    }
    if (stage.sides !== 'partnership' && stage.roles.partnership.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['roles', 'partnership'],
        message: 'must be empty unless sides is partnership',
      });
    }
  });

export const stageChanges = z.strictObject({
  who: text.optional(),
  sides: z.enum(stageSides).optional(),
  roles: sideRoles.optional(),
  guidance: text.optional(),
  prompts: z.array(line).optional(),
  timescale: timescale.optional(),
});
