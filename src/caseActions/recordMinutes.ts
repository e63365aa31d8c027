import { recordMinutes } from '../domain/disagreement/actions/recordMinutes.ts';
import { currentMeeting } from '../domain/disagreement/disagreement.ts';
import { placeOnTheCase } from '../domain/disagreement/meetingVenue.ts';
import { textareaField } from '../forms/fields.ts';
import { type CaseActionEntry, pageFace } from './caseActionEntry.ts';
import { when } from './pageParts.ts';
import { required } from './pageText.ts';

export const recordMinutesEntry: CaseActionEntry = {
  command: recordMinutes,
  api: {
    method: 'post',
    path: '/meeting/minutes',
    summary: 'Record the minutes of a chaired meeting (extension)',
  },
  page: pageFace({
    path: 'meeting-minutes',
    heading: 'Record the meeting’s minutes',
    submitText: 'Save the minutes',
    intro: (view) => {
      const meeting = currentMeeting(view.disagreement);
      return meeting
        ? [
            `The meeting of ${when(view, meeting.startsAt)}, ${placeOnTheCase(meeting.venue, meeting.place)}.`,
            'Record the areas of disagreement, the decision and every attempt to agree.',
          ]
        : ['No meeting has been arranged for this stage.'];
    },
    defaults: (view) => ({ minutes: currentMeeting(view.disagreement)?.minutes ?? '' }),
    fields: () => ({
      minutes: textareaField({
        label: 'Minutes',
        size: 's',
        rows: 12,
        schema: required('the minutes', 20000),
      }),
    }),
    // The minutes are of the current stage's meeting: its id is never the form's to choose.
    fieldOf: (path) => (path === 'meetingId' ? 'minutes' : undefined),
    submit: (values, view) => ({
      command: recordMinutes,
      input: { meetingId: currentMeeting(view.disagreement)?.id ?? '', minutes: values.minutes },
    }),
    done: () => 'Minutes recorded',
  }),
};
