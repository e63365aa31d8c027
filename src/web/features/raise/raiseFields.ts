import { z } from 'zod';
import {
  chosenInstant,
  readLocalTime,
  type WhichTime,
} from '../../../domain/calendar/localDateTime.ts';
import { categories } from '../../../domain/vocabulary.ts';
import type { FormErrors } from '../../../forms/fields.ts';
import {
  type Choice,
  type Divider,
  dateField,
  radiosField,
  selectField,
  textareaField,
  textField,
  timeField,
} from '../../../forms/fields.ts';
import { revealed } from '../../../forms/reveals.ts';
import { unreadTimeProblem, whichTimeField } from '../../../forms/whichTime.ts';

// The question pages' fields (the GOV.UK form toolkit's), each page's checked before anything
// is kept in the draft; and the rules across a page's fields.

const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message });
const text = (max: number, what: string) =>
  z
    .string({ error: `${what} must be ${max} characters or fewer` })
    .trim()
    .max(max, `${what} must be ${max} characters or fewer`)
    .optional()
    .default('');
const required = (message: string, max: number, what: string) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `${what} must be ${max} characters or fewer`);
const optional = (max: number, what: string) => text(max, what).transform((value) => value || null);
const yesNoChoices: Choice[] = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];

export const startFields = () => ({
  aboutConduct: radiosField({
    label: 'Is your concern about the conduct of a specific professional?',
    hint: 'For example, how they behaved towards a child, a family or you. Accord is not a complaints procedure.',
    size: 'm',
    inline: true,
    choices: yesNoChoices,
    schema: yesNo('Select yes if your concern is about the conduct of a specific professional'),
  }),
});

const OTHER_AGENCY = 'Which agency do you disagree with?';
export const otherAgencyFields = (agencies: readonly Choice[], asSelect: boolean) => {
  const common = {
    label: OTHER_AGENCY,
    hint: 'Disagreements inside your own agency follow its own procedures, so your agency is not listed.',
    size: 'l' as const,
    pageHeading: true,
    choices: agencies,
    schema: z.uuid({ error: 'Select the agency you disagree with' }),
  };
  return {
    otherAgencyId: asSelect
      ? selectField({ ...common, placeholder: 'Choose an agency' })
      : radiosField(common),
  };
};

export const otherProfessionalFields = (agencyName: string, people: readonly Choice[]) => ({
  otherPersonId: selectField({
    label: 'Which professional do you disagree with? (optional)',
    hint: `The professional at ${agencyName} whose decision, action or inaction you disagree with. If they are not listed, leave this and name them in your concern.`,
    size: 'l',
    pageHeading: true,
    placeholder: 'I do not know, or it is not one person',
    choices: people,
    // With JavaScript, accord.js makes it alphagov's accessible-autocomplete; without, a select.
    attributes: { 'data-accord-autocomplete': '' },
    schema: z
      .string({ error: 'Select the professional from the list' })
      .optional()
      .transform((value) => value || null)
      .pipe(z.uuid({ error: 'Select the professional from the list' }).nullable()),
  }),
});

export const categoryFields = (choices: readonly (Choice | Divider)[]) => ({
  category: radiosField({
    label: 'What is the disagreement about?',
    hint: "Choose the one that fits best. It decides which of your protocol's pathways the disagreement follows.",
    size: 'l',
    pageHeading: true,
    choices,
    schema: z.enum(categories, { error: 'Select what the disagreement is about' }),
  }),
});

const childName = (label: string, what: string) =>
  textField({
    label,
    autocomplete: 'off',
    spellcheck: false,
    classes: 'govuk-!-width-two-thirds',
    schema: text(100, what),
  });

/**
 * One child: a name, whether they are born yet, then under that answer their date of birth or
 * the expected due date (a GOV.UK conditional reveal: without JavaScript both show).
 */
export const childFields = () => ({
  firstName: childName('First name', 'First name'),
  lastName: childName('Last name', 'Last name'),
  born: radiosField({
    label: 'Is the child born yet?',
    size: 's',
    choices: [
      { value: 'yes', text: 'Yes' },
      { value: 'no', text: 'No' },
    ],
    schema: yesNo('Select yes if the child is born'),
  }),
  dateOfBirth: revealed(
    { field: 'born', value: 'yes' },
    dateField({
      label: 'Date of birth',
      hint: 'For example, 27 3 2019',
      size: 's',
      messages: {
        missing: 'Enter the child’s date of birth',
        invalid: 'Date of birth must be a real date',
      },
    }),
  ),
  expectedDueDate: revealed(
    { field: 'born', value: 'no' },
    dateField({
      label: 'Expected due date',
      hint: 'For example, 14 6 2027',
      size: 's',
      messages: {
        missing: 'Enter the expected due date',
        invalid: 'Expected due date must be a real date',
      },
    }),
  ),
});

export function childRules(today: Temporal.PlainDate) {
  return (
    values: Partial<{
      firstName: string;
      lastName: string;
      dateOfBirth: Temporal.PlainDate | null;
      expectedDueDate: Temporal.PlainDate | null;
    }>,
  ): FormErrors => {
    const errors: FormErrors = {};
    if (values.firstName === '') errors.firstName = 'Enter the child’s first name';
    if (values.lastName === '') errors.lastName = 'Enter the child’s last name';
    const { dateOfBirth: born, expectedDueDate: due } = values;
    if (born && Temporal.PlainDate.compare(born, today) > 0) {
      errors.dateOfBirth = 'Date of birth must be today or in the past';
    }
    if (due && Temporal.PlainDate.compare(due, today.add({ years: 1 })) > 0) {
      errors.expectedDueDate = 'Expected due date must be within the next year';
    }
    return errors;
  };
}

