import type { Protocol } from './protocolSchema.ts';

/** The form field sources that read what the raise journey's family page asks. */
const familySources: ReadonlySet<string> = new Set([
  'parents',
  'family-address',
  'referral-date',
  'agencies-involved',
]);

/**
 * Whether raising asks for the family's details: only when some form of the protocol reads
 * them, so a monitoring form that never asks about the family does not make raising ask.
 */
export function familyDetailsNeeded(protocol: Pick<Protocol, 'forms'>): boolean {
  return protocol.forms.some((form) => form.fields.some((field) => familySources.has(field.from)));
}
