import { z } from 'zod';
import { weekdayName } from '../../../domain/calendar/formatting.ts';
import type {
  Agency,
  LocalAuthority,
  Person,
  Region,
  Team,
} from '../../../domain/directory/directory.ts';
import type { ProtocolLevel } from '../../../domain/protocol/protocolSchema.ts';
import { retentionMonthsSchema } from '../../../domain/retention/retentionPeriod.ts';
import { agencyKinds, type Role, roles, weekdays } from '../../../domain/vocabulary.ts';
import { agencyKindNames, calendarNames, roleNames } from '../../../domain/vocabularyNames.ts';
import {
  type Choice,
  checkboxesField,
  dateField,
  type Field,
  passwordField,
  selectField,
  textField,
  timeField,
} from '../../../forms/fields.ts';

// The directory's forms, as the toolkit's fields: each page's questions and what each says is
// wrong, checked before any service is called.

const required = (message: string, max = 200) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `Must be ${max} characters or fewer`);
const optional = (max = 200) =>
  z
    .string({ error: `Must be ${max} characters or fewer` })
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .optional()
    .transform((value) => value || null);
const optionalEmail = z
  .string({ error: 'Enter an e-mail address in the correct format, like team@example.org' })
  .trim()
  .max(320)
  .optional()
  .transform((value) => value || null)
  .pipe(
    z
      .email({ error: 'Enter an e-mail address in the correct format, like team@example.org' })
      .nullable(),
  );
const optionalId = z
  .string({ error: 'Choose from the list' })
  .optional()
  .transform((value) => value || null)
  .pipe(z.uuid({ error: 'Choose from the list' }).nullable());
const roleList = z
  .array(z.enum(roles, { error: 'Choose from the list' }))
  .min(1, 'Choose at least one role');

const named = (things: readonly { id: string; name: string }[]): Choice[] =>
  things.map((thing) => ({ value: thing.id, text: thing.name }));

export const localAuthorityFields = () => ({
  name: textField({
    label: 'Name',
    hint: 'For example, Blackpool Council',
    schema: required('Enter the local authority’s name'),
  }),
  frontDoorName: textField({
    label: 'What its front door is called',
    hint: 'For example, MASH or Request for Support Hub',
    schema: required('Enter what the front door is called'),
  }),
  monitoringTeamName: textField({
    label: 'What its monitoring team is called',
    hint: 'For example, CSAP team or MASA team',
    schema: required('Enter what the monitoring team is called'),
  }),
  monitoringTeamEmail: textField({
    label: 'Monitoring team’s e-mail address (optional)',
    type: 'email',
    schema: optionalEmail,
  }),
});

export const agencyFields = (localAuthorities: readonly LocalAuthority[]) => ({
  name: textField({
    label: 'Name',
    hint: 'For example, Brookside Primary School',
    schema: required('Enter the agency’s name'),
  }),
  kind: selectField({
    label: 'Kind of agency',
    placeholder: 'Choose one',
    choices: agencyKinds.map((kind) => ({ value: kind, text: agencyKindNames[kind] })),
    schema: z.enum(agencyKinds, { error: 'Choose what kind of agency it is' }),
  }),
  localAuthorityId: selectField({
    label: 'Local authority (optional)',
    placeholder: 'None',
    choices: named(localAuthorities),
    schema: optionalId,
  }),
});

export const onCallFields = () => ({
  name: textField({
    label: 'Who to call',
    hint: 'For example, Emergency duty team',
    schema: required('Enter who to call'),
  }),
  telephone: textField({
    label: 'Telephone number',
    type: 'tel',
    autocomplete: 'off',
    schema: required('Enter the telephone number', 40),
  }),
  notes: textField({
    label: 'Notes (optional)',
    hint: 'For example, when they can be called',
    schema: optional(500),
  }),
});

const rolesField = (label: string, grantable: readonly (typeof roles)[number][], hint?: string) =>
  checkboxesField({
    label,
    hint,
    size: 's',
    choices: grantable.map((role) => ({ value: role, text: roleNames[role] })),
    schema: roleList,
  });

/**
 * The person's level among the protocol's levels, each named as the protocol names it, with the
 * role it counts as (and, where the level is of some kinds of agency only, those kinds).
 * None when the protocol defines no level the person could hold.
 */
