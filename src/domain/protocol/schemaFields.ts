import { z } from 'zod';
import { textProblem } from '../safeText.ts';
import { agencyKinds } from '../vocabulary.ts';

/**
 * The field types every part of a protocol file is built from (protocolSchema.ts,
 * stageSchema.ts): its text, keys, whole numbers and lists of distinct items.
 */

// The one text rule of every form and the API (safeText.ts) holds for a protocol's words too.
export const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .superRefine((value, context) => {
    const problem = textProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/** Text of one line: an item of a list that the editor writes one to a line (a stage's prompts). */
export const line = text.refine((value) => !/[\r\n\u2028\u2029]/.test(value), 'must be one line');

/** A list in which each item may appear once: "\"manager\" is listed twice". */
export function distinct<T extends z.ZodType<unknown[]>>(list: T): T {
  return list.superRefine((items, context) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const id = JSON.stringify(item);
      if (seen.has(id)) {
        context.addIssue({ code: 'custom', path: [index], message: `${id} is listed twice` });
      }
      seen.add(id);
    });
  }) as unknown as T;
}

export const key = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be lowercase letters, digits and hyphens, like stage-1',
  );

export const positiveWholeNumber = z
  .number({ error: 'must be a positive whole number' })
  .int('must be a positive whole number')
  .positive('must be a positive whole number');

export const agencyKind = z.enum(agencyKinds);
