import { z } from 'zod';
import { categories } from '../../../domain/vocabulary.ts';
import { categoryNames } from '../../../domain/vocabularyNames.ts';
import type { FormBody, FormErrors } from '../../../forms/fields.ts';
import { textField } from '../../../forms/fields.ts';
import {
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
  line,
  oneOf,
  optional,
  paragraph,
  ticked,
  ticks,
  typed,
  yesNo,
} from './formParts.ts';

// A pathway: its words, what selects it (categories, the raiser's choice), its ladder, and its
// timescale at each stage where it differs. Its own stages and other changes are YAML.

/** The stages a pathway's ladder may hold: its ladder's first, in order, then the rest. */
function ladderChoices(data: DraftData, pathway: Entry) {
  const main = entries(data.stages);
  const own = entries(pathway.stages);
  const all = [...main, ...own];
  const current = pathway.ladder === undefined ? main.map((s) => str(s.key)) : strs(pathway.ladder);
  const byKey = new Map(all.map((stage) => [str(stage.key), stage]));
  const keys = [...current, ...all.map((s) => str(s.key)).filter((key) => !current.includes(key))];
  return [...new Set(keys)].map((key) => ({
    value: key,
    text: byKey.has(key) ? stageLabel(data, byKey.get(key) as Entry) : key,
  }));
}

/** A timescale in words as the pathway form takes it: "5 working days", "24 hours", "none". */
export function timescaleWords(timescale: Entry): string {
  const unit = str(timescale.unit);
  const amount = str(timescale.amount);
  if (unit === 'none') return 'none';
  if (unit === 'workingDays') return `${amount} working day${amount === '1' ? '' : 's'}`;
  if (unit === 'hours') return `${amount} hour${amount === '1' ? '' : 's'}`;
  return '';
}

function timescaleFromWords(words: string): Entry | undefined | 'unreadable' {
  const text = words.trim().toLowerCase();
  if (text === '') return undefined;
  if (text === 'none') return { unit: 'none' };
  const match = /^(\d+)\s*(working days?|hours?)$/.exec(text);
  if (!match) return 'unreadable';
  return {
    unit: match[2]?.startsWith('working') ? 'workingDays' : 'hours',
    amount: Number(match[1]),
  };
}

const pathwayIndex = (data: DraftData, params: PageParams) =>
  indexIn(params, list(data.pathways).length) ?? 0;

export function pathwayFields(data: DraftData, index: number) {
  const pathway = rec(list(data.pathways)[index]);
  const choices = ladderChoices(data, pathway);
  return {
    id: line('Id', {
      hint: 'Lowercase letters, digits and hyphens, like child-protection',
      classes: 'govuk-input--width-20',
    }),
    name: line('Name'),
    guidance: paragraph('Guidance', { rows: 3 }),
    notice: paragraph('Notice shown on the case page at every stage', { rows: 3 }),
    source: line('Source'),
    raiserMayChoose: oneOf('May the person raising choose this pathway?', yesNo, { inline: true }),
    categories: ticks(
      'Categories that select it',
      categories.map((category) => ({ value: category, text: categoryNames[category] })),
    ),
    ladder: ticks('Its stages, in order', choices),
    ...Object.fromEntries(
      choices.map((choice, i) => [
        `timescale${i}`,
        textField({
          label: `Timescale at ${choice.text}, if it differs`,
          hint: 'Like “5 working days”, “24 hours” or “none”; leave empty for the stage’s own',
          schema: z.string().default(''),
          classes: 'govuk-input--width-10',
        }),
      ]),
    ),
  };
}

export function pathwayValues(data: DraftData, index: number): FormBody {
  const pathway = rec(list(data.pathways)[index]);
  const choices = ladderChoices(data, pathway);
  const atStages = rec(pathway.atStages);
  return {
    id: str(pathway.id),
    name: str(pathway.name),
    guidance: str(pathway.guidance),
    notice: str(pathway.notice),
    source: str(pathway.source),
    raiserMayChoose: pathway.raiserMayChoose === true ? 'yes' : 'no',
    categories: Object.entries(rec(data.categories))
      .filter(([, id]) => id === pathway.id)
      .map(([category]) => category),
    ladder:
      pathway.ladder === undefined
        ? entries(data.stages).map((s) => str(s.key))
        : strs(pathway.ladder),
    ...Object.fromEntries(
      choices.map((choice, i) => [
        `timescale${i}`,
        timescaleWords(rec(rec(atStages[choice.value]).timescale)),
      ]),
    ),
  };
}

