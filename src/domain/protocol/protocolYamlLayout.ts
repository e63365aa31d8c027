import { lessonThemes } from '../vocabulary.ts';
import { DEFAULT_LEARNING_SUBGROUP } from './protocolSchema.ts';

/**
 * How protocolYaml.ts lays a protocol out: the order of every field (as the built-in files and
 * docs/protocol-format.md write them), each field's schema default (left out when the value
 * equals it), which parts go on one line in flow style when they fit (`{ unit: hours, amount:
 * 24 }`, `[stage-1, stage-2]`), and where a blank line separates sections and stages.
 */
export type Shape =
  /** Anything: written as it is, maps and lists in block style. */
  | { kind: 'any' }
  /** Prose: folded (`>-`) when too long for its line, literal (`|-`) when it has line breaks. */
  | { kind: 'text' }
  /** An id, a choice from a list, a number or a yes/no. */
  | { kind: 'word' }
  /** A clock time, always quoted: "09:00". */
  | { kind: 'clock' }
  /** A stage's number: digits unquoted (1), anything else as text ("4a"). */
  | { kind: 'stageNumber' }
  | { kind: 'map'; fields: readonly Field[]; flow?: boolean }
  /** A map whose keys are the data's own (categories, atStages, byAgencyKind). */
  | { kind: 'record'; value: Shape; flow?: boolean }
  | { kind: 'list'; item: Shape; flow?: boolean; blankBetween?: boolean };

export type Field = {
  key: string;
  shape: Shape;
  /** Left out when the value equals this (the schema's default). */
  default?: unknown;
  /** A blank line before the field, as before each section of the built-in files. */
  blankBefore?: boolean;
};

const text: Shape = { kind: 'text' };
const word: Shape = { kind: 'word' };
const words: Shape = { kind: 'list', item: word, flow: true };
const texts: Shape = { kind: 'list', item: text };
const optional = (key: string, shape: Shape): Field => ({ key, shape });
const withDefault = (key: string, shape: Shape, value: unknown): Field => ({
  key,
  shape,
  default: value,
});
const source = optional('source', text);

const timescale: Shape = {
  kind: 'map',
  flow: true,
  fields: [optional('unit', word), optional('amount', word), optional('describes', text)],
};

const roles: Shape = {
  kind: 'map',
  flow: true,
  fields: [
    withDefault('raising', words, []),
    withDefault('other', words, []),
    withDefault('partnership', words, []),
    withDefault('byAgencyKind', { kind: 'record', value: words, flow: true }, {}),
  ],
};

const onEntry: Shape = {
  kind: 'map',
  fields: [
    withDefault('notifyMonitoringTeam', word, false),
    withDefault('tellOtherAgencyFirst', word, false),
    optional('monitoringForm', word),
    optional('writtenAccount', {
      kind: 'map',
      fields: [optional('prompt', text), optional('writtenBy', text)],
    }),
    optional('chairedMeeting', {
      kind: 'map',
      fields: [
        optional('chair', word),
        optional('purpose', text),
        withDefault('minuted', word, true),
      ],
    }),
  ],
};

const stage: Shape = {
  kind: 'map',
  fields: [
    optional('key', word),
    withDefault('number', { kind: 'stageNumber' }, null),
    optional('name', text),
    optional('who', text),
    withDefault('sides', word, 'both'),
    optional('roles', roles),
    optional('timescale', timescale),
    optional('guidance', text),
    withDefault('prompts', texts, []),
    source,
    withDefault('jumpsTo', words, []),
    withDefault('onEntry', onEntry, {}),
  ],
};

const stageChanges: Shape = {
  kind: 'map',
  fields: [
    optional('who', text),
    optional('sides', word),
    optional('roles', roles),
    optional('timescale', timescale),
    optional('guidance', text),
    optional('prompts', texts),
  ],
};

const cap: Shape = {
  kind: 'map',
  fields: [
    optional('name', text),
    optional('stages', words),
    optional('from', word),
    optional('timescale', timescale),
    source,
  ],
};
const caps: Shape = { kind: 'list', item: cap };

