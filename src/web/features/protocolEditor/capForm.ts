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
import type { EditorPage, PageParams } from './editorPage.ts';
import {
  fieldUnder,
  keepOrder,
  line,
  oneOf,
  optional,
  pick,
  ticked,
  ticks,
  typed,
  wholeNumber,
} from './formParts.ts';
import { unitNames } from './stageForm.ts';

// A cap (a limit over several stages) wherever a protocol keeps caps: the protocol's own
// ("protocol"), the urgent route's ("urgent") or a pathway's ("pathway-2").

/** The place in the draft a list of caps lives, by the name the addresses use. */
export function capsPath(list: string): (string | number)[] | undefined {
  if (list === 'protocol') return ['caps'];
  if (list === 'urgent') return ['urgent', 'caps'];
  const pathway = /^pathway-(\d+)$/.exec(list);
  return pathway ? ['pathways', Number(pathway[1]), 'caps'] : undefined;
}

/** The checker's path of a list of caps: "caps", "urgent.caps", "pathways[2].caps". */
export function capsCheckerPath(listName: string): string {
  if (listName === 'protocol') return 'caps';
  if (listName === 'urgent') return 'urgent.caps';
  return `pathways[${listName.replace('pathway-', '')}].caps`;
}

export function readAt(data: DraftData, path: readonly (string | number)[]): unknown {
  let value: unknown = data;
  for (const part of path) {
    value = typeof part === 'number' ? list(value)[part] : rec(value)[part];
  }
  return value;
}

/** The draft with the value at `path` replaced (the objects on the way copied). */
export function writeAt(
  data: DraftData,
  path: readonly (string | number)[],
  value: unknown,
): DraftData {
  const write = (container: unknown, at: number): unknown => {
    if (at === path.length) return value;
    const part = path[at] as string | number;
    if (typeof part === 'number') {
      const copy = [...list(container)];
      copy[part] = write(copy[part], at + 1);
      return copy;
    }
    const copy = { ...rec(container) };
    copy[part] = write(copy[part], at + 1);
    return copy;
  };
  return write(data, 0) as DraftData;
}

export function capsOf(data: DraftData, listName: string): Entry[] {
  const path = capsPath(listName);
  return path ? entries(readAt(data, path)) : [];
}

/** Each stage a limit may cover, by its number and name ("Stage 1: Practitioners talk"), its key as hint. */
function stageChoices(data: DraftData) {
  const defined = [
    ...entries(data.stages),
    ...entries(data.pathways).flatMap((pathway) => entries(pathway.stages)),
  ];
  return allStageKeys(data).map((key) => {
    const stage = defined.find((candidate) => str(candidate.key) === key) ?? { key };
    const text = stageLabel(data, stage);
    // Mid-sentence, the ladder's word is lower case: "The start of stage 1: Practitioners talk".
    const inSentence = str(stage.number) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
    return { value: key, text, inSentence, ...(text === key ? {} : { hint: key }) };
  });
}

export function capFields(data: DraftData) {
  const stages = stageChoices(data);
  return {
    name: line('Name', { hint: 'How the limit is named, like “stages 1 to 5 together”' }),
    stages: ticks(
      'Stages it covers',
      stages.map(({ value, text, hint }) => ({ value, text, ...(hint ? { hint } : {}) })),
    ),
    from: pick('It counts from', [
      { value: 'raised', text: 'When the disagreement is raised' },
      ...stages.map((stage) => ({ value: stage.value, text: `The start of ${stage.inSentence}` })),
    ]),
    timescaleUnit: oneOf('Limit', [
      { value: 'workingDays', text: unitNames.workingDays },
      { value: 'hours', text: unitNames.hours },
    ]),
    timescaleAmount: line('How many', { classes: 'govuk-input--width-3' }),
    timescaleDescribes: line('What must have happened by then', {
      hint: 'Only when it is not the end of the stages, like “the meeting held”',
    }),
    source: line('Source', { hint: 'Where the protocol document says this' }),
  };
}

export function capValues(cap: Entry): FormBody {
  const timescale = rec(cap.timescale);
  return {
    name: str(cap.name),
    stages: strs(cap.stages),
    from: str(cap.from) || 'raised',
    timescaleUnit: str(timescale.unit),
    timescaleAmount: str(timescale.amount),
    timescaleDescribes: str(timescale.describes),
    source: str(cap.source),
  };
}

export function applyCapForm(data: DraftData, original: Entry, body: FormBody): Entry {
  const offered = allStageKeys(data);
  return compact({
    name: typed(body, 'name'),
    stages: keepOrder(strs(original.stages), offered, ticked(body, 'stages')),
    from: typed(body, 'from') || 'raised',
    timescale: compact({
      unit: typed(body, 'timescaleUnit'),
      amount: wholeNumber(typed(body, 'timescaleAmount')),
      describes: optional(typed(body, 'timescaleDescribes')),
    }),
    source: optional(typed(body, 'source')),
  });
}

const capFieldTable = [
  ['name', 'name'],
  ['stages', 'stages'],
  ['from', 'from'],
  ['timescale', 'timescaleUnit'],
  ['timescale.amount', 'timescaleAmount'],
  ['timescale.describes', 'timescaleDescribes'],
  ['source', 'source'],
] as const;

export function capFieldFor(path: string, listName: string, index: number): string | undefined {
  return fieldUnder(path, `${capsCheckerPath(listName)}[${index}]`, capFieldTable, 'name');
}

const capIndex = (data: DraftData, params: PageParams) => {
  const raw = params.index ?? '';
  const index = Number(raw);
  return /^\d+$/.test(raw) && index < capsOf(data, params.list ?? '').length ? index : 0;
};

export const capPage: EditorPage = {
  path: 'caps/:list/:index',
  back: 'caps',
  title: (data, params) =>
    `Change the limit “${str(capsOf(data, params.list ?? '')[capIndex(data, params)]?.name) || 'unnamed'}”`,
  fields: (data) => capFields(data),
  values: (data, params) => capValues(rec(capsOf(data, params.list ?? '')[capIndex(data, params)])),
  apply: (data, body, params) => {
    const path = capsPath(params.list ?? '') ?? ['caps'];
    const index = capIndex(data, params);
    return writeAt(
      data,
      [...path, index],
      applyCapForm(data, rec(readAt(data, [...path, index])), body),
    );
  },
  fieldFor: (path, params) => capFieldFor(path, params.list ?? '', Number(params.index)),
  instances: (data) => [
    ...capListNames(data).flatMap((listName) =>
      capsOf(data, listName).map((_, index) => ({ list: listName, index: String(index) })),
    ),
  ],
};

/** Every list of caps the draft can hold: the protocol's, the urgent route's, each pathway's. */
export function capListNames(data: DraftData): string[] {
  return ['protocol', 'urgent', ...list(data.pathways).map((_, p) => `pathway-${p}`)];
}
