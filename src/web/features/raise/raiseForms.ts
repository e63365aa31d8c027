import { z } from 'zod';
import { categories } from '../../../domain/vocabulary.ts';

// The question pages' forms: each page's fields, checked before anything is kept in the draft.

const required = (message: string, max: number, what: string) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `${what} must be ${max} characters or fewer`);
const optional = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be ${max} characters or fewer`)
    .optional()
    .transform((value) => value || null);
const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message });

/** A GOV.UK date input's three boxes, named `<name>-day`, `<name>-month` and `<name>-year`. */
type DateParts = { day: string; month: string; year: string };
const datePart = (most: number) => z.string().trim().max(most).optional().default('');
const dateFields = (name: string) => ({
  [`${name}-day`]: datePart(2),
  [`${name}-month`]: datePart(2),
  [`${name}-year`]: datePart(4),
});
const partsOf = (form: Record<string, unknown>, name: string): DateParts => ({
  day: String(form[`${name}-day`] ?? ''),
  month: String(form[`${name}-month`] ?? ''),
  year: String(form[`${name}-year`] ?? ''),
});

/** A real date from the three boxes; undefined when all three are empty, null when not a date. */
export function dateFrom(parts: DateParts): Temporal.PlainDate | null | undefined {
  if (!parts.day && !parts.month && !parts.year) return undefined;
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month)) return null;
  if (!/^\d{4}$/.test(parts.year)) return null;
  try {
    return Temporal.PlainDate.from(
      { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) },
      { overflow: 'reject' },
    );
  } catch {
    return null;
  }
}

const text = (max: number, what: string) =>
  z.string().trim().max(max, `${what} must be ${max} characters or fewer`).optional().default('');

/** Collects a transform's problems by field, so that every field's problem shows at once. */
function problems(context: z.RefinementCtx) {
  let count = 0;
  return {
    problem(field: string, message: string) {
      count++;
      context.addIssue({ code: 'custom', path: [field], message });
    },
    failed: () => count > 0,
  };
}

export const startForm = z.object({
  aboutConduct: yesNo('Select yes if your concern is about the conduct of a specific professional'),
});

export const otherAgencyForm = z.object({
  otherAgencyId: z.uuid({ error: 'Select the agency you disagree with' }),
});

export const otherProfessionalForm = z.object({
  otherPersonId: z
    .string({ error: 'Select the professional from the list' })
    .optional()
    .transform((value) => value || null)
    .pipe(z.uuid({ error: 'Select the professional from the list' }).nullable()),
});

export const categoryForm = z.object({
  category: z.enum(categories, { error: 'Select what the disagreement is about' }),
});

/** One child: a name, and a date of birth or, for an unborn child, the expected due date. */
export const childForm = (today: Temporal.PlainDate) =>
  z
    .object({
      firstName: text(100, 'First name'),
      lastName: text(100, 'Last name'),
      ...dateFields('dateOfBirth'),
      ...dateFields('expectedDueDate'),
    })
    .transform((form, context) => {
      const { problem, failed } = problems(context);
      if (!form.firstName) problem('firstName', 'Enter the child’s first name');
      if (!form.lastName) problem('lastName', 'Enter the child’s last name');
      const born = dateFrom(partsOf(form, 'dateOfBirth'));
      const due = dateFrom(partsOf(form, 'expectedDueDate'));
      if (born === null) problem('dateOfBirth', 'Date of birth must be a real date');
      else if (born && Temporal.PlainDate.compare(born, today) > 0) {
        problem('dateOfBirth', 'Date of birth must be today or in the past');
      }
      if (due === null) problem('expectedDueDate', 'Expected due date must be a real date');
      else if (due && Temporal.PlainDate.compare(due, today.add({ years: 1 })) > 0) {
        problem('expectedDueDate', 'Expected due date must be within the next year');
      }
      if (born && due) {
        problem('expectedDueDate', 'Enter a date of birth or an expected due date, not both');
      }
      if (born === undefined && due === undefined) {
        problem(
          'dateOfBirth',
          'Enter the child’s date of birth, or the expected due date if the child is not born yet',
        );
      }
      if (failed()) return z.NEVER;
      return {
        firstName: form.firstName,
        lastName: form.lastName,
        dateOfBirth: born?.toString() ?? null,
        expectedDueDate: due?.toString() ?? null,
      };
    });

/** What the children page's buttons ask for: add the child typed in, remove one, or go on. */
export const childrenAction = z.object({
  action: z.enum(['add', 'continue']).optional().default('continue'),
  remove: z
    .string()
    .regex(/^\d{1,2}$/)
    .transform(Number)
    .optional(),
});

export const localAuthorityForm = z.object({
  localAuthorityId: z.uuid({ error: 'Select the local authority the child lives in' }),
});

export const familyForm = (today: Temporal.PlainDate) =>
  z
    .object({
      parents: text(2000, 'Parents or carers'),
      address: text(500, 'Family address'),
      ...dateFields('referralDate'),
      agenciesInvolved: text(2000, 'Other agencies involved'),
    })
    .transform((form, context) => {
      const { problem, failed } = problems(context);
      const parents = form.parents
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
      if (parents.length === 0)
        problem('parents', 'Enter the names of the child’s parents or carers');
      if (parents.length > 10) problem('parents', 'Enter 10 parents or carers or fewer');
      if (parents.some((parent) => parent.length > 200)) {
        problem('parents', 'Each parent or carer’s name must be 200 characters or fewer');
      }
      if (!form.address) problem('address', 'Enter the family’s address');
      const referral = dateFrom(partsOf(form, 'referralDate'));
      if (referral === null) problem('referralDate', 'Date of referral must be a real date');
      else if (referral && Temporal.PlainDate.compare(referral, today) > 0) {
        problem('referralDate', 'Date of referral must be today or in the past');
      }
      if (failed()) return z.NEVER;
      return {
        parents,
        address: form.address,
        referralDate: referral?.toString() ?? null,
        agenciesInvolved: form.agenciesInvolved || null,
      };
    });

export const concernForm = z.object({
  summary: required('Enter what you disagree about', 5000, 'What you disagree about'),
  impactOnChild: required('Enter the impact on the child', 5000, 'The impact on the child'),
  evidence: optional(5000, 'Threshold indicators and evidence'),
  desiredOutcome: required(
    'Enter the outcome you want for the child',
    5000,
    'The outcome you want',
  ),
});

/** "14:30", "9:30am", "2pm", "midday": a clock time, or null. */
export function clockTimeFrom(text: string): Temporal.PlainTime | null {
  const value = text.trim().toLowerCase();
  if (value === 'midday' || value === 'noon') return new Temporal.PlainTime(12, 0);
  if (value === 'midnight') return new Temporal.PlainTime(0, 0);
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/.exec(value);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  const half = match[3];
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (hour > 23 || match[2] === undefined) {
    return null;
  }
  return new Temporal.PlainTime(hour, minute);
}

/** When the disagreement was first raised (in the partnership's time zone), and urgency. */
export const whenForm = (now: Temporal.Instant, timeZone: string) =>
  z
    .object({
      ...dateFields('raisedOn'),
      raisedTime: text(20, 'Time'),
      urgent: z.string().max(3).optional().default(''),
    })
    .transform((form, context) => {
      const { problem, failed } = problems(context);
      const date = dateFrom(partsOf(form, 'raisedOn'));
      if (date === undefined) {
        problem('raisedOn', 'Enter the date the disagreement was first raised');
      } else if (date === null) {
        problem('raisedOn', 'Date the disagreement was first raised must be a real date');
      }
      const time = form.raisedTime ? clockTimeFrom(form.raisedTime) : undefined;
      if (time === undefined) {
        problem('raisedTime', 'Enter the time the disagreement was first raised');
      } else if (time === null) {
        problem('raisedTime', 'Enter a time like 9:30am or 14:30');
      }
      if (form.urgent !== 'yes' && form.urgent !== 'no') {
        problem('urgent', 'Select yes if a child is at risk of immediate harm');
      }
      if (failed() || !date || !time) return z.NEVER;
      const raisedAt = date.toZonedDateTime({ timeZone, plainTime: time }).toInstant();
      if (Temporal.Instant.compare(raisedAt, now) > 0) {
        problem(
          'raisedOn',
          'The date and time the disagreement was first raised must be now or in the past',
        );
        return z.NEVER;
      }
      return { raisedAt, urgent: form.urgent === 'yes' };
    });
