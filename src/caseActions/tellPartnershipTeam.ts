import { tellPartnershipTeam } from '../domain/disagreement/actions/tellPartnershipTeam.ts';
import { textareaField } from '../forms/fields.ts';
import { type CaseActionEntry, pageFace } from './caseActionEntry.ts';
import { required } from './pageText.ts';

export const tellPartnershipTeamEntry: CaseActionEntry = {
  command: tellPartnershipTeam,
  api: {
    method: 'post',
    path: '/tell-partnership-team',
    summary: 'Tell the partnership team about the case now, with a reason (extension)',
  },
  page: pageFace({
    path: 'tell-partnership-team',
    heading: 'Tell the partnership team now',
    submitText: 'Tell the partnership team',
    intro: (view) => [
      `The ${view.rules.protocol.terms.monitoringTeam} usually hears of a disagreement when it reaches the monitoring stage. Tell them now when they should know sooner: for example, where a child's life may be at risk and an agency maintains it is not involved.`,
      'They see the disagreement first in their monitoring inbox, with your reason.',
    ],
    fields: () => ({
      reason: textareaField({
        label: 'Why should the partnership team know now?',
        size: 's',
        schema: required('why the partnership team should know now', 2000),
      }),
    }),
    submit: (values) => ({ command: tellPartnershipTeam, input: { reason: values.reason } }),
    offer: ({ disagreement }) =>
      disagreement.status === 'open' && !disagreement.partnershipTold
        ? 'Tell the partnership team now'
        : undefined,
    done: () => 'The partnership team has been told',
  }),
};
