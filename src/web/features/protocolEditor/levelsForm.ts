import { stageRoles } from '../../../domain/protocol/stageSchema.ts';
import { agencyKinds } from '../../../domain/vocabulary.ts';
import { agencyKindNames, roleNames } from '../../../domain/vocabularyNames.ts';
import type { Fields, FormBody } from '../../../forms/fields.ts';
import { compact, type DraftData, entries, str, strs } from './draftData.ts';
import { type EditorPage, single } from './editorPage.ts';
import { keepOrder, line, optional, pick, ticked, ticks, typed } from './formParts.ts';

// The partnership's levels of seniority: each level's id, name, the role it counts as for
// access, the kinds of agency that have it, and its source; a blank row adds one, and a row
// emptied of its id and name is removed.

const parts = ['Id', 'Name', 'Role', 'Kinds', 'Source'] as const;
const fieldName = (row: number, part: (typeof parts)[number]) => `level${row}${part}`;

function levelFields(data: DraftData): Fields {
  const rows = entries(data.levels).length + 1;
  const fields: Fields = {};
  for (let row = 0; row < rows; row++) {
    const which = row === rows - 1 ? 'New level' : `Level ${row + 1}`;
    fields[fieldName(row, 'Id')] = line(`${which}: id`, {
      hint:
        row === rows - 1
          ? 'To add a level; lowercase letters, digits and hyphens, like service-manager'
          : undefined,
      classes: 'govuk-input--width-20',
    });
    fields[fieldName(row, 'Name')] = line(`${which}: name`, {
      hint: row === rows - 1 ? undefined : 'Empty the id and the name to remove the level',
    });
    fields[fieldName(row, 'Role')] = pick(`${which}: counts as`, [
      { value: '', text: 'Choose a role' },
      ...stageRoles.map((role) => ({ value: role, text: roleNames[role] })),
    ]);
    fields[fieldName(row, 'Kinds')] = ticks(
      `${which}: kinds of agency that have it`,
      agencyKinds.map((kind) => ({ value: kind, text: agencyKindNames[kind] })),
      { hint: 'Leave all unticked for every kind' },
    );
    fields[fieldName(row, 'Source')] = line(`${which}: source`);
  }
  return fields;
}

function levelValues(data: DraftData): FormBody {
  const values: FormBody = {};
  entries(data.levels).forEach((level, row) => {
    values[fieldName(row, 'Id')] = str(level.id);
    values[fieldName(row, 'Name')] = str(level.name);
    values[fieldName(row, 'Role')] = str(level.role);
    values[fieldName(row, 'Kinds')] = strs(level.agencyKinds);
    values[fieldName(row, 'Source')] = str(level.source);
  });
  return values;
}

function applyLevels(data: DraftData, body: FormBody): DraftData {
  const was = entries(data.levels);
  const levels = [];
  for (let row = 0; row <= was.length; row++) {
    const id = typed(body, fieldName(row, 'Id'));
    const name = typed(body, fieldName(row, 'Name'));
    if (id === '' && name === '') continue;
    const kinds = keepOrder(
      strs(was[row]?.agencyKinds),
      agencyKinds,
      ticked(body, fieldName(row, 'Kinds')),
    );
    levels.push(
      compact({
        id,
        name,
        role: typed(body, fieldName(row, 'Role')),
        agencyKinds: kinds.length > 0 ? kinds : undefined,
        source: optional(typed(body, fieldName(row, 'Source'))),
      }),
    );
  }
  return compact({
    ...data,
    levels: levels.length > 0 || data.levels !== undefined ? levels : undefined,
  });
}

export const levelsPage: EditorPage = {
  path: 'levels',
  title: () => 'Levels of seniority',
  intro:
    'The partnership’s own levels (service manager, detective inspector, named nurse…), each counting as one of the five roles for access. Stages name them among their roles; people carry one in the directory.',
  fields: levelFields,
  values: levelValues,
  apply: applyLevels,
  fieldFor: (path) => {
    const match = /^levels\[(\d+)\](?:\.(\w+))?/.exec(path);
    if (!match) return path === 'levels' ? fieldName(0, 'Id') : undefined;
    const part = { id: 'Id', name: 'Name', role: 'Role', agencyKinds: 'Kinds', source: 'Source' }[
      match[2] ?? 'id'
    ] as (typeof parts)[number] | undefined;
    return fieldName(Number(match[1]), part ?? 'Id');
  },
  instances: single,
};
