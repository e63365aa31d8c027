import { z } from 'zod';
import { chairCandidates } from '../domain/directory/chairCandidates.ts';
import { stagePeople } from '../domain/directory/stagePeople.ts';
import { arrangeMeeting } from '../domain/disagreement/actions/arrangeMeeting.ts';
import {
  currentMeeting,
  currentStage,
  partyAgencyIds,
  stageLabel,
} from '../domain/disagreement/disagreement.ts';
import { stageOf } from '../domain/protocol/ladder.ts';
import { checkboxesField, radiosField, selectField, textareaField } from '../forms/fields.ts';
import { dateTimeValues } from '../forms/form.ts';
import { type CaseActionEntry, type PageContext, pageFace } from './caseActionEntry.ts';
import { agencyName, caseDateTime } from './pageParts.ts';
import { chosen, optional, person } from './pageText.ts';

const ONLINE_CHOICE = 'online';
const ELSEWHERE_CHOICE = 'elsewhere';

const durations = [
  ['60', '1 hour'],
  ['90', '1 hour 30 minutes'],
  ['120', '2 hours'],
  ['180', '3 hours'],
] as const;

/** The current stage's meeting rule, the chairs it allows, and the stage's people. */
function meetingChoices(view: PageContext) {
  const { people, agencies } = view.directory;
  const current = currentStage(view.disagreement);
  const stage = current ? stageOf(view.rules.ladder, current.key) : undefined;
  const rule = stage?.onEntry.chairedMeeting;
  const chairs = rule ? chairCandidates(rule.chair, view.disagreement, people, agencies) : [];
  const atStage = stage
    ? stagePeople(view.disagreement, stage, view.directory).flatMap((side) => side.people)
    : [];
  return { stage, rule, chairs, atStage };
}

export const arrangeMeetingEntry: CaseActionEntry = {
  command: arrangeMeeting,
  api: {
    method: 'post',
    path: '/meeting',
    summary: 'Arrange or move the current stage’s chaired meeting (extension)',
  },
  page: pageFace({
    path: 'arrange-meeting',
    heading: 'Arrange the meeting',
    submitText: 'Send the invitations',
    intro: (view) => {
      const { stage, rule, chairs } = meetingChoices(view);
      if (!rule) return ['This stage does not call for a chaired meeting.'];
      return [
        `${rule.purpose}, for ${stageLabel(view.rules, stage)}.`,
        chairs.length > 0
          ? 'The chairs listed are those the protocol allows: they are not from an agency in the disagreement.'
          : 'The directory has nobody who can chair under the protocol: ask the partnership team to add them.',
        'Everyone invited gets an e-mail with a calendar invitation, and can see the case.',
      ];
    },
    // A meeting already arranged is shown to be moved; else the stage's people are ticked.
    defaults: (view) => {
      const meeting = currentMeeting(view.disagreement);
      if (!meeting) return { attendeeIds: meetingChoices(view).atStage.map((person) => person.id) };
      const startsAt = Temporal.Instant.from(meeting.startsAt);
      return {
        chairId: meeting.chairId,
        placeChoice:
          meeting.venue.kind === 'listed'
            ? meeting.venue.placeId
            : meeting.venue.kind === 'online'
              ? ONLINE_CHOICE
              : ELSEWHERE_CHOICE,
        placeDetails: meeting.place,
        attendeeIds: meeting.attendeeIds,
        ...dateTimeValues('startsAt', startsAt, view.rules.calendar.timeZone),
        duration: String(Temporal.Instant.from(meeting.endsAt).since(startsAt).total('minutes')),
      };
    },
    fields: (view) => {
      const { chairs, atStage } = meetingChoices(view);
      const parties = partyAgencyIds(view.disagreement);
      const invitable = [
        ...atStage,
        ...view.directory.people.filter(
          (person) =>
            person.active &&
            !atStage.includes(person) &&
            person.agencyId !== null &&
            parties.includes(person.agencyId),
        ),
      ];
      const named = (person: (typeof invitable)[number]) => ({
        value: person.id,
        text: `${person.name} (${agencyName(view, person.agencyId)})`,
      });
      return {
        chairId: selectField({
          label: 'Who will chair it?',
          size: 's',
          placeholder: 'Choose the chair',
          choices: chairs.map(named),
          schema: person('Choose the chair'),
        }),
        startsAt: caseDateTime('When does it start?', 'the meeting starts'),
        duration: selectField({
          label: 'How long is it?',
          size: 's',
          choices: durations.map(([value, text]) => ({ value, text })),
          schema: z.coerce
            .number({ error: 'Choose how long the meeting is' })
            .int()
            .refine(
              (minutes) => durations.some(([value]) => Number(value) === minutes),
              'Choose how long the meeting is',
            ),
        }),
        placeChoice: radiosField({
          label: 'Where is it?',
          hint: 'The invitations name one of the partnership’s meeting places, or say it is online.',
          size: 's',
          choices: [
            ...view.directory.meetingPlaces.map((place) => ({
              value: place.id,
              text: place.name,
              ...(place.address ? { hint: place.address } : {}),
            })),
            { value: ONLINE_CHOICE, text: 'Online' },
            { value: ELSEWHERE_CHOICE, text: 'Somewhere else' },
          ],
          schema: chosen(
            [
              ONLINE_CHOICE,
              ELSEWHERE_CHOICE,
              ...view.directory.meetingPlaces.map((place) => place.id),
            ],
            'Choose where the meeting is',
          ),
        }),
        placeDetails: textareaField({
          label: 'Details of the place (optional)',
          hint: 'A room, the link to join online, or where it is if somewhere else. These stay on this page and are not put in the invitations.',
          size: 's',
          rows: 3,
          schema: optional(500, 'Details of the place must be 500 characters or fewer'),
        }),
        attendeeIds: checkboxesField({
          label: 'Who is invited?',
          hint: 'The people the protocol names for this stage are ticked. The chair is always invited.',
          size: 's',
          choices: invitable.map(named),
          schema: z.array(z.uuid({ error: 'Choose people from the list' })).max(50),
        }),
      };
    },
    submit: (values) => ({
      command: arrangeMeeting,
      input: {
        chairId: values.chairId,
        startsAt: values.startsAt,
        endsAt: Temporal.Instant.from(values.startsAt)
          .add({ minutes: values.duration })
          .toString({ smallestUnit: 'millisecond' }),
        ...(values.placeChoice === ONLINE_CHOICE
          ? { online: true }
          : values.placeChoice === ELSEWHERE_CHOICE
            ? {}
            : { placeId: values.placeChoice }),
        ...(values.placeDetails ? { placeDetails: values.placeDetails } : {}),
        attendeeIds: values.attendeeIds,
      },
    }),
    fieldOf: (path) =>
      path.startsWith('attendeeIds')
        ? 'attendeeIds'
        : path === 'placeId' || path === 'online'
          ? 'placeChoice'
          : path === 'place'
            ? 'placeDetails'
            : undefined,
    done: () => 'Meeting arranged: the invitations are on their way',
  }),
};
