import type { PersonKey } from './demoDataSet.ts';

/**
 * The few people of the demo data set the demo's sign-in page offers first, each with the
 * task they show best: raising (a school's designated safeguarding lead, with cases of their
 * own), answering (Lancashire's front door, whose Team Manager its stage 1 names) and
 * monitoring (Pan-Lancashire's partnership team).
 */
export const demoSuggestions: readonly { task: string; person: PersonKey }[] = [
  { task: 'Raise a disagreement as a school’s safeguarding lead', person: 'matthew.greenhalgh' },
  { task: 'Answer as the front door', person: 'rachel.ashworth' },
  { task: 'Monitor as the partnership team', person: 'gillian.hartley' },
];
