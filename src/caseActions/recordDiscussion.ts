import { recordDiscussion } from '../domain/disagreement/actions/recordDiscussion.ts';
import { recordModes } from '../domain/vocabulary.ts';
import { recordModeNames } from '../domain/vocabularyNames.ts';
import { radiosField, textareaField, textField } from '../forms/fields.ts';
import { type CaseActionEntry, pageFace } from './caseActionEntry.ts';
import { caseDateTime, nowAs } from './pageParts.ts';
import { chosen, optional, required } from './pageText.ts';

export const recordDiscussionEntry: CaseActionEntry = {
  command: recordDiscussion,
  api: { method: 'post', path: '/records', summary: 'Record a discussion' },
  page: pageFace({
    path: 'record-discussion',
    heading: 'Record a discussion',
    submitText: 'Save the record',
    intro: (view) => [view.rules.protocol.recording.guidance],
    defaults: (view) => nowAs('occurredAt', view),
    fields: () => ({
      occurredAt: caseDateTime(
        'When did it take place?',
        'of the discussion',
        'Any time from when the disagreement was first raised until now',
      ),
      mode: radiosField({
        label: 'How did it take place?',
        size: 's',
        choices: recordModes.map((mode) => ({ value: mode, text: recordModeNames[mode] })),
        schema: chosen(recordModes, 'Choose how the discussion took place'),
      }),
      participants: textField({
        label: 'Who took part',
        hint: 'Names and roles, separated by commas',
        size: 's',
        schema: optional(2000, 'List at most 2,000 characters of names'),
      }),
      summary: textareaField({
        label: 'What was said and agreed',
        size: 's',
        rows: 8,
        schema: required('what was said and agreed', 10000),
      }),
    }),
    submit: (values) => ({
      command: recordDiscussion,
      input: {
        occurredAt: values.occurredAt,
        mode: values.mode,
        participants: values.participants
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
        summary: values.summary,
      },
    }),
    offer: ({ disagreement }) =>
      disagreement.status === 'open' || disagreement.status === 'resolved'
        ? 'Record a discussion'
        : undefined,
    done: () => 'Discussion recorded',
  }),
};
