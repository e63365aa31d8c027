import { z } from 'zod';

// What Accord refuses in any text a person sends, through a form or the API: text that cannot
// be stored (a lone surrogate is a 500 on PostgreSQL), shown faithfully (control characters,
// bidirectional overrides that make "gnp.exe" read as "exe.png"), or read at all (only
// invisible characters). Each message completes a sentence that starts with the field's name.

/** Single-line text (names, a place) refuses line breaks and tabs as well. */
export type TextKind = 'line' | 'multiline';

export const BROKEN_CHARACTERS =
  'must not contain broken characters (check text copied from elsewhere)';
const CONTROL = 'must not contain control characters';
const BIDI = 'must not contain characters that change the direction of the text';
const INVISIBLE = 'must contain visible text, not only invisible characters';

// Cc is C0, DEL and C1; text of several lines keeps its tabs and line breaks.
const multilineControls = /(?![\t\n\r])\p{Cc}/u;
const lineControls = /\p{Cc}/u;
const bidiOverrides = /[\u202A-\u202E\u2066-\u2069]/u;
// Whitespace, zero-width characters, word joiner, BOM, soft hyphen…, and the blank Braille cell.
const invisibleOnly = /^[\s\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** What is wrong with a text, in words that follow its field's name; null if nothing. */
export function textProblem(value: string, kind: TextKind = 'multiline'): string | null {
  if (!value.isWellFormed()) return BROKEN_CHARACTERS;
  if ((kind === 'line' ? lineControls : multilineControls).test(value)) return CONTROL;
  if (bidiOverrides.test(value)) return BIDI;
  // Whitespace alone is an empty answer, for the field's own schema to accept or refuse.
  if (value.trim() !== '' && invisibleOnly.test(value)) return INVISIBLE;
  return null;
}

/** A string that passes textProblem: the one text schema of every form and the API. */
export const safeString = (kind: TextKind = 'multiline') =>
  z.string().superRefine((value, context) => {
    const problem = textProblem(value, kind);
    if (problem) context.addIssue({ code: 'custom', message: problem, abort: true });
  });
