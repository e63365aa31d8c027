import { z } from 'zod';
import {
  type Choice,
  checkboxesField,
  type FormBody,
  radiosField,
  selectField,
  textareaField,
  textField,
} from '../../../forms/fields.ts';

// The editor's fields take what was typed as it is: the protocol checker, not the form, says
// what is wrong with it (in its own words, beside the field), so a draft can be saved unfinished.

const anyText = z.string().default('');
const anyList = z.array(z.string()).default([]);

type Common = { hint?: string; size?: 's' | 'm' | 'l' };

export const line = (label: string, common: Common & { classes?: string } = {}) =>
  textField({ label, schema: anyText, spellcheck: false, ...common });
export const paragraph = (label: string, common: Common & { rows?: number } = {}) =>
  textareaField({ label, schema: anyText, ...common });
export const ticks = (label: string, choices: readonly Choice[], common: Common = {}) =>
  checkboxesField({ label, schema: anyList, choices, ...common });
export const oneOf = (
  label: string,
  choices: readonly Choice[],
  common: Common & { inline?: boolean } = {},
) => radiosField({ label, schema: anyText, choices, ...common });
export const pick = (label: string, choices: readonly Choice[], common: Common = {}) =>
  selectField({ label, schema: anyText, choices, ...common });

/** What was typed in a field, trimmed ('' when nothing). */
export const typed = (body: FormBody, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
};
/** What was ticked in a checkboxes field. */
export const ticked = (body: FormBody, name: string): string[] =>
  [body[name] ?? []].flat().filter((value): value is string => typeof value === 'string');
/** Text of several lines, one item a line, blank lines left out. */
export const lines = (body: FormBody, name: string): string[] =>
  (typeof body[name] === 'string' ? (body[name] as string) : '')
    .split(/\r?\n/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** Optional text: left out when empty. */
export const optional = (value: string): string | undefined => (value === '' ? undefined : value);

/** A whole number as a number; anything else as typed, for the checker to refuse by name. */
export const wholeNumber = (value: string): number | string | undefined =>
  value === '' ? undefined : /^\d+$/.test(value) ? Number(value) : value;

/**
 * A list from ticked boxes, keeping the order it had (new ticks after) and anything it held
 * that the page did not offer as a box.
 */
export function keepOrder(
  original: readonly string[],
  offered: readonly string[],
  chosen: readonly string[],
) {
  const kept = original.filter((item) => chosen.includes(item) || !offered.includes(item));
  return [...kept, ...chosen.filter((item) => !kept.includes(item))];
}

/**
 * Where a checker problem's path falls on a page: the field for the longest matching part
 * after `prefix`, `fallback` for anything else under it, undefined for paths not under it.
 */
export function fieldUnder(
  path: string,
  prefix: string,
  table: readonly (readonly [string, string])[],
  fallback: string,
): string | undefined {
  if (!(path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)))
    return undefined;
  const rest = path.slice(prefix.length).replace(/^\./, '');
  const match = [...table]
    .filter(([part]) => rest === part || rest.startsWith(`${part}.`) || rest.startsWith(`${part}[`))
    .sort(([a], [b]) => b.length - a.length)[0];
  return match?.[1] ?? fallback;
}

export const yesNo: Choice[] = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];
