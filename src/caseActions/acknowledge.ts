import { acknowledge } from '../domain/disagreement/actions/acknowledge.ts';
import { type CaseActionEntry, pageFace } from './caseActionEntry.ts';

export const acknowledgeEntry: CaseActionEntry = {
  command: acknowledge,
  api: {
    method: 'post',
    path: '/acknowledge',
    summary: 'The partnership team acknowledges the case in its monitoring inbox (extension)',
  },
  page: pageFace({
    path: 'acknowledge',
    heading: 'Acknowledge for the partnership team',
    submitText: 'Acknowledge',
    intro: (view) => [
      `The disagreement is in the ${view.rules.protocol.terms.monitoringTeam}'s monitoring inbox. Acknowledging it says that the team has seen it, and who in the team did, so that nobody else needs to.`,
    ],
    fields: () => ({}),
    submit: () => ({ command: acknowledge, input: {} }),
    offer: ({ disagreement }) =>
      (disagreement.monitoringNotifiedAt || disagreement.partnershipTold) &&
      !disagreement.acknowledged
        ? 'Acknowledge for the partnership team'
        : undefined,
    done: () => 'Acknowledged for the partnership team',
  }),
};
