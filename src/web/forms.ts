import type { z } from 'zod';

/** A form's problems by field name, and the error summary GOV.UK pages show above the form. */
export type FormErrors = Record<string, string>;

export type FormCheck<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FormErrors; values: Record<string, unknown> };

/** Checks a submitted form against its schema; the first problem of each field is kept. */
export function checkForm<S extends z.ZodType>(schema: S, body: unknown): FormCheck<z.output<S>> {
  const values = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values };
}

/** The GOV.UK error summary's list: each problem linking to its field. */
export function errorList(errors: FormErrors, fieldIds: Record<string, string> = {}) {
  return Object.entries(errors).map(([field, text]) => ({
    text,
    href: `#${fieldIds[field] ?? field}`,
  }));
}

/** A local path to return to after signing in; anything else (another site) goes home. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\w\-/?=&.%]*$/.test(value) ? value : '/';
}
