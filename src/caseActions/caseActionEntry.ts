import type { z } from 'zod';
import type { CaseCommand, CaseDirectory } from '../domain/disagreement/actions/caseCommand.ts';
import type { Disagreement } from '../domain/disagreement/disagreement.ts';
import type { Fields, FormBody, FormErrors, FormValues } from '../forms/fields.ts';
import type { CaseView } from '../services/readDisagreements.ts';

/**
 * One case action's registry entry: its command (domain/disagreement/actions/), and the faces
 * the command has, each made from this entry by its layer: the page that asks for it
 * (web/features/case/), the API route that takes it and its OpenAPI operation (api/).
 */
export type CaseActionEntry = {
  command: AnyCommand;
  api?: ApiFace;
  page?: PageFace;
  /** A button on the case page that asks for it with no form of its own. */
  button?: ButtonFace;
};

// biome-ignore lint/suspicious/noExplicitAny: an entry holds a command of any input.
export type AnyCommand = CaseCommand<z.ZodObject<any>>;

/** The command and input a form's answers ask for (a page may ask for one of two commands). */
export type Submission = { command: AnyCommand; input: Record<string, unknown> };

export type ApiFace = {
  method: 'post' | 'put' | 'delete';
  /** After /disagreements/{id}: "/escalate", "/actions/{actionId}/complete". Path parameters go into the input. */
  path: string;
  summary: string;
};

export type PageContext = CaseView & { directory: CaseDirectory };

export type PageFace<F extends Fields = Fields> = {
  /** After /disagreements/:id/: "record-discussion". */
  path: string;
  heading: string;
  submitText: string;
  intro?: (view: PageContext) => string[];
  /** Warning text above the form: fixed, or what the case calls for (none where undefined). */
  warning?: string | ((view: PageContext) => string | undefined);
  inset?: (view: PageContext) => string | undefined;
  warningButton?: boolean;
  fields: (view: PageContext) => F;
  /** The answers shown when the page is first opened. */
  defaults?: (view: PageContext) => FormBody;
  /** Rules across the form's fields, once each field reads. */
  across?: (values: Partial<FormValues<F>>) => FormErrors | undefined;
  submit: (values: FormValues<F>, view: PageContext) => Submission;
  /** The field a domain error's path is about, where the form names it differently. */
  fieldOf?: (path: string) => string | undefined;
  /**
   * The case page's link to this page, if the case calls for it now: its words, or undefined.
   * Asked only of someone with the command's ability. A page reached from elsewhere on the
   * case page (the meeting's) offers none.
   */
  offer?: (view: CaseView) => string | undefined;
  /** What the case page says once it is done: "Discussion recorded". */
  done: (result: Disagreement, view: PageContext) => string;
};

export type ButtonFace = {
  /** After /disagreements/:id/: "tell-next-level", "actions/:actionId/complete". */
  path: string;
  input: (params: Record<string, string>) => Record<string, unknown>;
  done: string;
  /** Where on the case page its problem is shown. */
  anchor: string;
};

/** A page face, typed by its fields so its answers are typed in submit. */
export function pageFace<F extends Fields>(face: PageFace<F>): PageFace {
  return face as unknown as PageFace;
}