export const localAuthorityFields = (choices: readonly Choice[]) => ({
  localAuthorityId: radiosField({
    label: 'Which local authority area does the child live in?',
    hint: 'Its front door and monitoring team are the ones this disagreement involves.',
    size: 'l',
    pageHeading: true,
    choices,
    schema: z.uuid({ error: 'Select the local authority the child lives in' }),
  }),
});

export const familyFields = () => ({
  parents: textareaField({
    label: 'Parents or carers',
    hint: 'Their full names, one on each line.',
    size: 's',
    rows: 3,
    spellcheck: false,
    schema: text(2000, 'Parents or carers'),
  }),
  address: textareaField({
    label: 'Family address',
    size: 's',
    rows: 4,
    autocomplete: 'off',
    schema: text(500, 'Family address'),
  }),
  referralDate: dateField({
    label: 'Date of referral (optional)',
    hint: 'If the disagreement is about a referral, the date it was made. For example, 2 11 2026',
    size: 's',
    messages: { invalid: 'Date of referral must be a real date' },
  }),
  agenciesInvolved: textareaField({
    label: 'Other agencies involved with the family (optional)',
    hint: 'For example, the health visitor, the school and the police.',
    size: 's',
    rows: 3,
    schema: text(2000, 'Other agencies involved'),
  }),
});

/** The parents one on each line, as the draft keeps them. */
export const parentsOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

export function familyRules(today: Temporal.PlainDate) {
  return (
    values: Partial<{
      parents: string;
      address: string;
      referralDate: Temporal.PlainDate | null;
    }>,
  ): FormErrors => {
    const errors: FormErrors = {};
    if (values.parents !== undefined) {
      const parents = parentsOf(values.parents);
      if (parents.length === 0) errors.parents = 'Enter the names of the child’s parents or carers';
      else if (parents.length > 10) errors.parents = 'Enter 10 parents or carers or fewer';
      else if (parents.some((parent) => parent.length > 200)) {
        errors.parents = 'Each parent or carer’s name must be 200 characters or fewer';
      }
    }
    if (values.address === '') errors.address = 'Enter the family’s address';
    if (values.referralDate && Temporal.PlainDate.compare(values.referralDate, today) > 0) {
      errors.referralDate = 'Date of referral must be today or in the past';
    }
    return errors;
  };
}

export const concernFields = () => ({
  summary: textareaField({
    label: 'What do you disagree about?',
    hint: 'The decision, action or inaction you disagree with, and why.',
    size: 's',
    rows: 6,
    schema: required('Enter what you disagree about', 5000, 'What you disagree about'),
  }),
  impactOnChild: textareaField({
    label: 'What is the impact on the child?',
    size: 's',
    rows: 5,
    schema: required('Enter the impact on the child', 5000, 'The impact on the child'),
  }),
  evidence: textareaField({
    label: 'Threshold indicators and evidence (optional)',
    hint: 'The indicators in your partnership’s thresholds document that you see in the child’s life, and what shows them.',
    size: 's',
    rows: 5,
    schema: optional(5000, 'Threshold indicators and evidence'),
  }),
  desiredOutcome: textareaField({
    label: 'What outcome do you want for the child?',
    size: 's',
    rows: 4,
    schema: required('Enter the outcome you want for the child', 5000, 'The outcome you want'),
  }),
});

/** When the disagreement was first raised (in the partnership's time zone), and urgency. */
export const whenFields = () => ({
  raisedOn: dateField({
    label: 'Date you first raised it',
    hint: 'For example, 24 11 2026',
    size: 's',
    messages: {
      missing: 'Enter the date the disagreement was first raised',
      invalid: 'Date the disagreement was first raised must be a real date',
    },
  }),
  raisedTime: timeField({
    label: 'Time you first raised it',
    hint: 'For example, 9:30am or 14:30',
    size: 's',
    messages: {
      missing: 'Enter the time the disagreement was first raised',
      invalid: 'Enter a time like 9:30am or 14:30',
    },
  }),
  raisedWhich: whichTimeField('raisedOn', 'raisedTime'),
  urgent: radiosField({
    label: 'Is a child at risk of immediate harm?',
    hint: 'If so, you will be shown what to do now, including out of hours.',
    size: 'm',
    inline: true,
    choices: yesNoChoices,
    schema: yesNo('Select yes if a child is at risk of immediate harm'),
  }),
});

type WhenValues = Partial<{
  raisedOn: Temporal.PlainDate | null;
  raisedTime: Temporal.PlainTime | null;
  raisedWhich: WhichTime | null;
}>;

/** The instant the answers name, which must not be in the future; undefined when they name none. */
export function raisedAtOf(values: WhenValues, timeZone: string): Temporal.Instant | undefined {
  return values.raisedOn && values.raisedTime
    ? chosenInstant(readLocalTime(values.raisedOn, values.raisedTime, timeZone), values.raisedWhich)
    : undefined;
}

export function whenRules(now: Temporal.Instant, timeZone: string) {
  return (values: WhenValues): FormErrors => {
    if (!values.raisedOn || !values.raisedTime) return {};
    const reading = readLocalTime(values.raisedOn, values.raisedTime, timeZone);
    const raisedAt = chosenInstant(reading, values.raisedWhich);
    // A time the clocks skip is wrong beside the time; a doubled one is asked beside the radios.
    if (!raisedAt) {
      return reading.kind === 'skipped'
        ? { raisedTime: unreadTimeProblem(reading) }
        : { raisedWhich: unreadTimeProblem(reading) };
    }
    return Temporal.Instant.compare(raisedAt, now) > 0
      ? {
          raisedOn:
            'The date and time the disagreement was first raised must be now or in the past',
        }
      : {};
  };
}
