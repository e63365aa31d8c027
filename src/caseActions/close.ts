import { z } from 'zod';
import { close } from '../domain/disagreement/actions/close.ts';
import { lessonThemes } from '../domain/vocabulary.ts';
import { lessonThemeNames } from '../domain/vocabularyNames.ts';
import type { FormErrors } from '../forms/fields.ts';
import { checkboxesField, textareaField } from '../forms/fields.ts';
import { type CaseActionEntry, pageFace } from './caseActionEntry.ts';

export const closeEntry: CaseActionEntry = {
  command: close,
  api: { method: 'post', path: '/close', summary: 'Close a resolved case, with lessons' },
  page: pageFace({
    path: 'close',
    heading: 'Close the disagreement',
    submitText: 'Close',
    intro: (view) => [
      `Lessons go to ${view.rules.protocol.learning.route}. ${view.rules.protocol.learning.guidance}`,
    ],
    fields: (view) => ({
      lessonThemes: checkboxesField({
        label: 'Is there a lesson for the partnership? (optional)',
        hint: 'Tick what it is about: as many as apply. Leave all unticked if there is no lesson.',
        size: 's',
        choices: view.rules.protocol.learning.themes.map((theme) => ({
          value: theme,
          text: lessonThemeNames[theme],
        })),
        schema: z.array(z.enum(lessonThemes)),
      }),
      lessonText: textareaField({
        label: 'The lesson',
        size: 's',
        schema: z
          .string()
          .trim()
          .max(5000, 'The lesson must be 5,000 characters or fewer')
          .default(''),
      }),
    }),
    across: (values) => {
      const errors: FormErrors = {};
      const themes = values.lessonThemes ?? [];
      if (themes.length > 0 && !values.lessonText) {
        errors.lessonText = 'Enter the lesson, or untick what it is about';
      }
      if (themes.length === 0 && values.lessonText) {
        errors.lessonThemes = 'Tick what the lesson is about';
      }
      return errors;
    },
    submit: (values) => ({
      command: close,
      input: {
        lessons:
          values.lessonThemes.length > 0
            ? [{ themes: values.lessonThemes, text: values.lessonText }]
            : [],
      },
    }),
    offer: ({ disagreement }) =>
      disagreement.status === 'resolved' ? 'Close, with lessons learned' : undefined,
    done: () => 'Disagreement closed',
  }),
};