export function applyPathwayForm(
  data: DraftData,
  body: FormBody,
  index: number,
): DraftData | { errors: FormErrors } {
  const pathways = [...list(data.pathways)];
  const was = rec(pathways[index]);
  const choices = ladderChoices(data, was);
  const chosen = ticked(body, 'ladder');
  const ladder = choices.map((choice) => choice.value).filter((key) => chosen.includes(key));
  const mainKeys = entries(data.stages).map((s) => str(s.key));
  const sameAsMain =
    was.ladder === undefined &&
    ladder.length === mainKeys.length &&
    ladder.every((key, i) => key === mainKeys[i]);
  const errors: FormErrors = {};
  const atStages: Entry = { ...rec(was.atStages) };
  choices.forEach((choice, i) => {
    const timescale = timescaleFromWords(typed(body, `timescale${i}`));
    if (timescale === 'unreadable') {
      errors[`timescale${i}`] = 'Enter a timescale like 5 working days, 24 hours or none';
      return;
    }
    const changes = { ...rec(atStages[choice.value]) };
    const describes = rec(changes.timescale).describes;
    if (timescale) changes.timescale = compact({ ...timescale, describes });
    else delete changes.timescale;
    if (Object.keys(changes).length > 0) atStages[choice.value] = changes;
    else delete atStages[choice.value];
  });
  if (Object.keys(errors).length > 0) return { errors };
  const id = typed(body, 'id');
  pathways[index] = compact({
    ...was,
    id,
    name: typed(body, 'name'),
    guidance: optional(typed(body, 'guidance')),
    notice: optional(typed(body, 'notice')),
    source: optional(typed(body, 'source')),
    ladder: sameAsMain ? undefined : ladder,
    atStages: Object.keys(atStages).length > 0 ? atStages : undefined,
    raiserMayChoose: typed(body, 'raiserMayChoose') === 'yes' ? true : undefined,
  });
  const selecting = ticked(body, 'categories');
  const categoryMap = Object.fromEntries(
    Object.entries(rec(data.categories)).filter(
      ([category, pathwayId]) => pathwayId !== was.id && !selecting.includes(category),
    ),
  );
  for (const category of selecting) categoryMap[category] = id;
  const urgent = rec(data.urgent);
  return compact({
    ...data,
    pathways,
    categories:
      Object.keys(categoryMap).length > 0 || data.categories !== undefined
        ? categoryMap
        : undefined,
    urgent:
      data.urgent === undefined
        ? undefined
        : urgent.pathway === was.id
          ? { ...urgent, pathway: id }
          : urgent,
  });
}

export function pathwayFieldFor(path: string, index: number): string | undefined {
  return fieldUnder(
    path,
    `pathways[${index}]`,
    [
      ['id', 'id'],
      ['name', 'name'],
      ['guidance', 'guidance'],
      ['notice', 'notice'],
      ['source', 'source'],
      ['raiserMayChoose', 'raiserMayChoose'],
      ['ladder', 'ladder'],
    ],
    'id',
  );
}

export const pathwayPage: EditorPage = {
  path: 'pathways/:index',
  back: 'pathways',
  title: (data, params) =>
    `Change the pathway “${str(rec(list(data.pathways)[pathwayIndex(data, params)]).name) || 'unnamed'}”`,
  fields: (data, params) => pathwayFields(data, pathwayIndex(data, params)),
  values: (data, params) => pathwayValues(data, pathwayIndex(data, params)),
  apply: (data, body, params) => applyPathwayForm(data, body, pathwayIndex(data, params)),
  fieldFor: (path, params) => {
    const index = Number(params.index);
    // Its caps have their own pages; its own stages and other changes are YAML.
    if (new RegExp(`^pathways\\[${index}\\]\\.(caps|stages|atStages)`).test(path)) return undefined;
    return pathwayFieldFor(path, index);
  },
  instances: (data) => list(data.pathways).map((_, index) => ({ index: String(index) })),
};
