import { z } from 'zod';

// The words the case action pages use to say what is wrong with an answer: GOV.UK's "Enter …",
// "… must be N characters or fewer". The API says it in its own words (actions/inputs.ts).

export const required = (what: string, most = 5000) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(
      most,
      `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${most} characters or fewer`,
    );

export const optional = (most: number, message: string) =>
  z.string({ error: message }).trim().max(most, message).default('');

export const chosen = <const Values extends readonly [string, ...string[]]>(
  values: Values,
  message: string,
) => z.enum(values, { error: message });

export const person = (message: string) => z.uuid({ error: message });
