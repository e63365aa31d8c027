import { z } from 'zod';
import { proposeOutcome } from '../domain/disagreement/actions/proposeOutcome.ts';
import { minutesAwaited, otherSideCanSee } from '../domain/disagreement/disagreement.ts';
import type { FormErrors } from '../forms/fields.ts';
import { dateField, selectField, textareaField, textField } from '../forms/fields.ts';
import { type CaseActionEntry, pageFace } from './caseActionEntry.ts';
import { caseDateTime, endOfWorkingDay, nowAs, ownerChoices } from './pageParts.ts';
import { required } from './pageText.ts';

export const proposeOutcomeEntry: CaseActionEntry = {
  command: proposeOutcome,
  api: { method: 'post', path: '/resolve', summary: 'Propose the agreed outcome and actions' },
  page: pageFace({
    path: 'propose-outcome',
    heading: 'Propose an outcome',
    submitText: 'Send for confirmation',
    intro: () => [
      'Write the outcome as agreed, and how any outstanding issues will be pursued. The other agencies confirm it in writing; until they do, the stage goes on.',
    ],
    defaults: (view) => nowAs('occurredAt', view),
    fields: (view) => ({
      occurredAt: caseDateTime('When was it agreed?', 'the outcome was agreed'),
      agreedOutcome: textareaField({
        label: 'The agreed outcome',
        size: 's',
        rows: 8,
        schema: required('the agreed outcome', 10000),
      }),
      description: textField({
        label: 'An agreed action (optional)',
        hint: 'You can add more actions from the case page',
        size: 's',
        schema: z
          .string()
          .trim()
          .max(2000, 'What needs to be done must be 2000 characters or fewer')
          .default(''),
      }),
      ownerId: selectField({
        label: 'Who will do it',
        size: 's',
        placeholder: 'Choose who will do it',
        choices: ownerChoices(view),
        schema: z.string().default(''),
      }),
      dueAt: dateField({
        label: 'By when',
        size: 's',
        messages: { invalid: 'The date the action is due must be a real date, like 24 11 2026' },
      }),
    }),
    // The action is optional; once it is described, who does it and by when are needed.
    across: (values) => {
      if (!values.description) return undefined;
      const errors: FormErrors = {};
      if (!z.uuid().safeParse(values.ownerId).success) errors.ownerId = 'Choose who will do it';
      if (values.dueAt === null) errors.dueAt = 'Enter the date the action is due';
      return errors;
    },
    fieldOf: (path) => /^actions\.\d+\.(\w+)$/.exec(path)?.[1] ?? undefined,
    submit: (values, view) => ({
      command: proposeOutcome,
      input: {
        occurredAt: values.occurredAt,
        agreedOutcome: values.agreedOutcome,
        actions:
          values.description && values.dueAt
            ? [
                {
                  description: values.description,
                  ownerId: values.ownerId,
                  dueAt: endOfWorkingDay(view, values.dueAt),
                },
              ]
            : [],
      },
    }),
    offer: ({ disagreement, rules }) =>
      disagreement.status === 'open' &&
      !disagreement.resolution &&
      otherSideCanSee(disagreement, rules.ladder) &&
      // The case page asks for the meeting's minutes first.
      !minutesAwaited(disagreement, rules)
        ? 'Propose an outcome'
        : undefined,
    done: () => 'Outcome proposed: the other agencies are asked to confirm it',
  }),
};
