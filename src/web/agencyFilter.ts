import { z } from 'zod';
import { selectField, unlessEmpty } from '../forms/fields.ts';

/** The agency choice of the partnership team's filter forms: either side of a disagreement. */
export function agencyFilterField(agencies: readonly { id: string; name: string }[]) {
  return selectField({
    label: 'Agency',
    hint: 'On either side of the disagreement',
    size: 's',
    placeholder: 'Any agency',
    choices: agencies.map((agency) => ({ value: agency.id, text: agency.name })),
    schema: unlessEmpty(z.string()),
  });
}
