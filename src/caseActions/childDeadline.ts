import { z } from 'zod';
import { clearChildDeadline } from '../domain/disagreement/actions/clearChildDeadline.ts';
import { setChildDeadline } from '../domain/disagreement/actions/setChildDeadline.ts';
import { dateTimeField, radiosField, textareaField } from '../forms/fields.ts';
import { type CaseActionEntry, pageFace } from './caseActionEntry.ts';
import { caseDateTimeMessages } from './pageParts.ts';
import { required } from './pageText.ts';

/** One page sets, changes or clears the deadline; the API has a method for each. */
export const setChildDeadlineEntry: CaseActionEntry = {
  command: setChildDeadline,
  api: {
    method: 'put',
    path: '/child-deadline',
    summary: 'Set or change a deadline that protects the child',
  },
  page: pageFace({
    path: 'child-deadline',
    heading: 'Set a deadline to protect the child',
    submitText: 'Save',
    intro: () => [
      'A deadline linked to the child’s needs applies to this stage and every later one when it is earlier than the protocol’s own timescale.',
    ],
    fields: (view) => ({
      ...(view.disagreement.childDeadline
        ? {
            action: radiosField({
              label: 'Change or clear the deadline?',
              size: 's',
              choices: [
                { value: 'set', text: 'Change it' },
                { value: 'clear', text: 'Clear it' },
              ],
              schema: z.enum(['set', 'clear']).default('set'),
            }),
          }
        : {}),
      dueAt: dateTimeField({
        label: 'The deadline',
        size: 's',
        messages: caseDateTimeMessages('of the deadline'),
        optional: true,
      }),
      reason: textareaField({
        label: 'Why this deadline protects the child',
        size: 's',
        schema: required('why this deadline protects the child', 2000),
      }),
    }),
    // Clearing the deadline needs no date; setting or changing it does.
    across: (values) =>
      values.dueAt === null && !('action' in values && values.action === 'clear')
        ? { dueAt: caseDateTimeMessages('of the deadline').missing }
        : undefined,
    submit: (values) =>
      'action' in values && values.action === 'clear'
        ? { command: clearChildDeadline, input: { reason: values.reason } }
        : {
            command: setChildDeadline,
            input: { dueAt: values.dueAt ?? '', reason: values.reason },
          },
    offer: ({ disagreement }) =>
      disagreement.status !== 'open'
        ? undefined
        : `${disagreement.childDeadline ? 'Change or clear' : 'Set'} a deadline to protect the child`,
    done: (result) => (result.childDeadline ? 'Deadline set' : 'Deadline cleared'),
  }),
};

export const clearChildDeadlineEntry: CaseActionEntry = {
  command: clearChildDeadline,
  api: {
    method: 'delete',
    path: '/child-deadline',
    summary: 'Clear the deadline that protects the child',
  },
};
