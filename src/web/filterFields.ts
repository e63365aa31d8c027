import { z } from 'zod';
import { selectField, unlessEmpty } from '../forms/fields.ts';

// The choices the partnership team's filter forms share (the case list, the learning log).

type Named = { id: string; name: string };

/** An agency on either side of a disagreement. */
export function agencyFilterField(agencies: readonly Named[]) {
  return selectField({
    label: 'Agency',
    hint: 'On either side of the disagreement',
    size: 's',
    placeholder: 'Any agency',
    choices: agencies.map((agency) => ({ value: agency.id, text: agency.name })),
    schema: unlessEmpty(z.string()),
  });
}

/** The local authority a disagreement is in. */
export function localAuthorityFilterField(localAuthorities: readonly Named[]) {
  return selectField({
    label: 'Local authority',
    size: 's',
    placeholder: 'Any local authority',
    choices: localAuthorities.map((la) => ({ value: la.id, text: la.name })),
    schema: unlessEmpty(z.string()),
  });
}
