import {
  chosenInstant,
  clockTimeFrom,
  type DateParts,
  dateFromParts,
  readLocalTime,
} from '../domain/calendar/localDateTime.ts';
import { isoInstant } from '../domain/clock.ts';
import { type Common, errorOf, hintOf, labelOf, legendOf, stringOf } from './fieldParts.ts';
import type { Component, Field, FormBody } from './fields.ts';
import { doubledTime, unreadTimeProblem, whichRadios } from './whichTime.ts';

// The toolkit's date, time and date-and-time fields: each read through the one reader of dates
// and clock times people type (domain/calendar/localDateTime.ts), a doubled time asked about.

export type DateMessages = { missing?: string; invalid: string };

const partsOf = (body: FormBody, name: string): DateParts | null => {
  const parts = ['day', 'month', 'year'].map((part) => body[`${name}-${part}`] ?? '');
  if (parts.some((part) => typeof part !== 'string')) return null;
  const [day, month, year] = parts as string[];
  return { day: day as string, month: month as string, year: year as string };
};

function dateInput(common: Common, name: string, values: FormBody, error: string | undefined) {
  const box = (part: 'day' | 'month' | 'year', label: string, width: number): unknown => ({
    name: part,
    label,
    classes: `govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`,
    value: stringOf(values[`${name}-${part}`]),
  });
  return {
    macro: 'govukDateInput' as const,
    params: {
      id: name,
      namePrefix: name,
      fieldset: legendOf(common),
      hint: hintOf(common.hint),
      errorMessage: errorOf(error),
      items: [box('day', 'Day', 2), box('month', 'Month', 2), box('year', 'Year', 4)],
    },
  };
}

/** A date in GOV.UK's three boxes; null when it may be left empty and is. */
export function dateField(
  field: Common & { messages: DateMessages },
): Field<Temporal.PlainDate | null> {
  return {
    kind: 'date',
    label: field.label,
    parse: (body, name) => {
      const parts = partsOf(body, name);
      const date = parts ? dateFromParts(parts) : 'invalid';
      if (date === 'missing') {
        return field.messages.missing
          ? { ok: false, error: field.messages.missing }
          : { ok: true, value: null };
      }
      return date === 'invalid'
        ? { ok: false, error: field.messages.invalid }
        : { ok: true, value: date };
    },
    view: (name, values, error) => [dateInput(field, name, values, error)],
    inputId: (name) => `${name}-day`,
  };
}

export type TimeMessages = { missing?: string; invalid: string };

/** A clock time, typed ("2:30pm", "14:30", "midday"); null when it may be left empty and is. */
export function timeField(
  field: Common & { messages: TimeMessages; classes?: string },
): Field<Temporal.PlainTime | null> {
  return {
    kind: 'time',
    label: field.label,
    parse: (body, name) => {
      const raw = body[name] ?? '';
      const time = typeof raw === 'string' ? clockTimeFrom(raw) : 'invalid';
      if (time === 'missing') {
        return field.messages.missing
          ? { ok: false, error: field.messages.missing }
          : { ok: true, value: null };
      }
      return time === 'invalid'
        ? { ok: false, error: field.messages.invalid }
        : { ok: true, value: time };
    },
    view: (name, values, error) => [
      {
        macro: 'govukInput',
        params: {
          id: name,
          name,
          label: labelOf(field),
          hint: hintOf(field.hint),
          classes: field.classes ?? 'govuk-input--width-5',
          autocomplete: 'off',
          spellcheck: false,
          value: stringOf(values[name]),
          errorMessage: errorOf(error),
        },
      },
    ],
    inputId: (name) => name,
  };
}

export type DateTimeMessages = { missing: string; invalid: string; invalidTime: string };

/**
 * A date and a time of day that name one instant in the partnership's time zone: the date's
 * three boxes and, beside them, `<name>-time`. A time left empty is the middle of that day.
 * An optional one left empty is null (the form's own rules say when it is needed).
 */
export function dateTimeField(field: Common & { messages: DateTimeMessages }): Field<string>;
export function dateTimeField(
  field: Common & { messages: DateTimeMessages; optional: true },
): Field<string | null>;
export function dateTimeField(
  field: Common & { messages: DateTimeMessages; optional?: boolean },
): Field<string | null> {
  return {
    kind: 'datetime',
    label: field.label,
    parse: (body, name, context) => {
      const parts = partsOf(body, name);
      const date = parts ? dateFromParts(parts) : 'invalid';
      if (date === 'missing') {
        return field.optional
          ? { ok: true, value: null }
          : { ok: false, error: field.messages.missing };
      }
      if (date === 'invalid') return { ok: false, error: field.messages.invalid };
      const raw = body[`${name}-time`] ?? '';
      const time = typeof raw === 'string' ? clockTimeFrom(raw) : 'invalid';
      if (time === 'invalid') return { ok: false, error: field.messages.invalidTime };
      if (!context.timeZone) throw new Error(`the form gave no time zone to read ${name} in`);
      const reading = readLocalTime(
        date,
        time === 'missing' ? new Temporal.PlainTime(12, 0) : time,
        context.timeZone,
      );
      const at = chosenInstant(reading, body[`${name}-which`]);
      if (at) return { ok: true, value: isoInstant(at) };
      return { ok: false, error: unreadTimeProblem(reading) };
    },
    view: (name, values, error, context) => {
      const which = doubledTime(values, name, `${name}-time`, context);
      // Until one of a doubled time is chosen, the problem is the question beside the radios.
      const asking = which && !['first', 'second'].includes(stringOf(values[`${name}-which`]));
      return [
        dateInput(field, name, values, asking ? undefined : error),
        timeInput(name, values),
        ...(which ? [whichRadios(`${name}-which`, which, values, asking ? error : undefined)] : []),
      ];
    },
    inputId: (name, values, context) =>
      values &&
      doubledTime(values, name, `${name}-time`, context) &&
      !['first', 'second'].includes(stringOf(values[`${name}-which`]))
        ? `${name}-which`
        : `${name}-day`,
  };
}

function timeInput(name: string, values: FormBody): Component {
  return {
    macro: 'govukInput',
    params: {
      id: `${name}-time`,
      name: `${name}-time`,
      label: { text: 'Time' },
      hint: { text: 'For example, 2:30pm or 14:30' },
      classes: 'govuk-input--width-5',
      value: stringOf(values[`${name}-time`]),
    },
  };
}