const pathway: Shape = {
  kind: 'map',
  fields: [
    optional('id', word),
    optional('name', text),
    optional('guidance', text),
    optional('notice', text),
    source,
    withDefault('raiserMayChoose', word, false),
    optional('ladder', words),
    withDefault('stages', { kind: 'list', item: stage }, []),
    withDefault('atStages', { kind: 'record', value: stageChanges }, {}),
    withDefault('caps', caps, []),
  ],
};

const categoryGroup: Shape = {
  kind: 'map',
  fields: [
    optional('name', text),
    optional('categories', {
      kind: 'list',
      item: {
        kind: 'map',
        flow: true,
        fields: [optional('id', word), optional('label', text), optional('hint', text)],
      },
    }),
  ],
};

const level: Shape = {
  kind: 'map',
  fields: [
    optional('id', word),
    optional('name', text),
    optional('role', word),
    optional('agencyKinds', words),
    source,
  ],
};

const form: Shape = {
  kind: 'map',
  fields: [
    optional('id', word),
    optional('title', text),
    optional('intro', text),
    source,
    optional('fields', {
      kind: 'list',
      item: {
        kind: 'map',
        flow: true,
        fields: [
          optional('label', text),
          optional('from', word),
          optional('stages', words),
          optional('stage', word),
          withDefault('withAgency', word, false),
        ],
      },
    }),
  ],
};

const learning: Shape = {
  kind: 'map',
  fields: [
    optional('route', text),
    optional('guidance', text),
    withDefault('themes', words, [...lessonThemes]),
    withDefault(
      'subgroups',
      {
        kind: 'list',
        item: {
          kind: 'map',
          fields: [optional('name', text), optional('themes', words), source],
        },
      },
      [{ name: DEFAULT_LEARNING_SUBGROUP }],
    ),
    source,
  ],
};

const section = (field: Field): Field => ({ ...field, blankBefore: true });

export const protocolLayout: Shape = {
  kind: 'map',
  fields: [
    optional('id', word),
    optional('version', word),
    optional('name', text),
    optional('summary', text),
    withDefault(
      'sources',
      {
        kind: 'list',
        item: { kind: 'map', fields: [optional('ref', text), optional('title', text)] },
      },
      [],
    ),
    optional('terms', {
      kind: 'map',
      fields: [
        optional('partnership', text),
        optional('frontDoor', text),
        optional('monitoringTeam', text),
        withDefault('stage', text, 'stage'),
      ],
    }),
    optional('calendar', {
      kind: 'map',
      fields: [
        optional('region', word),
        optional('timeZone', word),
        optional('workingHours', {
          kind: 'map',
          flow: true,
          fields: [optional('start', { kind: 'clock' }), optional('end', { kind: 'clock' })],
        }),
        optional('workingWeekdays', words),
      ],
    }),
    section(optional('stages', { kind: 'list', item: stage, blankBetween: true })),
    section(withDefault('caps', caps, [])),
    section(withDefault('pathways', { kind: 'list', item: pathway, blankBetween: true }, [])),
    section(withDefault('categories', { kind: 'record', value: word }, {})),
    section(optional('categoryGroups', { kind: 'list', item: categoryGroup })),
    section(withDefault('levels', { kind: 'list', item: level }, [])),
    section(withDefault('forms', { kind: 'list', item: form, blankBetween: true }, [])),
    section(
      optional('urgent', {
        kind: 'map',
        fields: [
          optional('guidance', text),
          optional('notifyMonitoringTeam', word),
          optional('pathway', word),
          withDefault('caps', caps, []),
          source,
        ],
      }),
    ),
    section(
      optional('recording', {
        kind: 'map',
        fields: [optional('childsRecord', word), optional('guidance', text), source],
      }),
    ),
    section(optional('learning', learning)),
    section(optional('outOfHours', { kind: 'map', fields: [optional('route', text), source] })),
    section(
      optional('delay', {
        kind: 'map',
        fields: [optional('stages', words), optional('guidance', text), source],
      }),
    ),
    section(
      optional('checklist', {
        kind: 'map',
        fields: [optional('questions', texts), optional('advice', text), source],
      }),
    ),
    section(
      withDefault(
        'principles',
        { kind: 'list', item: { kind: 'map', fields: [optional('text', text), source] } },
        [],
      ),
    ),
  ],
};
