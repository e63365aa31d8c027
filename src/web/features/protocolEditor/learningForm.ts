import { lessonThemes } from '../../../domain/vocabulary.ts';
import { lessonThemeNames } from '../../../domain/vocabularyNames.ts';
import type { Fields, FormBody } from '../../../forms/fields.ts';
import { compact, type DraftData, entries, rec, str, strs } from './draftData.ts';
import { type EditorPage, single } from './editorPage.ts';
import {
  fieldUnder,
  keepOrder,
  line,
  optional,
  paragraph,
  ticked,
  ticks,
  typed,
} from './formParts.ts';

// The learning page: where lessons go, the themes a lesson may have, and the subgroups that
// take them up, a row each (a blank row adds one; a row emptied of its name is removed).

const EVERY_OTHER = 'every-other-theme';
const subgroupField = (row: number, part: 'Name' | 'Themes' | 'Source') => `subgroup${row}${part}`;

function learningFields(data: DraftData): Fields {
  const rows = entries(rec(data.learning).subgroups).length + 1;
  const fields: Fields = {
    route: line('Where lessons go', { hint: 'For example, the learning and improvement subgroup' }),
    guidance: paragraph('Guidance'),
    themes: ticks(
      'Themes a lesson may have',
      lessonThemes.map((theme) => ({ value: theme, text: lessonThemeNames[theme] })),
    ),
    source: line('Source'),
  };
  for (let row = 0; row < rows; row++) {
    const which = row === rows - 1 ? 'New subgroup' : `Subgroup ${row + 1}`;
    fields[subgroupField(row, 'Name')] = line(`${which}: name`, {
      hint:
        row === rows - 1
          ? 'To add a subgroup that takes lessons up'
          : 'Empty the name to remove the subgroup',
    });
    fields[subgroupField(row, 'Themes')] = ticks(`${which}: the lessons it takes up`, [
      ...lessonThemes.map((theme) => ({ value: theme, text: lessonThemeNames[theme] })),
      { value: EVERY_OTHER, text: 'Every theme no other subgroup takes' },
    ]);
    fields[subgroupField(row, 'Source')] = line(`${which}: source`);
  }
  return fields;
}

function learningValues(data: DraftData): FormBody {
  const learning = rec(data.learning);
  const values: FormBody = {
    route: str(learning.route),
    guidance: str(learning.guidance),
    themes: learning.themes === undefined ? [...lessonThemes] : strs(learning.themes),
    source: str(learning.source),
  };
  entries(learning.subgroups).forEach((subgroup, row) => {
    values[subgroupField(row, 'Name')] = str(subgroup.name);
    values[subgroupField(row, 'Themes')] =
      subgroup.themes === undefined ? [EVERY_OTHER] : strs(subgroup.themes);
    values[subgroupField(row, 'Source')] = str(subgroup.source);
  });
  return values;
}

function applyLearning(data: DraftData, body: FormBody): DraftData {
  const was = rec(data.learning);
  const before = entries(was.subgroups);
  const subgroups = [];
  for (let row = 0; row <= before.length; row++) {
    const name = typed(body, subgroupField(row, 'Name'));
    if (name === '') continue;
    const chosen = ticked(body, subgroupField(row, 'Themes'));
    subgroups.push(
      compact({
        name,
        themes: chosen.includes(EVERY_OTHER)
          ? undefined
          : keepOrder(strs(before[row]?.themes), lessonThemes, chosen),
        source: optional(typed(body, subgroupField(row, 'Source'))),
      }),
    );
  }
  return {
    ...data,
    learning: compact({
      route: typed(body, 'route'),
      guidance: typed(body, 'guidance'),
      themes: keepOrder(
        strs(was.themes ?? [...lessonThemes]),
        lessonThemes,
        ticked(body, 'themes'),
      ),
      subgroups: subgroups.length > 0 ? subgroups : undefined,
      source: optional(typed(body, 'source')),
    }),
  };
}

export const learningPage: EditorPage = {
  path: 'learning',
  title: () => 'Learning',
  fields: learningFields,
  values: learningValues,
  apply: applyLearning,
  fieldFor: (path) => {
    const subgroup = /^learning\.subgroups\[(\d+)\](?:\.(\w+))?/.exec(path);
    if (subgroup) {
      const part =
        subgroup[2] === 'themes' ? 'Themes' : subgroup[2] === 'source' ? 'Source' : 'Name';
      return subgroupField(Number(subgroup[1]), part);
    }
    return fieldUnder(
      path,
      'learning',
      [
        ['route', 'route'],
        ['guidance', 'guidance'],
        ['themes', 'themes'],
        ['subgroups', subgroupField(0, 'Name')],
        ['source', 'source'],
      ],
      'route',
    );
  },
  instances: single,
};
