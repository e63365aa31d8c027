import { z } from 'zod';
import { type AuditActionGroup, auditActionGroups } from '../../../domain/audit/auditActions.ts';
import type { AuditPerson } from '../../../domain/audit/auditEntryWords.ts';
import { formatDate } from '../../../domain/calendar/formatting.ts';
import { calendarDate } from '../../../domain/disagreement/actions/inputs.ts';
import {
  checkboxesField,
  dateField,
  type FormBody,
  selectField,
  textField,
  unlessEmpty,
} from '../../../forms/fields.ts';
import { dateValues } from '../../../forms/form.ts';

// The audit trail's filters: a GET form (three boxes per date) that, once read, becomes the
// page's address (person, case, group, from, to, lists), so every page of it can be linked to.

const groups = Object.keys(auditActionGroups) as [AuditActionGroup, ...AuditActionGroup[]];

/** The filters as the address carries them; anything unreadable there is dropped. */
export const auditAddress = z.object({
  person: z.uuid().optional().catch(undefined),
  case: z.string().trim().max(100).optional().catch(undefined),
  group: z.enum(groups).optional().catch(undefined),
  from: calendarDate.optional().catch(undefined),
  to: calendarDate.optional().catch(undefined),
  lists: z.literal('yes').optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type AuditAddress = z.infer<typeof auditAddress>;

/** Whether the filter form itself was sent (its date boxes always are), to be read and checked. */
export const isFilterForm = (sent: FormBody) =>
  Object.keys(sent).some((key) => /^(from|to)-(day|month|year)$/.test(key));

export function auditFilterFields(people: readonly AuditPerson[]) {
  return {
    person: selectField({
      label: 'Person',
      hint: 'What they did, and what was done to their account',
      size: 's',
      placeholder: 'Anyone',
      choices: people.map((person) => ({
        value: person.id,
        text: person.active ? person.name : `${person.name} (no longer active)`,
      })),
      schema: unlessEmpty(z.uuid({ error: 'Choose a person from the list' })),
    }),
    group: selectField({
      label: 'Action',
      size: 's',
      placeholder: 'Any action',
      choices: groups.map((group) => ({ value: group, text: auditActionGroups[group] })),
      schema: unlessEmpty(z.enum(groups, { error: 'Choose an action from the list' })),
    }),
    case: textField({
      label: 'Disagreement reference',
      hint: 'For example, PL-2026-0007',
      size: 's',
      spellcheck: false,
      classes: 'govuk-input--width-10',
      schema: z.string().trim().max(100, 'A reference is 100 characters or fewer').default(''),
    }),
    from: dateField({
      label: 'From',
      hint: 'For example, 1 12 2026',
      size: 's',
      messages: { invalid: 'Enter the first date as a real date, like 1 12 2026' },
    }),
    to: dateField({
      label: 'To',
      hint: 'For example, 31 12 2026',
      size: 's',
      messages: { invalid: 'Enter the last date as a real date, like 31 12 2026' },
    }),
    lists: checkboxesField({
      label: 'List and search views',
      size: 's',
      choices: [
        {
          value: 'yes',
          text: 'Show list and search views',
          hint: 'Each case someone saw in a list, a search or the learning log, and each reading of the list of people or of this trail',
        },
      ],
      schema: z.array(z.literal('yes')).max(1),
    }),
  };
}
export type AuditFilterFields = ReturnType<typeof auditFilterFields>;

/** The second date is not before the first. */
export function periodProblem(values: {
  from?: Temporal.PlainDate | null | undefined;
  to?: Temporal.PlainDate | null | undefined;
}) {
  return values.from && values.to && Temporal.PlainDate.compare(values.from, values.to) > 0
    ? { to: 'The last date must be the same as or after the first date' }
    : undefined;
}

/** The form's answers again, from the address. */
export function formValuesOf(address: AuditAddress): FormBody {
  return {
    person: address.person,
    group: address.group,
    case: address.case,
    lists: address.lists ? ['yes'] : [],
    ...(address.from ? dateValues('from', Temporal.PlainDate.from(address.from)) : {}),
    ...(address.to ? dateValues('to', Temporal.PlainDate.from(address.to)) : {}),
  };
}

/** The filters in force, in words, for the line above the table. */
export function filtersInWords(address: AuditAddress, people: readonly AuditPerson[]): string[] {
  const day = (date: string) => formatDate(Temporal.PlainDate.from(date));
  return [
    address.person
      ? `by or about ${people.find((person) => person.id === address.person)?.name ?? 'a person no longer in the directory'}`
      : '',
    address.group ? auditActionGroups[address.group].toLowerCase() : '',
    address.case ? `about ${address.case}` : '',
    address.from && address.to
      ? `from ${day(address.from)} to ${day(address.to)}`
      : address.from
        ? `on or after ${day(address.from)}`
        : address.to
          ? `on or before ${day(address.to)}`
          : '',
  ].filter(Boolean);
}
