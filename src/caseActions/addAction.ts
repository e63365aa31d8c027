import { addAction } from '../domain/disagreement/actions/addAction.ts';
import { dateField, selectField, textField } from '../forms/fields.ts';
import { type CaseActionEntry, pageFace } from './caseActionEntry.ts';
import { endOfWorkingDay, ownerChoices } from './pageParts.ts';
import { person, required } from './pageText.ts';

export const addActionEntry: CaseActionEntry = {
  command: addAction,
  api: { method: 'post', path: '/actions', summary: 'Add an agreed action (extension)' },
  page: pageFace({
    path: 'add-action',
    heading: 'Add an agreed action',
    submitText: 'Add the action',
    fields: (view) => ({
      description: textField({
        label: 'What needs to be done',
        size: 's',
        schema: required('what needs to be done', 2000),
      }),
      ownerId: selectField({
        label: 'Who will do it',
        size: 's',
        placeholder: 'Choose who will do it',
        choices: ownerChoices(view),
        schema: person('Choose who will do it'),
      }),
      dueAt: dateField({
        label: 'By when',
        hint: 'Due at the end of the working day',
        size: 's',
        messages: {
          missing: 'Enter the date the action is due',
          invalid: 'The date the action is due must be a real date, like 24 11 2026',
        },
      }),
    }),
    submit: (values, view) => ({
      command: addAction,
      input: {
        description: values.description,
        ownerId: values.ownerId,
        dueAt: values.dueAt ? endOfWorkingDay(view, values.dueAt) : '',
      },
    }),
    offer: ({ disagreement }) =>
      disagreement.status === 'open' || disagreement.status === 'resolved'
        ? 'Add an agreed action'
        : undefined,
    done: () => 'Action added',
  }),
};
