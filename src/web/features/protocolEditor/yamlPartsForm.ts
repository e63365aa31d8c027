import { stringify } from 'yaml';
import { readYaml, wherePlace } from '../../../domain/protocol/readYaml.ts';
import type { FormBody, FormErrors } from '../../../forms/fields.ts';
import { compact, type DraftData, isRecord, list, rec, str } from './draftData.ts';
import type { EditorPage } from './editorPage.ts';
import { paragraph } from './formParts.ts';

// "Other parts, as YAML": the parts of a protocol no other page edits, each in a text box of
// its own (the fallback, so that everything the checker accepts can be edited somewhere).

export const yamlParts = [
  ['categories', 'Categories and the pathways they select', 'category: pathway id, one a line'],
  [
    'categoryGroups',
    'Categories offered when raising, in groups',
    'Leave empty to offer every category',
  ],
  ['forms', 'Monitoring forms', 'Each with id, title, intro and fields'],
  ['checklist', 'Checklist before raising', 'questions, and advice'],
  ['principles', 'Principles', 'A list, each with text'],
  ['sources', 'Sources', 'A list, each with ref and title'],
  ['outOfHours', 'Out of hours', 'route'],
  ['delay', 'Delay', 'guidance, and the stages it applies to'],
] as const;

const partNames: readonly string[] = yamlParts.map(([name]) => name);

const asYaml = (value: unknown) =>
  value === undefined
    ? ''
    : stringify(value, { lineWidth: 0, aliasDuplicateObjects: false }).replace(/\n$/, '');

/** What was typed in a box as YAML: undefined when empty, or its first problem. */
function readPart(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, value: undefined };
  const read = readYaml(text);
  if (read.ok) return read;
  const [problem] = read.problems;
  const where = problem && wherePlace(problem) ? ` (${wherePlace(problem)})` : '';
  return { ok: false, error: `This is not YAML the editor can read${where}: ${problem?.message}` };
}

const pathwayField = (index: number) => `pathway${index}`;

export const yamlPartsPage: EditorPage = {
  path: 'other-parts',
  title: () => 'Other parts, as YAML',
  intro:
    'The parts of the protocol no other page edits, as YAML (docs/protocol-format.md describes each). Leave a box empty to leave the part out.',
  fields: (data) => ({
    ...Object.fromEntries(
      yamlParts.map(([name, label, hint]) => [name, paragraph(label, { hint, rows: 6 })]),
    ),
    ...Object.fromEntries(
      list(data.pathways).map((pathway, index) => [
        pathwayField(index),
        paragraph(
          `Pathway “${str(rec(pathway).name) || str(rec(pathway).id)}”: its own stages and changes at stages`,
          {
            hint: 'stages (stages only this pathway has) and atStages (what it changes at a stage: who, sides, roles, guidance, prompts, timescale)',
            rows: 6,
          },
        ),
      ]),
    ),
  }),
  values: (data): FormBody => ({
    ...Object.fromEntries(yamlParts.map(([name]) => [name, asYaml(data[name])])),
    ...Object.fromEntries(
      list(data.pathways).map((pathway, index) => {
        const { stages, atStages } = rec(pathway);
        return [
          pathwayField(index),
          asYaml(
            stages === undefined && atStages === undefined
              ? undefined
              : compact({ stages, atStages }),
          ),
        ];
      }),
    ),
  }),
  apply: (data, body) => {
    const errors: FormErrors = {};
    const changed: DraftData = { ...data };
    for (const name of partNames) {
      const read = readPart(typeof body[name] === 'string' ? (body[name] as string) : '');
      if (read.ok) changed[name] = read.value;
      else errors[name] = read.error;
    }
    const pathways = list(data.pathways).map((pathway, index) => {
      const field = pathwayField(index);
      const read = readPart(typeof body[field] === 'string' ? (body[field] as string) : '');
      if (!read.ok) {
        errors[field] = read.error;
        return pathway;
      }
      if (read.value !== undefined && !isRecord(read.value)) {
        errors[field] = 'Give stages and atStages, each on a line of its own';
        return pathway;
      }
      const { stages, atStages, ...rest } = rec(read.value);
      if (Object.keys(rest).length > 0) {
        errors[field] =
          `Only stages and atStages go here: ${Object.keys(rest).join(', ')} is edited on the pathway’s page`;
        return pathway;
      }
      return compact({ ...rec(pathway), stages, atStages });
    });
    if (Object.keys(errors).length > 0) return { errors };
    return compact({ ...changed, ...(data.pathways === undefined ? {} : { pathways }) });
  },
  fieldFor: (path) => {
    const pathway = /^pathways\[(\d+)\]\.(stages|atStages)/.exec(path);
    if (pathway) return pathwayField(Number(pathway[1]));
    const first = /^[A-Za-z]+/.exec(path)?.[0] ?? '';
    return partNames.includes(first) ? first : undefined;
  },
  instances: () => [{}],
};
