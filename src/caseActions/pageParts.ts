import { formatInstant } from '../domain/calendar/formatting.ts';
import type { Person } from '../domain/directory/directory.ts';
import { personWithRole } from '../domain/directory/personWithRole.ts';
import { mayOwnActions } from '../domain/disagreement/actions/actionOwners.ts';
import { type Choice, dateTimeField } from '../forms/fields.ts';
import { dateTimeValues } from '../forms/form.ts';
import type { PageContext } from './caseActionEntry.ts';

// What several case action pages ask or show.

/** Now, as a date-and-time field's answer in the partnership's time zone. */
export function nowAs(name: string, view: PageContext) {
  return dateTimeValues(name, view.rules.now, view.rules.calendar.timeZone);
}

export function when(view: PageContext, instant: Temporal.Instant | string): string {
  return formatInstant(
    typeof instant === 'string' ? Temporal.Instant.from(instant) : instant,
    view.rules.calendar.timeZone,
  );
}

/** What a date and time on the case says is wrong: "of the discussion", "the outcome was agreed". */
export function caseDateTimeMessages(what: string) {
  return {
    missing: `Enter the date ${what}`,
    invalid: `The date ${what} must be a real date, like 24 11 2026`,
    invalidTime: `Enter the time ${what} like 2:30pm or 14:30`,
  };
}

export function caseDateTime(label: string, what: string, hint?: string) {
  return dateTimeField({ label, hint, size: 's', messages: caseDateTimeMessages(what) });
}

/** The people who may own an action: those of the agencies in it who may see it now. */
export function ownerChoices(view: PageContext): Choice[] {
  return view.directory.people
    .filter((person: Person) => mayOwnActions(person, view.disagreement, view.access))
    .map((person) => ({
      value: person.id,
      text: personWithRole(person, (id) => agencyOf(view, id)?.name),
    }));
}

const agencyOf = (view: PageContext, id: string | null) =>
  view.directory.agencies.find((agency) => agency.id === id);

export function agencyName(view: PageContext, id: string | null): string {
  return agencyOf(view, id)?.name ?? 'the partnership team';
}

/** A day's date, due at the end of the partnership's working day. */
export function endOfWorkingDay(view: PageContext, date: Temporal.PlainDate): string {
  const end = Temporal.PlainTime.from(view.rules.calendar.settings.workingHours.end);
  return date
    .toZonedDateTime({ timeZone: view.rules.calendar.timeZone, plainTime: end })
    .toInstant()
    .toString({ smallestUnit: 'millisecond' });
}
