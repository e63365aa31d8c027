import { calendarRegions } from '../../../domain/calendar/bankHolidays.ts';
import { clockTimeFrom } from '../../../domain/calendar/localDateTime.ts';
import { calendarNames } from '../../../domain/vocabularyNames.ts';
import { compact, entries, rec, str, strs } from './draftData.ts';
import { type EditorPage, single } from './editorPage.ts';
import {
  fieldUnder,
  keepOrder,
  line,
  oneOf,
  optional,
  paragraph,
  pick,
  ticked,
  ticks,
  typed,
  wholeNumber,
  yesNo,
} from './formParts.ts';

// The pages for the protocol's single parts: about, terms, calendar, urgent route, recording
// and learning. Each maps its fields to the protocol and back, and checker paths to fields.

export const aboutPage: EditorPage = {
  path: 'about',
  title: () => 'About the protocol',
  fields: () => ({
    id: line('Id', {
      hint: 'Lowercase letters, digits and hyphens, like north-yorkshire',
      classes: 'govuk-input--width-20',
    }),
    name: line('Name'),
    summary: paragraph('Summary', { rows: 3 }),
    version: line('Version number', { classes: 'govuk-input--width-3' }),
  }),
  values: (data) => ({
    id: str(data.id),
    name: str(data.name),
    summary: str(data.summary),
    version: str(data.version),
  }),
  apply: (data, body) =>
    compact({
      ...data,
      id: typed(body, 'id'),
      name: typed(body, 'name'),
      summary: optional(typed(body, 'summary')),
      version: wholeNumber(typed(body, 'version')) ?? '',
    }),
  fieldFor: (path) =>
    ['id', 'name', 'summary', 'version'].find(
      (field) => path === field || path.startsWith(`${field}.`),
    ),
  instances: single,
};

export const termsPage: EditorPage = {
  path: 'terms',
  title: () => 'Terms',
  intro:
    'What the protocol calls the partnership, its front door, its monitoring team and a rung of its ladder.',
  fields: () => ({
    partnership: line('The partnership'),
    frontDoor: line('The front door', {
      hint: 'Where concerns about a child are referred, like the MASH',
    }),
    monitoringTeam: line('The monitoring team'),
    stage: line('A rung of the ladder', {
      hint: 'stage, unless the document says step or level',
      classes: 'govuk-input--width-10',
    }),
  }),
  values: (data) => {
    const terms = rec(data.terms);
    return {
      partnership: str(terms.partnership),
      frontDoor: str(terms.frontDoor),
      monitoringTeam: str(terms.monitoringTeam),
      stage: str(terms.stage) || 'stage',
    };
  },
  apply: (data, body) => ({
    ...data,
    terms: {
      partnership: typed(body, 'partnership'),
      frontDoor: typed(body, 'frontDoor'),
      monitoringTeam: typed(body, 'monitoringTeam'),
      stage: typed(body, 'stage') || 'stage',
    },
  }),
  fieldFor: (path) =>
    fieldUnder(
      path,
      'terms',
      [
        ['partnership', 'partnership'],
        ['frontDoor', 'frontDoor'],
        ['monitoringTeam', 'monitoringTeam'],
        ['stage', 'stage'],
      ],
      'partnership',
    ),
  instances: single,
};

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const mondayToFriday = weekdays.slice(0, 5);
const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** "9:00", "9am" → "09:00"; anything unreadable as typed, for the checker to refuse. */
function clockTime(typedTime: string): string {
  const time = clockTimeFrom(typedTime);
  return typeof time === 'string' ? typedTime : time.toString({ smallestUnit: 'minute' });
}

