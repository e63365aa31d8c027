import { z } from 'zod';
import { listInWords } from '../domain/calendar/formatting.ts';
import { close } from '../domain/disagreement/actions/close.ts';
import { lessonThemes } from '../domain/vocabulary.ts';
import { lessonThemeNames } from '../domain/vocabularyNames.ts';
import { checkboxesField, radiosField, textareaField } from '../forms/fields.ts';
import { revealed } from '../forms/reveals.ts';
import { type CaseActionEntry, pageFace } from './caseActionEntry.ts';
import { chosen, required } from './pageText.ts';

export const closeEntry: CaseActionEntry = {
  command: close,
  api: { method: 'post', path: '/close', summary: 'Close a resolved case, with lessons' },
  page: pageFace({
    path: 'close',
    heading: 'Close the disagreement',
    submitText: 'Close',
    // Closing is allowed with actions open (an owner may have left, or events overtaken them;
    // a partnership must be able to end the case), but it says what that costs.
    warning: ({ disagreement }) => {
      const open = disagreement.actions.filter((action) => action.completedAt === null);
      if (open.length === 0) return undefined;
      const named = listInWords(open.map((action) => `“${action.description}”`));
      return open.length === 1
        ? `The agreed action ${named} is not done yet. Once the disagreement is closed, it cannot be marked as done.`
        : `${open.length} agreed actions are not done yet: ${named}. Once the disagreement is closed, they cannot be marked as done.`;
    },
    intro: (view) => [
      `Lessons go to ${view.rules.protocol.learning.route}. ${view.rules.protocol.learning.guidance}`,
    ],
    fields: (view) => ({
      lesson: radiosField({
        label: 'Is there a lesson for the partnership?',
        size: 's',
        inline: true,
        choices: [
          { value: 'yes', text: 'Yes' },
          { value: 'no', text: 'No' },
        ],
        schema: chosen(['yes', 'no'], 'Choose yes if there is a lesson for the partnership'),
      }),
      lessonThemes: revealed(
        { field: 'lesson', value: 'yes' },
        checkboxesField({
          label: 'What is it about?',
          hint: 'Tick as many as apply',
          choices: view.rules.protocol.learning.themes.map((theme) => ({
            value: theme,
            text: lessonThemeNames[theme],
          })),
          schema: z.array(z.enum(lessonThemes)).min(1, 'Tick what the lesson is about'),
        }),
      ),
      lessonText: revealed(
        { field: 'lesson', value: 'yes' },
        textareaField({
          label: 'The lesson',
          schema: required('the lesson', 5000),
        }),
      ),
    }),
    submit: (values) => ({
      command: close,
      input: {
        lessons:
          values.lesson === 'yes' ? [{ themes: values.lessonThemes, text: values.lessonText }] : [],
      },
    }),
    offer: ({ disagreement }) =>
      disagreement.status === 'resolved' ? 'Close, with lessons learned' : undefined,
    done: () => 'Disagreement closed',
  }),
};
