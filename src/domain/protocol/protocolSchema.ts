import { z } from 'zod';
import { calendarRegions } from '../calendar/bankHolidays.ts';
import { textProblem } from '../safeText.ts';
import {
  agencyKinds,
  categories,
  lessonThemes,
  roles,
  type Weekday,
  weekdays,
} from '../vocabulary.ts';

/**
 * The protocol file format (docs/protocol-format.md). This schema checks each
 * field on its own; validateProtocol.ts adds the checks across fields (keys
 * that must exist, ladders, jumps).
 */

// The one text rule of every form and the API (safeText.ts) holds for a protocol's words too.
const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .superRefine((value, context) => {
    const problem = textProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/** Text of one line: an item of a list that the editor writes one to a line (a stage's prompts). */
const line = text.refine((value) => !/[\r\n\u2028\u2029]/.test(value), 'must be one line');

/** A list in which each item may appear once: "\"manager\" is listed twice". */
function distinct<T extends z.ZodType<unknown[]>>(list: T): T {
  return list.superRefine((items, context) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const id = JSON.stringify(item);
      if (seen.has(id)) {
        context.addIssue({ code: 'custom', path: [index], message: `${id} is listed twice` });
      }
      seen.add(id);
    });
  }) as unknown as T;
}

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

const agencyKind = z.enum(agencyKinds);

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

const stageChanges = z.strictObject({
  who: text.optional(),
  sides: z.enum(stageSides).optional(),
  roles: sideRoles.optional(),
  guidance: text.optional(),
  prompts: z.array(line).optional(),
  timescale: timescale.optional(),
});

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
