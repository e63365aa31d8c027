import type { ProtocolProblem } from '../../../domain/protocol/validateProtocol.ts';
import type { Fields, FormErrors } from '../../../forms/fields.ts';
import { capPage } from './capForm.ts';
import type { DraftData } from './draftData.ts';
import { type EditorPage, type PageParams, pageHref } from './editorPage.ts';
import { learningPage } from './learningForm.ts';
import { levelsPage } from './levelsForm.ts';
import { partPages } from './partForms.ts';
import { pathwayPage } from './pathwayForm.ts';
import { stagePage } from './stageForm.ts';
import { yamlPartsPage } from './yamlPartsForm.ts';

/** Every page of the editor that edits a part of the protocol, the YAML fallback last. */
export const editorPages: readonly EditorPage[] = [
  ...partPages,
  learningPage,
  levelsPage,
  stagePage,
  capPage,
  pathwayPage,
  yamlPartsPage,
];

/** The checker's problems that fall on a page, beside their fields, in the checker's words. */
export function pageErrors(
  page: EditorPage,
  params: PageParams,
  fields: Fields,
  problems: readonly ProtocolProblem[],
): FormErrors {
  const errors: FormErrors = {};
  for (const problem of problems) {
    const field = page.fieldFor(problem.path, params);
    if (field === undefined || !fields[field]) continue;
    // "Name must not be empty"; "Key: "stage-1" is already the key of stages[0]".
    const joins = /^(must|is|are|has|comes)\b/.test(problem.message) ? ' ' : ': ';
    errors[field] ??= `${fields[field].label}${joins}${problem.message}`;
  }
  // In the order of the page's fields, as the error summary lists them.
  const order = Object.keys(fields);
  return Object.fromEntries(
    Object.entries(errors).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)),
  );
}

export type LinkedProblem = { text: string; href: string | undefined };

/** Each problem with a link to the page and field it concerns (none for what no page edits). */
export function linkedProblems(
  draftId: string,
  data: DraftData,
  problems: readonly ProtocolProblem[],
): LinkedProblem[] {
  const instances = editorPages.flatMap((page) =>
    page.instances(data).map((params) => ({ page, params })),
  );
  return problems.map((problem) => {
    const text = problem.path ? `${problem.path}: ${problem.message}` : problem.message;
    for (const { page, params } of instances) {
      const field = page.fieldFor(problem.path, params);
      if (field === undefined) continue;
      const fields = page.fields(data, params);
      const anchor = fields[field] ? `#${fields[field].inputId(field)}` : '';
      return { text, href: `${pageHref(draftId, page, params)}?check${anchor}` };
    }
    return { text, href: undefined };
  });
}

/** Whether the draft has the instance of the page the address names. */
export function hasInstance(page: EditorPage, data: DraftData, params: PageParams): boolean {
  return page
    .instances(data)
    .some((instance) => Object.entries(instance).every(([name, value]) => params[name] === value));
}
