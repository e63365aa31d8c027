import type { z } from 'zod';
import { whichOf } from '../domain/calendar/localDateTime.ts';
import { Invalid, NotAllowedNow } from '../domain/errors.ts';
import { textProblem } from '../domain/safeText.ts';
import type {
  Component,
  Field,
  FieldContext,
  Fields,
  FormBody,
  FormErrors,
  FormValues,
} from './fields.ts';
import { revealChosen } from './reveals.ts';

// Reading a whole form, saying what is wrong with it, and showing it again: the toolkit's
// part that every form page shares (web/forms/formPage.ts wires it to Fastify).

export type FormCheck<F extends Fields> =
  | { ok: true; values: FormValues<F> }
  | { ok: false; errors: FormErrors };

/**
 * Every field of the form read from what was sent, each problem beside its field, and the
 * form's own rules across fields (given the answers that did read), so that every problem
 * shows at once.
 */
export function checkFields<F extends Fields>(
  fields: F,
  body: unknown,
  context: FieldContext = {},
  across?: (values: Partial<FormValues<F>>) => FormErrors | undefined,
): FormCheck<F> {
  const sent = bodyOf(body);
  const values: Record<string, unknown> = {};
  const errors: FormErrors = {};
  for (const name of Object.keys(fields)) assertNotReserved(name);
  for (const [name, field] of Object.entries(fields)) {
    // A field under a choice not made is not read: it has its empty answer, if it has one.
    const asked = !field.revealedBy || revealChosen(field.revealedBy, sent);
    const parsed = field.parse(asked ? sent : {}, name, context);
    if (parsed.ok) values[name] = parsed.value;
    else if (asked) errors[name] = parsed.error;
  }
  for (const [name, message] of Object.entries(across?.(values as Partial<FormValues<F>>) ?? {})) {
    errors[name] ??= message;
  }
  return Object.keys(errors).length > 0
    ? { ok: false, errors: ordered(errors, fields) }
    : { ok: true, values: values as FormValues<F> };
}

/**
 * Names beginning with "_" are the service's own, never a form's: `_csrf` (the page's token)
 * and `_keep` (the timeout script's "keep this form", signedOutForms.ts). No field may take one,
 * so no answer can be mistaken for them, and kept answers leave them out.
 */
export function assertNotReserved(name: string): void {
  if (name.startsWith('_')) {
    throw new Error(`A form field cannot be called "${name}": names beginning with _ are reserved`);
  }
}

/** Problems in the order of the form's fields, as the error summary lists them. */
function ordered(errors: FormErrors, fields: Fields): FormErrors {
  const names = Object.keys(fields);
  return Object.fromEntries(
    Object.entries(errors).sort(([a], [b]) => rank(names, a) - rank(names, b)),
  );
}
const rank = (names: string[], name: string) =>
  names.includes(name) ? names.indexOf(name) : names.length;

/**
 * A small fixed form read by one zod schema (signing in, a token's name): the parsed data, or
 * the first problem of each field.
 */
export function checkSchema<S extends z.ZodType>(
  schema: S,
  body: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FormErrors; values: FormBody } {
  const values = bodyOf(body);
  // The one text rule (domain/safeText.ts) for every answer but a password, which is not text
  // anyone reads and may be anything a password manager makes. These small fixed forms (sign-in,
  // setup, a token's name) have only one-line answers: a line break or tab is refused too.
  const textErrors: FormErrors = {};
  for (const [name, value] of Object.entries(values)) {
    const problem =
      typeof value === 'string' && !/password|^_csrf$/i.test(name)
        ? textProblem(value, 'line')
        : null;
    if (problem) textErrors[name] = `This answer ${problem}`;
  }
  if (Object.keys(textErrors).length > 0) return { ok: false, errors: textErrors, values };
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues)
    errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return { ok: false, errors, values };
}

/** What a browser sent, as a record (anything else is an empty form). */
export function bodyOf(body: unknown): FormBody {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as FormBody)
    : {};
}

/**
 * Each field's components, with its answers and problem; `context` as the answers were read in.
 * A revealed field goes under the choice that reveals it, its problem beside it there.
 */
export function fieldViews(
  fields: Fields,
  values: FormBody,
  errors: FormErrors,
  context: FieldContext = {},
): Component[] {
  const viewOf = (name: string) =>
    (fields[name] as Field).view(name, values, errors[name], context);
  for (const name of Object.keys(fields)) assertNotReserved(name);
  return Object.keys(fields)
    .filter((name) => !fields[name]?.revealedBy)
    .flatMap((name) => {
      const components = viewOf(name);
      const revealedHere = Object.entries(fields).filter(
        ([, field]) => field.revealedBy?.field === name,
      );
      if (revealedHere.length === 0) return components;
      const reveals: Record<string, Component[]> = {};
      for (const [revealedName, field] of revealedHere) {
        const value = field.revealedBy?.value ?? '';
        reveals[value] = [...(reveals[value] ?? []), ...viewOf(revealedName)];
      }
      const [first, ...rest] = components;
      return first ? [{ ...first, reveals }, ...rest] : [];
    });
}

/** The GOV.UK error summary's list: each problem linking to its field's first input. */
export function errorList(
  errors: FormErrors,
  fields: Fields = {},
  values: FormBody = {},
  context: FieldContext = {},
) {
  return Object.entries(errors).map(([name, text]) => ({
    text,
    href: `#${fields[name]?.inputId(name, values, context) ?? name}`,
  }));
}

/**
 * A domain error's problems beside the fields they are about: an Invalid's paths, or a
 * NotAllowedNow's field, mapped to the form's fields by `fieldOf` (a path the form names
 * differently, like "actions.0.ownerId"), else by the path's first or last part; what names no
 * field of the form goes beside its first field. Anything else is not the form's to show.
 */
export function errorsFromDomain(
  error: unknown,
  fields: Fields,
  fieldOf: (path: string) => string | undefined = () => undefined,
): FormErrors | undefined {
  const names = Object.keys(fields);
  const first = names[0] ?? 'form';
  const fieldFor = (path: string | undefined) => {
    if (path === undefined) return first;
    const parts = path.split('.');
    const candidates = [fieldOf(path), parts[0], parts.at(-1)];
    return candidates.find((name) => name !== undefined && names.includes(name)) ?? first;
  };
  if (error instanceof Invalid) {
    const errors: FormErrors = {};
    for (const problem of error.errors) errors[fieldFor(problem.path)] ??= problem.message;
    return Object.keys(errors).length > 0 ? errors : { [first]: error.message };
  }
  if (error instanceof NotAllowedNow) return { [fieldFor(error.field)]: error.message };
  return undefined;
}

/** A date as the values of its three boxes, to show a date already kept. */
export function dateValues(name: string, date: Temporal.PlainDate): FormBody {
  return {
    [`${name}-day`]: String(date.day),
    [`${name}-month`]: String(date.month),
    [`${name}-year`]: String(date.year),
  };
}

/** An instant as a date-and-time field's values in a time zone ("14:05"). */
export function dateTimeValues(
  name: string,
  instant: Temporal.Instant,
  timeZone: string,
): FormBody {
  const local = instant.toZonedDateTimeISO(timeZone);
  const which = whichOf(instant.round({ smallestUnit: 'minute', roundingMode: 'floor' }), timeZone);
  return {
    ...dateValues(name, local.toPlainDate()),
    [`${name}-time`]: local.toPlainTime().toString({ smallestUnit: 'minute' }),
    ...(which ? { [`${name}-which`]: which } : {}),
  };
}
