import { withdraw } from '../domain/disagreement/actions/withdraw.ts';
import { textareaField } from '../forms/fields.ts';
import { type CaseActionEntry, pageFace } from './caseActionEntry.ts';
import { required } from './pageText.ts';

export const withdrawEntry: CaseActionEntry = {
  command: withdraw,
  api: { method: 'post', path: '/withdraw', summary: 'Withdraw the disagreement, with a reason' },
  page: pageFace({
    path: 'withdraw',
    heading: 'Withdraw the disagreement',
    submitText: 'Withdraw',
    warningButton: true,
    warning:
      'The other agency is told that the disagreement has been withdrawn. This cannot be undone.',
    fields: () => ({
      reason: textareaField({
        label: 'Why is it being withdrawn?',
        size: 's',
        schema: required('why it is being withdrawn', 2000),
      }),
    }),
    submit: (values) => ({ command: withdraw, input: { reason: values.reason } }),
    offer: ({ disagreement }) =>
      disagreement.status === 'open' ? 'Withdraw the disagreement' : undefined,
    done: () => 'Disagreement withdrawn',
  }),
};
