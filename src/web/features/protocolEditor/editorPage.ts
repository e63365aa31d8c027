import type { Fields, FormBody, FormErrors } from '../../../forms/fields.ts';
import type { DraftData } from './draftData.ts';

export type PageParams = Record<string, string>;

/**
 * One page of the protocol editor: the part of the protocol it edits as form values, how the
 * answers change the draft, and where on it each checker problem goes. The mapping between the
 * form and the protocol lives in one module per page family (stageForm.ts, capForm.ts…), so a
 * protocol read into a page's values and applied back is the same protocol.
 */
export type EditorPage = {
  /** The address after /protocol/drafts/:id/, such as "terms" or "stages/:index". */
  path: string;
  title: (data: DraftData, params: PageParams) => string;
  intro?: string;
  /** A link under the intro to a page that edits what this one does not, after /protocol/drafts/:id/. */
  link?: { text: string; path: string };
  /** Where "Back" goes, after /protocol/drafts/:id/ (the overview when left out). */
  back?: string;
  fields: (data: DraftData, params: PageParams) => Fields;
  /** The form's values for what the draft says now. */
  values: (data: DraftData, params: PageParams) => FormBody;
  /** The draft with the answers applied, or problems the form itself finds (nothing saved). */
  apply: (
    data: DraftData,
    body: FormBody,
    params: PageParams,
  ) => DraftData | { errors: FormErrors };
  /** The field a checker problem's path falls on, on this page; undefined when not on it. */
  fieldFor: (path: string, params: PageParams) => string | undefined;
  /** Every instance of the page the draft has (each stage's page), for linking problems. */
  instances: (data: DraftData) => PageParams[];
};

export const single = (): PageParams[] => [{}];

/** The page's address for a draft and an instance. */
export function pageHref(draftId: string, page: EditorPage, params: PageParams): string {
  const path = page.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? '');
  return `/protocol/drafts/${draftId}/${path}`;
}

/** The index in a list a page is about, if it is one. */
export function indexIn(params: PageParams, length: number, name = 'index'): number | undefined {
  const raw = params[name] ?? '';
  if (!/^\d+$/.test(raw)) return undefined;
  const index = Number(raw);
  return index < length ? index : undefined;
}

/** Whether a page's apply found problems in the form itself (nothing to save). */
export function isFormProblem(
  result: DraftData | { errors: FormErrors },
): result is { errors: FormErrors } {
  // A protocol has no field called "errors": only a page's own problems look like this.
  return Object.keys(result).length === 1 && typeof result.errors === 'object';
}
