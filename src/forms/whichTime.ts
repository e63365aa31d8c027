import {
  clockTimeFrom,
  dateFromParts,
  type LocalTimeReading,
  readLocalTime,
  type WhichTime,
} from '../domain/calendar/localDateTime.ts';
import type { Component, Field, FieldContext, FormBody } from './fields.ts';

// A time that happens twice on its day (the clocks go back) is asked about, never guessed:
// the form shows again with radios that ask which of the two is meant.

export type Twice = Extract<LocalTimeReading, { kind: 'twice' }>;

/** What the form says when a typed time names no instant, or two and no choice was made. */
export function unreadTimeProblem(reading: LocalTimeReading): string {
  if (reading.kind === 'skipped') return reading.message;
  return reading.kind === 'twice' ? reading.question : 'Check the date and time';
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The reading of a date (three boxes named `dateName`) and a time (`timeName`) in the form's
 * answers when that time happens twice that day, so the form asks which; undefined otherwise.
 * A time left empty is midday, as the date-and-time field reads it.
 */
export function doubledTime(
  values: FormBody,
  dateName: string,
  timeName: string,
  context: FieldContext | undefined,
): Twice | undefined {
  const date = dateFromParts({
    day: text(values[`${dateName}-day`]),
    month: text(values[`${dateName}-month`]),
    year: text(values[`${dateName}-year`]),
  });
  const time = clockTimeFrom(text(values[timeName]));
  if (!context?.timeZone || typeof date === 'string' || time === 'invalid') return undefined;
  const reading = readLocalTime(
    date,
    time === 'missing' ? new Temporal.PlainTime(12, 0) : time,
    context.timeZone,
  );
  return reading.kind === 'twice' ? reading : undefined;
}

/** GOV.UK radios asking which of a doubled time is meant, the question as their legend. */
export function whichRadios(
  name: string,
  reading: Twice,
  values: FormBody,
  error: string | undefined,
): Component {
  return {
    macro: 'govukRadios',
    params: {
      idPrefix: name,
      name,
      fieldset: { legend: { text: reading.question, classes: 'govuk-fieldset__legend--s' } },
      items: (['first', 'second'] as const).map((which) => ({
        value: which,
        text: reading.choices[which].text,
        checked: values[name] === which,
      })),
      errorMessage: error ? { text: error } : undefined,
    },
  };
}

/**
 * For a form that asks a date and a time as two fields (raising's "when"): the question of
 * which, shown only when the answers name a doubled time; its answer, or null. The page's rule
 * across its fields asks it (readLocalTime, chosenInstant) when it is needed and unanswered.
 */
export function whichTimeField(dateName: string, timeName: string): Field<WhichTime | null> {
  return {
    kind: 'radios',
    label: 'Which time',
    parse: (body, name) => {
      const value = body[name];
      return { ok: true, value: value === 'first' || value === 'second' ? value : null };
    },
    view: (name, values, error, context) => {
      const reading = doubledTime(values, dateName, timeName, context);
      return reading ? [whichRadios(name, reading, values, error)] : [];
    },
    inputId: (name) => name,
  };
}
