import { z } from 'zod';
import { confirmOutcome } from '../domain/disagreement/actions/confirmOutcome.ts';
import { rejectOutcome } from '../domain/disagreement/actions/rejectOutcome.ts';
import { awaitingConfirmationFrom } from '../domain/disagreement/disagreement.ts';
import { radiosField, textareaField } from '../forms/fields.ts';
import { revealed } from '../forms/reveals.ts';
import { type CaseActionEntry, pageFace } from './caseActionEntry.ts';
import { chosen } from './pageText.ts';

/** One page answers a proposed outcome either way; the API has a route for each. */
export const confirmOutcomeEntry: CaseActionEntry = {
  command: confirmOutcome,
  api: {
    method: 'post',
    path: '/confirm',
    summary: 'Confirm the proposed outcome for the caller’s agency',
  },
  page: pageFace({
    path: 'confirm-outcome',
    heading: 'Confirm or reject the proposed outcome',
    submitText: 'Send your answer',
    intro: (view) => [`Proposed outcome: ${view.disagreement.resolution?.agreedOutcome ?? 'none'}`],
    fields: () => ({
      answer: radiosField({
        label: 'Does your agency agree with this outcome?',
        size: 's',
        choices: [
          { value: 'confirm', text: 'Yes, confirm it for my agency' },
          { value: 'reject', text: 'No, reject it: the stage goes on' },
        ],
        schema: chosen(['confirm', 'reject'], 'Choose whether your agency agrees with the outcome'),
      }),
      reason: revealed(
        { field: 'answer', value: 'reject' },
        textareaField({
          label: 'Why does your agency not agree?',
          schema: z
            .string()
            .trim()
            .max(2000, 'The reason must be 2,000 characters or fewer')
            .default(''),
        }),
      ),
    }),
    across: (values) =>
      values.answer === 'reject' && values.reason === ''
        ? { reason: 'Enter why your agency does not agree' }
        : undefined,
    submit: (values) =>
      values.answer === 'confirm'
        ? { command: confirmOutcome, input: {} }
        : { command: rejectOutcome, input: { reason: values.reason } },
    offer: ({ disagreement, actor }) =>
      actor.agencyId !== null && awaitingConfirmationFrom(disagreement).includes(actor.agencyId)
        ? 'Confirm or reject the proposed outcome'
        : undefined,
    done: (result) =>
      result.resolution === null
        ? 'Outcome rejected: the stage goes on'
        : result.status === 'resolved'
          ? 'Outcome confirmed: the disagreement is resolved'
          : 'Outcome confirmed for your agency',
  }),
};

export const rejectOutcomeEntry: CaseActionEntry = {
  command: rejectOutcome,
  api: {
    method: 'post',
    path: '/reject-outcome',
    summary: 'Reject the proposed outcome, with a reason',
  },
};
