import { z } from 'zod';
import { isoInstant } from '../../clock.ts';
import { safeString } from '../../safeText.ts';

// The parts the commands' input schemas are made of. Their messages complete a sentence that
// starts with the field's path ("summary must not be empty"): the API shows them as they are,
// and the pages say it in their own words before a command is reached.

/** Text that may run over several lines, checked by the one text schema (safeText.ts). */
export const text = (most: number) =>
  safeString('multiline')
    .trim()
    .min(1, 'must not be empty')
    .max(most, `must be at most ${most} characters`);

/** Text of one line: a name, a key, a place. */
export const line = (most: number) =>
  safeString('line')
    .trim()
    .min(1, 'must not be empty')
    .max(most, `must be at most ${most} characters`);

/** An ISO 8601 instant with an offset; stored and returned in UTC with milliseconds. */
export const instant = z
  .string()
  .max(40, 'must be an ISO 8601 date and time with an offset, like 2026-11-24T10:00:00Z')
  .transform((value, context) => {
    try {
      return isoInstant(Temporal.Instant.from(value));
    } catch {
      context.addIssue({
        code: 'custom',
        message: 'must be an ISO 8601 date and time with an offset, like 2026-11-24T10:00:00Z',
      });
      return z.NEVER;
    }
  })
  .meta({ format: 'date-time' });

export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-24')
  .refine((value) => {
    try {
      Temporal.PlainDate.from(value, { overflow: 'reject' });
      return true;
    } catch {
      return false;
    }
  }, 'must be a real date like 2026-11-24')
  .meta({ format: 'date' });

export const id = z.uuid('must be an id this service gave');

export const reason = text(2000);
