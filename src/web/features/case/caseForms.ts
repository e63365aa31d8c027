import { z } from 'zod';
import { lessonThemes, recordModes } from '../../../domain/vocabulary.ts';

// The case's form pages: each schema reads the submitted form and gives the use case its input.
// Dates come as GOV.UK date inputs (name-day, name-month, name-year) and a time ("2:30pm").

const text = (what: string, most = 5000) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(
      most,
      `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${most} characters or fewer`,
    );

const version = z.coerce.number({ error: 'Reload the page and try again' }).int().positive();

/** "14:30", "2:30pm", "2pm", "midday" → "14:30". */
export function parseClockTime(value: string): string | undefined {
  const trimmed = value.trim().toLowerCase().replace(/\s+/g, '');
  if (trimmed === 'midday' || trimmed === 'noon') return '12:00';
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(trimmed);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  if (match[3]) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (match[3] === 'pm' ? 12 : 0);
  } else if (match[2] === undefined) {
    return undefined;
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** A date and time entered in the partnership's time zone, as an instant. */
export function instantFrom(
  values: Record<string, unknown>,
  name: string,
  timeZone: string,
  what: string,
): { instant?: string; error?: string } {
  const part = (suffix: string) => String(values[`${name}-${suffix}`] ?? '').trim();
  const [day, month, year, time] = ['day', 'month', 'year', 'time'].map(part);
  if (!day && !month && !year) return { error: `Enter the date ${what}` };
  if (![day, month, year].every((value) => /^\d{1,4}$/.test(value ?? ''))) {
    return { error: `The date ${what} must be a real date, like 24 11 2026` };
  }
  let date: Temporal.PlainDate;
  try {
    date = Temporal.PlainDate.from(
      { year: Number(year), month: Number(month), day: Number(day) },
      { overflow: 'reject' },
    );
  } catch {
    return { error: `The date ${what} must be a real date, like 24 11 2026` };
  }
  if (date.year < 2000 || date.year > 2100) {
    return { error: `The date ${what} must be a real date, like 24 11 2026` };
  }
  const clock = time ? parseClockTime(time) : '12:00';
  if (!clock) return { error: `Enter the time ${what} like 2:30pm or 14:30` };
  const instant = date
    .toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from(clock) })
    .toInstant();
  return { instant: instant.toString({ smallestUnit: 'millisecond' }) };
}

export const recordForm = z.object({
  version,
  mode: z.enum(recordModes, { error: 'Choose how the discussion took place' }),
  participants: z.string().trim().max(2000, 'List at most 2,000 characters of names').default(''),
  summary: text('what was said and agreed', 10000),
});

export const escalateForm = z.object({
  version,
  toStageKey: z
    .string({ error: 'Choose the stage to escalate to' })
    .trim()
    .min(1, 'Choose the stage to escalate to')
    .max(100),
  reason: text('why you are escalating', 2000),
  writtenAccount: z
    .string()
    .trim()
    .max(20000, 'The written account must be 20,000 characters or fewer')
    .default(''),
});

export const proposeForm = z.object({
  version,
  agreedOutcome: text('the agreed outcome', 10000),
});

export const answerForm = z
  .object({
    version,
    answer: z.enum(['confirm', 'reject'], {
      error: 'Choose whether your agency agrees with the outcome',
    }),
    reason: z.string().trim().max(2000, 'The reason must be 2,000 characters or fewer').default(''),
  })
  .superRefine((value, context) => {
    if (value.answer === 'reject' && !value.reason) {
      context.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'Enter why your agency does not agree',
      });
    }
  });

export const reasonForm = (what: string) => z.object({ version, reason: text(what, 2000) });

export const childDeadlineForm = z.object({
  version,
  action: z.enum(['set', 'clear']).default('set'),
  reason: text('why this deadline protects the child', 2000),
});

export const closeForm = z
  .object({
    version,
    lessonTheme: z.union([z.enum(lessonThemes), z.literal('')]).default(''),
    lessonText: z
      .string()
      .trim()
      .max(5000, 'The lesson must be 5,000 characters or fewer')
      .default(''),
  })
  .superRefine((value, context) => {
    if (value.lessonTheme && !value.lessonText) {
      context.addIssue({
        code: 'custom',
        path: ['lessonText'],
        message: 'Enter the lesson, or choose no theme',
      });
    }
    if (!value.lessonTheme && value.lessonText) {
      context.addIssue({
        code: 'custom',
        path: ['lessonTheme'],
        message: 'Choose what the lesson is about',
      });
    }
  });

export const actionForm = z.object({
  version,
  description: text('what needs to be done', 2000),
  ownerId: z.uuid({ error: 'Choose who will do it' }),
});

/** A form that carries only the case's version: mark an action done, tell the next level. */
export const versionForm = z.object({ version });

export const meetingForm = z.object({
  version,
  chairId: z.uuid({ error: 'Choose the chair' }),
  duration: z.coerce
    .number({ error: 'Choose how long the meeting is' })
    .int()
    .refine((minutes) => [60, 90, 120, 180].includes(minutes), 'Choose how long the meeting is'),
  place: text('where the meeting is', 500),
  attendeeIds: z.preprocess(
    (value) => (value === undefined ? [] : [value].flat()),
    z.array(z.uuid({ error: 'Choose people from the list' })).max(50),
  ),
});

export const minutesForm = z.object({ version, minutes: text('the minutes', 20000) });