export const calendarPage: EditorPage = {
  path: 'calendar',
  title: () => 'Calendar',
  intro:
    'How working days are counted. Adopting the protocol sets the partnership’s calendar to these; its closure days stay.',
  fields: () => ({
    region: oneOf(
      'Bank holidays of',
      calendarRegions.map((region) => ({ value: region, text: calendarNames[region] })),
    ),
    timeZone: line('Time zone', {
      hint: 'For example, Europe/London',
      classes: 'govuk-input--width-20',
    }),
    workingStart: line('Working day starts at', {
      hint: 'For example, 09:00',
      classes: 'govuk-input--width-5',
    }),
    workingEnd: line('Working day ends at', {
      hint: 'For example, 17:00',
      classes: 'govuk-input--width-5',
    }),
    workingWeekdays: ticks(
      'Working weekdays',
      weekdays.map((day) => ({ value: day, text: capitalised(day) })),
    ),
  }),
  values: (data) => {
    const calendar = rec(data.calendar);
    const hours = rec(calendar.workingHours);
    return {
      region: str(calendar.region),
      timeZone: str(calendar.timeZone),
      workingStart: str(hours.start),
      workingEnd: str(hours.end),
      workingWeekdays:
        calendar.workingWeekdays === undefined ? mondayToFriday : strs(calendar.workingWeekdays),
    };
  },
  apply: (data, body) => {
    const was = rec(data.calendar);
    const chosen = ticked(body, 'workingWeekdays');
    const days = keepOrder(strs(was.workingWeekdays), weekdays, chosen);
    const usual =
      was.workingWeekdays === undefined &&
      days.length === 5 &&
      mondayToFriday.every((day) => days.includes(day));
    return {
      ...data,
      calendar: compact({
        region: typed(body, 'region'),
        timeZone: typed(body, 'timeZone'),
        workingHours: {
          start: clockTime(typed(body, 'workingStart')),
          end: clockTime(typed(body, 'workingEnd')),
        },
        workingWeekdays: usual ? undefined : days,
      }),
    };
  },
  fieldFor: (path) =>
    fieldUnder(
      path,
      'calendar',
      [
        ['region', 'region'],
        ['timeZone', 'timeZone'],
        ['workingHours', 'workingStart'],
        ['workingHours.end', 'workingEnd'],
        ['workingWeekdays', 'workingWeekdays'],
      ],
      'region',
    ),
  instances: single,
};

export const urgentPage: EditorPage = {
  path: 'urgent',
  title: () => 'Urgent route',
  intro: 'What happens when the person raising says a child is at immediate or significant risk.',
  link: { text: 'Change the limits on urgent cases', path: 'caps' },
  fields: (data) => ({
    guidance: paragraph('Guidance shown to the person raising'),
    notifyMonitoringTeam: oneOf('Tell the monitoring team at once?', yesNo, { inline: true }),
    pathway: pick('Pathway an urgent case takes', [
      { value: '', text: 'The pathway its category selects' },
      { value: 'general', text: 'The main ladder' },
      ...entries(data.pathways).map((pathway) => ({
        value: str(pathway.id),
        text: str(pathway.name) || str(pathway.id),
      })),
    ]),
    source: line('Source'),
  }),
  values: (data) => {
    const urgent = rec(data.urgent);
    return {
      guidance: str(urgent.guidance),
      notifyMonitoringTeam: urgent.notifyMonitoringTeam === true ? 'yes' : 'no',
      pathway: str(urgent.pathway),
      source: str(urgent.source),
    };
  },
  apply: (data, body) => {
    const was = rec(data.urgent);
    return {
      ...data,
      urgent: compact({
        guidance: typed(body, 'guidance'),
        notifyMonitoringTeam: typed(body, 'notifyMonitoringTeam') === 'yes',
        pathway: optional(typed(body, 'pathway')),
        caps: was.caps,
        source: optional(typed(body, 'source')),
      }),
    };
  },
  fieldFor: (path) =>
    path.startsWith('urgent.caps')
      ? undefined
      : fieldUnder(
          path,
          'urgent',
          [
            ['guidance', 'guidance'],
            ['notifyMonitoringTeam', 'notifyMonitoringTeam'],
            ['pathway', 'pathway'],
            ['source', 'source'],
          ],
          'guidance',
        ),
  instances: single,
};

export const recordingPage: EditorPage = {
  path: 'recording',
  title: () => 'Recording',
  fields: () => ({
    childsRecord: oneOf('Is the disagreement recorded on the child’s record?', [
      { value: 'on-childs-record', text: 'Yes, on the child’s record' },
      { value: 'not-on-childs-record', text: 'No, not on the child’s record' },
      { value: 'agency-procedures', text: 'As each agency’s own procedures say' },
    ]),
    guidance: paragraph('Guidance'),
    source: line('Source'),
  }),
  values: (data) => {
    const recording = rec(data.recording);
    return {
      childsRecord: str(recording.childsRecord),
      guidance: str(recording.guidance),
      source: str(recording.source),
    };
  },
  apply: (data, body) => ({
    ...data,
    recording: compact({
      childsRecord: typed(body, 'childsRecord'),
      guidance: typed(body, 'guidance'),
      source: optional(typed(body, 'source')),
    }),
  }),
  fieldFor: (path) =>
    fieldUnder(
      path,
      'recording',
      [
        ['childsRecord', 'childsRecord'],
        ['guidance', 'guidance'],
        ['source', 'source'],
      ],
      'childsRecord',
    ),
  instances: single,
};

export const partPages = [aboutPage, termsPage, calendarPage, urgentPage, recordingPage];