export const levelFields = (
  levels: readonly ProtocolLevel[],
  namingKinds: boolean,
): { level?: Field<string | null> } => {
  const [first, ...rest] = levels.map((level) => level.id);
  if (first === undefined) return {};
  const role = (level: ProtocolLevel) => roleNames[level.role as Role].toLowerCase();
  const kinds = (level: ProtocolLevel) =>
    namingKinds && level.agencyKinds
      ? `${level.agencyKinds.map((kind) => agencyKindNames[kind]).join(' or ')}; `
      : '';
  return {
    level: selectField({
      label: 'Level (optional)',
      hint: 'The partnership’s level of seniority the person holds, as its protocol names it. Stages that name the level find them, and they have the role it counts as.',
      placeholder: 'None',
      choices: levels.map((level) => ({
        value: level.id,
        text: `${level.name} (${kinds(level)}counts as ${role(level)})`,
      })),
      schema: z
        .string({ error: 'Choose from the list' })
        .optional()
        .transform((value) => value || null)
        .pipe(z.enum([first, ...rest], { error: 'Choose from the list' }).nullable()),
    }),
  };
};

export const personFields = (
  agencies: readonly Agency[],
  people: readonly Person[],
  grantable: readonly (typeof roles)[number][],
  levels: readonly ProtocolLevel[] = [],
) => ({
  name: textField({ label: 'Full name', schema: required('Enter the person’s full name') }),
  email: textField({
    label: 'E-mail address',
    type: 'email',
    schema: z
      .string({ error: 'Enter an e-mail address in the correct format, like name@example.org' })
      .trim()
      .max(320)
      .pipe(
        z.email({ error: 'Enter an e-mail address in the correct format, like name@example.org' }),
      ),
  }),
  jobTitle: textField({ label: 'Job title (optional)', schema: optional() }),
  telephone: textField({ label: 'Telephone number (optional)', type: 'tel', schema: optional(40) }),
  agencyId: selectField({
    label: 'Agency',
    placeholder: 'None (for example, partnership team)',
    choices: named(agencies),
    schema: optionalId,
  }),
  lineManagerId: selectField({
    label: 'Line manager (optional)',
    placeholder: 'None',
    choices: named(people),
    schema: optionalId,
  }),
  roles: rolesField('Roles', grantable, 'Select all that apply.'),
  ...levelFields(levels, true),
});

export const teamFields = (agencies: readonly Agency[]) => ({
  agencyId: selectField({
    label: 'Agency',
    placeholder: 'Choose one',
    choices: named(agencies),
    schema: z.uuid({ error: 'Choose the agency' }),
  }),
  name: textField({
    label: 'Team name',
    hint: 'For example, Duty and assessment',
    schema: required('Enter the team’s name'),
  }),
});

export const meetingPlaceFields = () => ({
  name: textField({
    label: 'Name of the place',
    hint: 'For example, Civic Centre, Committee Room 2. Invitations name it, so never name a child or family',
    schema: required('Enter the name of the place'),
  }),
  address: textField({
    label: 'Address (optional)',
    autocomplete: 'off',
    schema: optional(500),
  }),
});

export const regionFields = () => ({
  name: textField({
    label: 'Region name',
    hint: 'For example, East',
    schema: required('Enter the region’s name'),
  }),
});

const clockTime = (label: string, hint: string) =>
  timeField({
    label,
    hint,
    messages: {
      missing: 'Enter a time like 09:00 or 17:30',
      invalid: 'Enter a time like 09:00 or 17:30',
    },
  });

