import type { z } from 'zod';
import { Invalid } from '../domain/errors.ts';

/** Parses a request part with its schema, or a 400 problem naming every field that is wrong. */
export function parseRequest<Schema extends z.ZodType>(
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
