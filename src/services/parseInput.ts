import type { z } from 'zod';
import { Invalid } from '../domain/errors.ts';

/** Checks input against its schema: the parsed value, or an Invalid (400) naming every field that is wrong. */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  what = 'request',
): z.output<Schema> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new Invalid(
    `The ${what} is not valid`,
    parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || what,
      message: issue.message,
    })),
  );
}
