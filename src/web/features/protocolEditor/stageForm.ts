import { chairRules, stageRoles, stageSides } from '../../../domain/protocol/stageSchema.ts';
import { roleNames } from '../../../domain/vocabularyNames.ts';
import type { FormBody } from '../../../forms/fields.ts';
import {
  allStageKeys,
  compact,
  type DraftData,
  type Entry,
  entries,
  list,
  rec,
  stageLabel,
  str,
  strs,
} from './draftData.ts';
import { type EditorPage, indexIn, type PageParams } from './editorPage.ts';
import {
  fieldUnder,
  keepOrder,
  line,
  lines,
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
import { rewriteStageReferences } from './stageReferences.ts';

// The stage page: every field of a stage of the main ladder, as form values and back.

const sideNames: Record<(typeof stageSides)[number], string> = {
  both: 'Both agencies',
  raising: 'The raising agency only',
  partnership: 'The partnership itself',
};
const chairNames: Record<(typeof chairRules)[number], string> = {
  'partnership-independent-chair': 'An independent chair appointed by the partnership',
  'uninvolved-partnership-member': 'A partnership member not involved in the case',
  'independent-partner-organisation': 'Someone from a partner organisation not involved',
  'conference-chair': 'The child protection conference chair',
};
export const unitNames = {
  workingDays: 'Working days',
  hours: 'Hours (elapsed time)',
  none: 'No set timescale',
} as const;

/** The five roles and the protocol's levels, as boxes to tick. */
export function roleChoices(data: DraftData) {
  return [
    ...stageRoles.map((role) => ({ value: role, text: roleNames[role] })),
    ...entries(data.levels).map((level) => ({
      value: str(level.id),
      text: `${str(level.name) || str(level.id)} (level)`,
    })),
  ];
}

function laterStages(data: DraftData, index: number) {
  return entries(data.stages)
    .slice(index + 1)
    .map((stage) => ({ value: str(stage.key), text: stageLabel(data, stage) }));
}

export function stageFields(data: DraftData, index: number) {
  const roles = roleChoices(data);
  const forms = entries(data.forms).map((form) => ({
    value: str(form.id),
    text: str(form.title) || str(form.id),
  }));
  const current = str(rec(rec(entries(data.stages)[index]).onEntry).monitoringForm);
  if (current && !forms.some((form) => form.value === current))
    forms.push({ value: current, text: current });
  return {
    key: line('Key', {
      hint: 'Lowercase letters, digits and hyphens, like stage-1',
      classes: 'govuk-input--width-20',
    }),
    number: line('Number', {
      hint: 'As the document numbers it, like 1 or 4a. Leave empty for none',
      classes: 'govuk-input--width-5',
    }),
    name: line('Name'),
    who: line('Who takes part', { hint: 'For example, the practitioners involved' }),
    sides: oneOf(
      'Whose people take this stage',
      stageSides.map((side) => ({ value: side, text: sideNames[side] })),
    ),
    rolesRaising: ticks('Roles or levels on the raising side', roles),
    rolesOther: ticks('Roles or levels on the other side', roles, {
      hint: 'Leave all unticked when the stage is the raising agency’s only',
    }),
    rolesPartnership: ticks('Roles or levels of the partnership’s people', roles, {
      hint: 'Only when the partnership itself takes the stage',
    }),
    rolesByAgencyKind: paragraph('Roles or levels for a kind of agency', {
      hint: 'One kind a line, like “police: manager, detective-sergeant”',
      rows: 3,
    }),
    timescaleUnit: oneOf(
      'Timescale',
      Object.entries(unitNames).map(([value, text]) => ({ value, text })),
    ),
    timescaleAmount: line('How many', {
      hint: 'Working days or hours; leave empty when there is no set timescale',
      classes: 'govuk-input--width-3',
    }),
    timescaleDescribes: line('What must have happened by then', {
      hint: 'Only when it is not the end of the stage, like “the meeting date set”',
    }),
    guidance: paragraph('Guidance'),
    prompts: paragraph('Prompts', { hint: 'One a line' }),
    source: line('Source', { hint: 'Where the protocol document says this, like “section 4.2”' }),
    jumpsTo: ticks('Later stages a case may jump to', laterStages(data, index)),
    onEntry: ticks('When a case enters this stage', [
      { value: 'notifyMonitoringTeam', text: 'Tell the monitoring team' },
      { value: 'tellOtherAgencyFirst', text: 'Tell the other agency first' },
    ]),
    monitoringForm: pick('Monitoring form to fill in', [{ value: '', text: 'None' }, ...forms]),
    writtenAccountPrompt: paragraph('Written account the person escalating must write', {
      hint: 'What it asks for; leave empty for none',
      rows: 3,
    }),
    writtenAccountBy: line('Who writes it'),
    chair: pick('Chaired meeting: who chairs it', [
      { value: '', text: 'No chaired meeting' },
      ...chairRules.map((rule) => ({ value: rule, text: chairNames[rule] })),
    ]),
    meetingPurpose: line('What the meeting is for'),
    meetingMinuted: oneOf('Is the meeting minuted?', yesNo, { inline: true }),
  };
}

/** A stage's form values. */
export function stageValues(stage: Entry): FormBody {
  const roles = rec(stage.roles);
  const timescale = rec(stage.timescale);
  const onEntry = rec(stage.onEntry);
  const written = rec(onEntry.writtenAccount);
  const meeting = rec(onEntry.chairedMeeting);
  return {
    key: str(stage.key),
    number: str(stage.number),
    name: str(stage.name),
    who: str(stage.who),
    sides: str(stage.sides) || 'both',
    rolesRaising: strs(roles.raising),
    rolesOther: strs(roles.other),
    rolesPartnership: strs(roles.partnership),
    rolesByAgencyKind: Object.entries(rec(roles.byAgencyKind))
      .map(([kind, names]) => `${kind}: ${strs(names).join(', ')}`)
      .join('\n'),
    timescaleUnit: str(timescale.unit),
    timescaleAmount: str(timescale.amount),
    timescaleDescribes: str(timescale.describes),
    guidance: str(stage.guidance),
    prompts: strs(stage.prompts).join('\n'),
    source: str(stage.source),
    jumpsTo: strs(stage.jumpsTo),
    onEntry: ['notifyMonitoringTeam', 'tellOtherAgencyFirst'].filter(
      (flag) => onEntry[flag] === true,
    ),
    monitoringForm: str(onEntry.monitoringForm),
    writtenAccountPrompt: str(written.prompt),
    writtenAccountBy: str(written.writtenBy),
    chair: str(meeting.chair),
    meetingPurpose: str(meeting.purpose),
    meetingMinuted: meeting.minuted === false ? 'no' : 'yes',
  };
}

/** "police: manager, detective-sergeant" lines as a record of lists. */
export function byAgencyKindFrom(text: string[]): Entry {
  return Object.fromEntries(
    text.map((entry) => {
      const [kind = '', names = ''] = entry.split(/:(.*)/s);
      return [
        kind.trim(),
        names
          .split(',')
          .map((name) => name.trim())
          .filter((name) => name !== ''),
      ];
    }),
  );
}

/** A timescale from its three fields; describes kept out when empty. */
export function timescaleFrom(unit: string, amount: string, describes: string): Entry {
  return compact({ unit, amount: wholeNumber(amount), describes: optional(describes) });
}

/** The stage the form describes (the stage it replaces keeps what the form did not offer). */
export function applyStageForm(
  data: DraftData,
  original: Entry,
  body: FormBody,
  index: number,
): Entry {
  const roles = rec(original.roles);
  const offeredRoles = roleChoices(data).map((choice) => choice.value);
  const roleList = (name: string, was: unknown) =>
    keepOrder(strs(was), offeredRoles, ticked(body, name));
  const byKind = byAgencyKindFrom(lines(body, 'rolesByAgencyKind'));
  const flags = ticked(body, 'onEntry');
  const written = typed(body, 'writtenAccountPrompt');
  const writtenBy = typed(body, 'writtenAccountBy');
  const chair = typed(body, 'chair');
  const sides = typed(body, 'sides');
  const offeredJumps = laterStages(data, index).map((choice) => choice.value);
  const onEntry = compact({
    notifyMonitoringTeam: flags.includes('notifyMonitoringTeam') ? true : undefined,
    tellOtherAgencyFirst: flags.includes('tellOtherAgencyFirst') ? true : undefined,
    monitoringForm: optional(typed(body, 'monitoringForm')),
    writtenAccount:
      written || writtenBy
        ? compact({ prompt: written, writtenBy: optional(writtenBy) })
        : undefined,
    chairedMeeting: chair
      ? compact({
          chair,
          purpose: typed(body, 'meetingPurpose'),
          minuted: typed(body, 'meetingMinuted') === 'no' ? false : undefined,
        })
      : undefined,
  });
  const prompts = lines(body, 'prompts');
  const jumpsTo = keepOrder(strs(original.jumpsTo), offeredJumps, ticked(body, 'jumpsTo'));
  return compact({
    key: typed(body, 'key'),
    // As typed: the document's own number is text ("4a", "01"), whatever it looks like.
    number: typed(body, 'number') || undefined,
    name: typed(body, 'name'),
    who: typed(body, 'who'),
    sides: sides === '' || sides === 'both' ? undefined : sides,
    roles: compact({
      raising: roleList('rolesRaising', roles.raising),
      other: roleList('rolesOther', roles.other),
      partnership: roleList('rolesPartnership', roles.partnership),
      byAgencyKind: Object.keys(byKind).length > 0 ? byKind : undefined,
    }),
    timescale: timescaleFrom(
      typed(body, 'timescaleUnit'),
      typed(body, 'timescaleAmount'),
      typed(body, 'timescaleDescribes'),
    ),
    guidance: typed(body, 'guidance'),
    prompts: prompts.length > 0 ? prompts : undefined,
    source: optional(typed(body, 'source')),
    jumpsTo: jumpsTo.length > 0 ? jumpsTo : undefined,
    onEntry: Object.keys(onEntry).length > 0 ? onEntry : undefined,
  });
}

const stageFieldTable = [
  ['key', 'key'],
  ['number', 'number'],
  ['name', 'name'],
  ['who', 'who'],
  ['sides', 'sides'],
  ['roles', 'rolesRaising'],
  ['roles.raising', 'rolesRaising'],
  ['roles.other', 'rolesOther'],
  ['roles.partnership', 'rolesPartnership'],
  ['roles.byAgencyKind', 'rolesByAgencyKind'],
  ['timescale', 'timescaleUnit'],
  ['timescale.amount', 'timescaleAmount'],
  ['timescale.describes', 'timescaleDescribes'],
  ['guidance', 'guidance'],
  ['prompts', 'prompts'],
  ['source', 'source'],
  ['jumpsTo', 'jumpsTo'],
  ['onEntry', 'onEntry'],
  ['onEntry.monitoringForm', 'monitoringForm'],
  ['onEntry.writtenAccount', 'writtenAccountPrompt'],
  ['onEntry.writtenAccount.writtenBy', 'writtenAccountBy'],
  ['onEntry.chairedMeeting', 'chair'],
  ['onEntry.chairedMeeting.purpose', 'meetingPurpose'],
  ['onEntry.chairedMeeting.minuted', 'meetingMinuted'],
] as const;

/** The stage page's field for a checker problem's path (stages[2].timescale.amount → timescaleAmount). */
export function stageFieldFor(path: string, index: number): string | undefined {
  return fieldUnder(path, `stages[${index}]`, stageFieldTable, 'key');
}

const stageIndex = (data: DraftData, params: PageParams) =>
  indexIn(params, list(data.stages).length);

export const stagePage: EditorPage = {
  path: 'stages/:index',
  back: 'stages',
  title: (data, params) => {
    const index = stageIndex(data, params) ?? 0;
    return `Change ${stageLabel(data, rec(list(data.stages)[index]))}`;
  },
  fields: (data, params) => stageFields(data, stageIndex(data, params) ?? 0),
  values: (data, params) => stageValues(rec(list(data.stages)[stageIndex(data, params) ?? 0])),
  apply: (data, body, params) => {
    const index = stageIndex(data, params) ?? 0;
    const stages = [...list(data.stages)];
    const was = str(rec(stages[index]).key);
    const stage = applyStageForm(data, rec(stages[index]), body, index);
    stages[index] = stage;
    // A new key: every reference to the old one follows it (unless the new key is taken).
    const now = str(stage.key);
    const renamed = now !== '' && now !== was && !allStageKeys(data).includes(now);
    return renamed ? rewriteStageReferences({ ...data, stages }, was, now) : { ...data, stages };
  },
  fieldFor: (path, params) => stageFieldFor(path, Number(params.index)),
  instances: (data) => list(data.stages).map((_, index) => ({ index: String(index) })),
};
