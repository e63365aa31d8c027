/** The orders a list of cases can be read in: newest into Accord first, by the date first raised, or soonest due. */
export const caseSorts = ['newest', 'raised', 'due'] as const;
export type CaseSort = (typeof caseSorts)[number];
