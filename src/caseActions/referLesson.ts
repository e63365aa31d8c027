import { z } from 'zod';
import { referLesson } from '../domain/disagreement/actions/referLesson.ts';
import { lessonThemes } from '../domain/vocabulary.ts';
import { lessonThemeNames } from '../domain/vocabularyNames.ts';
import { checkboxesField, textareaField } from '../forms/fields.ts';
import { type CaseActionEntry, pageFace } from './caseActionEntry.ts';
import { required } from './pageText.ts';

export const referLessonEntry: CaseActionEntry = {
  command: referLesson,
  api: {
    method: 'post',
    path: '/lessons',
    summary: 'Refer a lesson to the partnership’s learning log while the case runs (extension)',
  },
  page: pageFace({
    path: 'refer-lesson',
    heading: 'Refer a lesson to the partnership',
    submitText: 'Refer the lesson',
    intro: (view) => [
      `Lessons go to ${view.rules.protocol.learning.route}. ${view.rules.protocol.learning.guidance}`,
    ],
    fields: (view) => ({
      themes: checkboxesField({
        label: 'What is the lesson about?',
        hint: 'Tick as many as apply.',
        size: 's',
        choices: view.rules.protocol.learning.themes.map((theme) => ({
          value: theme,
          text: lessonThemeNames[theme],
        })),
        schema: z.array(z.enum(lessonThemes)).min(1, 'Tick what the lesson is about'),
      }),
      text: textareaField({ label: 'The lesson', size: 's', schema: required('the lesson') }),
    }),
    submit: (values) => ({
      command: referLesson,
      input: { lesson: { themes: values.themes, text: values.text } },
    }),
    fieldOf: (path) =>
      path.startsWith('lesson.themes')
        ? 'themes'
        : path.startsWith('lesson.text')
          ? 'text'
          : undefined,
    offer: () => 'Refer a lesson to the partnership',
    done: () => 'Lesson referred to the partnership',
  }),
};
