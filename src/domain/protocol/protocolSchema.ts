import { z } from 'zod';
import { calendarRegions } from '../calendar/bankHolidays.ts';
import { categories, lessonThemes, type Weekday, weekdays } from '../vocabulary.ts';
import { agencyKind, distinct, key, positiveWholeNumber, text } from './schemaFields.ts';
import {
  type chairRules,
  stageChanges,
  stageRoles,
  stageSchema,
  type stageSides,
  timescale,
} from './stageSchema.ts';

/**
 * The protocol file format (docs/protocol-format.md). This schema checks each
 * field on its own; validateProtocol.ts adds the checks across fields (keys
 * that must exist, ladders, jumps).
 */

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

const capSchema = z.strictObject({
  name: text,
  stages: distinct(z.array(key).min(1, 'must list at least one stage')),
  from: key,
  timescale: timescale.refine(
    (value) => value.unit !== 'none',
    'a limit needs workingDays or hours',
  ),
  source: text.optional(),
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
  // A stage named with no change is no change: left out, so the protocol reads the same either way.
  atStages: z
    .record(key, stageChanges)
    .transform((changes) =>
      Object.fromEntries(
        Object.entries(changes).filter(([, change]) => Object.keys(change).length > 0),
      ),
    )
    .default({}),
  /** Limits that apply on this pathway as well as the protocol's own caps. */
  caps: z.array(capSchema).default([]),
  /** The raiser may choose this pathway when raising, whatever the category. */
  raiserMayChoose: z.boolean().default(false),
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
  /** What the disagreement is about: its category, in the words of the case's protocol version. */
  'category',
  'stage-outcomes',
  'stage-meeting-date',
  'stage-participants',
  'outcome',
] as const;

const formField = z
  .strictObject({
    label: text,
    from: z.enum(formFieldSources),
    stages: distinct(z.array(key).min(1, 'must list at least one stage')).optional(),
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
    // A field the form does not read is a mistake in the file, not a no-op.
    if (field.stages && field.from !== 'stage-outcomes') {
      context.addIssue({
        code: 'custom',
        path: ['stages'],
        message: 'is read only when from is stage-outcomes: leave it out',
      });
    }
    if (field.stage && field.from !== 'stage-meeting-date' && field.from !== 'stage-participants') {
      context.addIssue({
        code: 'custom',
        path: ['stage'],
        message: 'is read only when from is stage-meeting-date or stage-participants: leave it out',
      });
    }
    if (field.withAgency && field.from !== 'stage-participants') {
      context.addIssue({
        code: 'custom',
        path: ['withAgency'],
        message: 'is read only when from is stage-participants: leave it out',
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
      workingWeekdays: distinct(
        z.array(z.enum(weekdays)).min(1, 'must list at least one working weekday'),
      ).optional(),
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
  /**
   * The categories raising offers, in the protocol's own words and groups; every category of
   * api.md, in the service's own groups and words, when left out.
   */
  categoryGroups: z
    .array(
      z.strictObject({
        name: text,
        categories: z
          .array(
            z.strictObject({
              id: z.enum(categories),
              label: text.optional(),
              hint: text.optional(),
            }),
          )
          .min(1, 'must list at least one category'),
      }),
    )
    .min(1, 'must have at least one group')
    .optional(),
  /**
   * The partnership's own levels of seniority (service manager, detective inspector, named
   * nurse…), each counting as one of the five roles for access. Stages name them in roles
   * lists; people carry one in the directory.
   */
  levels: z
    .array(
      z.strictObject({
        id: key,
        name: text,
        role: z.enum(stageRoles as [string, ...string[]]),
        /** The kinds of agency whose people may hold this level; any kind when left out. */
        agencyKinds: distinct(
          z.array(agencyKind).min(1, 'must list at least one kind of agency'),
        ).optional(),
        source: text.optional(),
      }),
    )
    .default([]),
  forms: z.array(formSchema).default([]),
  /**
   * When the raiser says a child is at immediate or significant risk: the guidance shown, and
   * what the protocol changes for such a case: the pathway it takes (whatever its category)
   * and limits over its stages (a whole ladder in 24 elapsed hours from raising).
   */
  urgent: z.strictObject({
    guidance: text,
    notifyMonitoringTeam: z.boolean(),
    pathway: key.optional(),
    caps: z.array(capSchema).default([]),
    ...sourced,
  }),
  recording: z.strictObject({
    childsRecord: z.enum(['not-on-childs-record', 'on-childs-record', 'agency-procedures']),
    guidance: text,
    ...sourced,
  }),
  learning: z.strictObject({
    route: text,
    guidance: text,
    themes: distinct(z.array(z.enum(lessonThemes)).min(1, 'must list at least one theme')).default([
      ...lessonThemes,
    ]),
    /**
     * Who takes each lesson up, by its theme: a subgroup that names no themes takes every theme
     * no other subgroup names. One subgroup for every lesson unless the file says otherwise.
     */
    subgroups: z
      .array(
        z.strictObject({
          name: text,
          themes: distinct(
            z.array(z.enum(lessonThemes)).min(1, 'must list at least one theme'),
          ).optional(),
          ...sourced,
        }),
      )
      .min(1, 'must list at least one subgroup')
      .default([{ name: DEFAULT_LEARNING_SUBGROUP }]),
    ...sourced,
  }),
  outOfHours: z.strictObject({ route: text, ...sourced }).optional(),
  delay: z
    .strictObject({
      stages: distinct(z.array(key).min(1, 'must list at least one stage')).optional(),
      guidance: text,
      ...sourced,
    })
    .optional(),
  checklist: z
    .strictObject({
      questions: z.array(text).min(1, 'must list at least one question'),
      advice: text.optional(),
      ...sourced,
    })
    .optional(),
  principles: z.array(z.strictObject({ text, ...sourced })).default([]),
});

export type Protocol = z.output<typeof protocolSchema>;
export type ProtocolStage = z.output<typeof stageSchema>;
export type ProtocolPathway = Protocol['pathways'][number];
export type ProtocolCap = Protocol['caps'][number];
export type ProtocolLevel = Protocol['levels'][number];
export type StageSide = (typeof stageSides)[number];
export type ProtocolForm = Protocol['forms'][number];
export type Timescale = ProtocolStage['timescale'];
export type ChairRule = (typeof chairRules)[number];

export const weekdayNumbers: Record<Weekday, number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