export const workingTimeFields = () => ({
  region: selectField({
    label: 'Bank holidays',
    placeholder: 'Choose one',
    choices: Object.entries(calendarNames).map(([value, text]) => ({ value, text })),
    schema: z.enum(['england-and-wales', 'scotland', 'northern-ireland'], {
      error: 'Choose the bank holidays the partnership follows',
    }),
  }),
  start: clockTime('Working day starts', 'For example, 09:00'),
  end: clockTime('Working day ends', 'For example, 17:00'),
  weekdays: checkboxesField({
    label: 'Working days',
    hint: 'Select every day of the week the partnership works. Bank holidays and closure days are not working days whatever the day.',
    size: 's',
    choices: weekdays.map((day, index) => ({ value: day, text: weekdayName(index + 1) })),
    schema: z
      .array(z.enum(weekdays, { error: 'Select the days the partnership works' }))
      .min(1, 'Select at least one working day')
      .transform((days) => [...new Set(days)].map((day) => weekdays.indexOf(day) + 1)),
  }),
  reminderDays: selectField({
    label: 'Remind people before a stage is due',
    hint: 'At the start of the working day, this many working days before',
    choices: ['1', '2', '3', '4', '5'].map((value) => ({
      value,
      text: value === '1' ? '1 working day before' : `${value} working days before`,
    })),
    schema: z.coerce
      .number({ error: 'Choose how many working days before' })
      .int('Choose how many working days before')
      .min(1, 'Choose how many working days before')
      .max(5, 'Choose how many working days before')
      .optional(),
  }),
});

export const closureDayFields = () => ({
  date: dateField({
    label: 'Date',
    hint: 'For example, 24 12 2026',
    size: 's',
    messages: {
      missing: 'Enter a real date, like 24 12 2026',
      invalid: 'Enter a real date, like 24 12 2026',
    },
  }),
  name: textField({
    label: 'Why the partnership is closed',
    hint: 'For example, Christmas Eve closure',
    schema: required('Enter why the partnership is closed'),
  }),
});

export const personChangesFields = (
  person: Person,
  directory: {
    agencies: readonly Agency[];
    teams: readonly Team[];
    regions: readonly Region[];
    people: readonly Person[];
  },
) => ({
  name: textField({ label: 'Full name', schema: required('Enter the person’s full name') }),
  jobTitle: textField({ label: 'Job title (optional)', schema: optional() }),
  telephone: textField({ label: 'Telephone number (optional)', type: 'tel', schema: optional(40) }),
  agencyId: selectField({
    label: 'Agency',
    placeholder: 'None',
    choices: named(directory.agencies),
    schema: optionalId,
  }),
  teamId: selectField({
    label: 'Team (optional)',
    placeholder: 'None',
    choices: directory.teams.map((team) => ({
      value: team.id,
      text: `${team.name} (${directory.agencies.find((agency) => agency.id === team.agencyId)?.name ?? ''})`,
    })),
    schema: optionalId,
  }),
  regionId: selectField({
    label: 'Region (optional)',
    placeholder: 'None',
    choices: named(directory.regions),
    schema: optionalId,
  }),
  lineManagerId: selectField({
    label: 'Line manager (optional)',
    placeholder: 'None',
    choices: named(directory.people.filter((other) => other.id !== person.id)),
    schema: optionalId,
  }),
  active: selectField({
    label: 'Do they still use Accord?',
    hint: 'Someone who has left can no longer sign in; what they did stays in the record.',
    placeholder: 'Choose one',
    choices: [
      { value: 'yes', text: 'Yes' },
      { value: 'no', text: 'No, they have left or no longer need it' },
    ],
    schema: z.enum(['yes', 'no'], { error: 'Say whether they still use Accord' }),
  }),
});

export const rolesFields = (
  person: Person,
  grantable: readonly (typeof roles)[number][],
  askPassword: boolean,
  levels: readonly ProtocolLevel[] = [],
) => ({
  roles: rolesField(
    `Roles of ${person.name}`,
    grantable,
    levels.length > 0
      ? 'The roles given to them. Their level adds the role it counts as, while the protocol says so'
      : undefined,
  ),
  ...levelFields(levels, false),
  ...(askPassword
    ? {
        password: passwordField({
          label: 'Your password',
          schema: z.string().max(1024).optional(),
        }),
      }
    : {}),
});

export const retentionFields = () => ({
  months: textField({
    label: 'How many months after a case ends are its details kept?',
    hint: 'A case ends when it is closed, withdrawn, or resolved and never closed. For example, 72 for 6 years',
    inputmode: 'numeric',
    suffix: 'months',
    classes: 'govuk-input--width-4',
    spellcheck: false,
    schema: z
      .string({ error: 'Enter how many months a case’s details are kept' })
      .trim()
      .min(1, 'Enter how many months a case’s details are kept')
      .regex(/^\d{1,6}$/, 'Enter the number of months as a whole number, like 72')
      .transform(Number)
      .pipe(retentionMonthsSchema),
  }),
});
