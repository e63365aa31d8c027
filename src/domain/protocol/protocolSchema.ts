import { z } from 'zod';
import { calendarRegions } from '../calendar/bankHolidays.ts';
import { lessonThemes, roles } from '../vocabulary.ts';

/**
 * The protocol file format (docs/protocol-format.md). This schema checks each
 * field on its own; validateProtocol.ts adds the checks across fields (keys
 * that must exist, ladders, jumps).
 */

const text = z.string().trim().min(1, 'must not be empty');

const key = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be lowercase letters, digits and hyphens, like stage-1',
  );

const positiveWholeNumber = z
  .number({ error: 'must be a positive whole number' })
  .int('must be a positive whole number')
  .positive('must be a positive whole number');

// A year of working days, or of hours: anything longer is a mistake in the file.
const MAX_WORKING_DAYS = 260;
const MAX_HOURS = 8760;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:00');

// A named zone, so that the clocks change with it: a fixed offset such as +01:00 would not.
const timeZone = z
  .string()
  .refine((value) => namedTimeZone(value) !== undefined, 'must be a time zone like Europe/London')
  .transform((value) => namedTimeZone(value) ?? value);

function namedTimeZone(value: string): string | undefined {
  if (/^[+-]/.test(value.trim())) return undefined;
  try {
    return Temporal.Now.zonedDateTimeISO(value).timeZoneId;
  } catch {
    return undefined;
  }
}

const weekdayNames = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

const role = z.enum(roles.filter((r) => r !== 'admin') as [string, ...string[]]);

export const timescaleUnits = ['workingDays', 'hours', 'none'] as const;

const timescale = z
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

const sideRoles = z.strictObject({
  raising: z.array(role).min(1, 'must name at least one role'),
  other: z.array(role).default([]),
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
    sides: z.enum(['both', 'raising']).default('both'),
    roles: sideRoles,
    timescale,
    guidance: text,
    prompts: z.array(text).default([]),
    source: text.optional(),
    jumpsTo: z.array(key).default([]),
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
  });

const stageChanges = z.strictObject({
  who: text.optional(),
  sides: z.enum(['both', 'raising']).optional(),
  roles: sideRoles.optional(),
  guidance: text.optional(),
  prompts: z.array(text).optional(),
  timescale: timescale.optional(),
});

const pathwaySchema = z.strictObject({
  id: key,
  name: text,
  guidance: text.optional(),
  /** Shown on the case page at every stage of this pathway. */
  notice: text.optional(),
  source: text.optional(),
  stages: z.array(stageSchema).default([]),
  ladder: z.array(key).min(1, 'must list at least one stage').optional(),
  atStages: z.record(key, stageChanges).default({}),
});

const capSchema = z.strictObject({
  name: text,
  stages: z.array(key).min(1, 'must list at least one stage'),
  from: key,
  timescale: timescale.refine(
    (value) => value.unit !== 'none',
    'a limit needs workingDays or hours',
  ),
  source: text.optional(),
});

export const formFieldSources = [
  'referral-date',
  'referrer-name',
  'referrer-job-title',
  'referrer-agency',
  'referrer-contact',
  'children',
  'parents',
  'family-address',
  'agencies-involved',
  'concern',
  'stage-outcomes',
  'stage-meeting-date',
  'stage-participants',
  'outcome',
] as const;

const formField = z
  .strictObject({
    label: text,
    from: z.enum(formFieldSources),
    stages: z.array(key).min(1).optional(),
    stage: key.optional(),
    withAgency: z.boolean().default(false),
  })
  .superRefine((field, context) => {
    if (field.from === 'stage-outcomes' && !field.stages) {
      context.addIssue({
        code: 'custom',
        path: ['stages'],
        message: 'is required when from is stage-outcomes',
      });
    }
    if (
      (field.from === 'stage-meeting-date' || field.from === 'stage-participants') &&
      !field.stage
    ) {
      context.addIssue({
        code: 'custom',
        path: ['stage'],
        message: `is required when from is ${field.from}`,
      });
    }
  });

const formSchema = z.strictObject({
  id: key,
  title: text,
  intro: text,
  source: text.optional(),
  fields: z.array(formField).min(1, 'must have at least one field'),
});

const sourced = { source: text.optional() };

export const DEFAULT_LEARNING_SUBGROUP = 'Learning and improvement subgroup';

export const protocolSchema = z.strictObject({
  id: key,
  version: positiveWholeNumber,
  name: text,
  summary: text.optional(),
  sources: z.array(z.strictObject({ ref: text, title: text })).default([]),
  terms: z.strictObject({
    partnership: text,
    frontDoor: text,
    monitoringTeam: text,
    /** What the document calls a rung of its ladder: "stage" unless it says "step". */
    stage: text.default('stage'),
  }),
  calendar: z
    .strictObject({
      region: z.enum(calendarRegions),
      timeZone,
      workingHours: z.strictObject({ start: clockTime, end: clockTime }),
      workingWeekdays: z.array(z.enum(weekdayNames)).min(1).optional(),
    })
    .superRefine((calendar, context) => {
      if (calendar.workingHours.end <= calendar.workingHours.start) {
        context.addIssue({
          code: 'custom',
          path: ['workingHours', 'end'],
          message: 'must be later than start',
        });
      }
    }),
  stages: z.array(stageSchema).min(1, 'must have at least one stage'),
  caps: z.array(capSchema).default([]),
  pathways: z.array(pathwaySchema).default([]),
  categories: z.record(z.string(), key).default({}),
  forms: z.array(formSchema).default([]),
  urgent: z.strictObject({ guidance: text, notifyMonitoringTeam: z.boolean(), ...sourced }),
  recording: z.strictObject({
    childsRecord: z.enum(['not-on-childs-record', 'on-childs-record', 'agency-procedures']),
    guidance: text,
    ...sourced,
  }),
  learning: z.strictObject({
    route: text,
    guidance: text,
    themes: z
      .array(z.enum(lessonThemes))
      .min(1)
      .default([...lessonThemes]),
    /**
     * Who takes each lesson up, by its theme: a subgroup that names no themes takes every theme
     * no other subgroup names. One subgroup for every lesson unless the file says otherwise.
     */
    subgroups: z
      .array(
        z.strictObject({
          name: text,
          themes: z.array(z.enum(lessonThemes)).min(1).optional(),
          ...sourced,
        }),
      )
      .min(1)
      .default([{ name: DEFAULT_LEARNING_SUBGROUP }]),
    ...sourced,
  }),
  outOfHours: z.strictObject({ route: text, ...sourced }).optional(),
  delay: z
    .strictObject({ stages: z.array(key).min(1).optional(), guidance: text, ...sourced })
    .optional(),
  checklist: z
    .strictObject({ questions: z.array(text).min(1), advice: text.optional(), ...sourced })
    .optional(),
  principles: z.array(z.strictObject({ text, ...sourced })).default([]),
});

export type Protocol = z.output<typeof protocolSchema>;
export type ProtocolStage = z.output<typeof stageSchema>;
export type ProtocolPathway = Protocol['pathways'][number];
export type ProtocolCap = Protocol['caps'][number];
export type ProtocolForm = Protocol['forms'][number];
export type Timescale = ProtocolStage['timescale'];
export type ChairRule = (typeof chairRules)[number];

export const weekdayNumbers: Record<(typeof weekdayNames)[number], number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
