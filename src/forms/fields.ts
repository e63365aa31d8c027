import { z } from 'zod';
import { type TextKind, textProblem } from '../domain/safeText.ts';
import { escapeHtml } from './escapeHtml.ts';
import { type Common, errorOf, hintOf, labelOf, legendOf, stringOf } from './fieldParts.ts';
import type { Reveal } from './reveals.ts';

/**
 * The GOV.UK form toolkit's field model, for every form of the service: a field reads its
 * value from what the form sent (through the one date and time reader) and says what is wrong
 * in the words of its own page, and it gives the govuk-frontend component that shows it again,
 * with what was typed or chosen kept after an error. A form is a record of fields by name.
 */

export type FormBody = Record<string, unknown>;
export type FormErrors = Record<string, string>;
/** What a field may need to read its answer: the time zone a date and time are in. */
export type FieldContext = { timeZone?: string };
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** One govuk-frontend macro and its parameters, for partials/formFields.njk. */
export type Component = {
  macro:
    | 'govukInput'
    | 'govukPasswordInput'
    | 'govukTextarea'
    | 'govukRadios'
    | 'govukSelect'
    | 'govukCheckboxes'
    | 'govukDateInput';
  params: Record<string, unknown>;
  /** Radios' or checkboxes' revealed fields, by the value of the choice they are shown under. */
  reveals?: Record<string, Component[]>;
};

export type Field<T = unknown> = {
  kind:
    | 'text'
    | 'password'
    | 'textarea'
    | 'radios'
    | 'select'
    | 'checkboxes'
    | 'date'
    | 'time'
    | 'datetime';
  label: string;
  parse(body: FormBody, name: string, context: FieldContext): Parsed<T>;
  /** The context is the one the answers are read in (a date and time's time zone). */
  view(
    name: string,
    values: FormBody,
    error: string | undefined,
    context?: FieldContext,
  ): Component[];
  /**
   * Where the error summary links for this field: its first input (or, given the answers, the
   * input its problem is beside).
   */
  inputId(name: string, values?: FormBody, context?: FieldContext): string;
  /** Shown under, and asked only with, a choice of another field (reveals.ts). */
  revealedBy?: Reveal;
};

export type Fields = Record<string, Field>;
export type FormValues<F extends Fields> = {
  [Name in keyof F]: F[Name] extends Field<infer T> ? T : never;
};

export type Choice = { value: string; text: string; hint?: string };
/** A group's name between radios: govuk-frontend's divider, styled as the group's heading. */
export type Divider = { divider: string };

/** Typed text checked by the one text rule (domain/safeText.ts) before the field's schema. */
function byTextSchema<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  field: { label: string; kind: TextKind },
): Parsed<z.output<S>> {
  const problem = typeof raw === 'string' ? textProblem(raw, field.kind) : null;
  if (problem) return { ok: false, error: `‘${field.label}’ ${problem}` };
  return bySchema(schema, raw);
}

function bySchema<S extends z.ZodType>(schema: S, raw: unknown): Parsed<z.output<S>> {
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: parsed.error.issues[0]?.message ?? 'Check this answer' };
}

/** A choice that may be left unmade: the empty choice ("Any status") reads as none. */
export const unlessEmpty = <S extends z.ZodType>(schema: S) =>
  z.union([z.literal('').transform(() => undefined), schema]).optional();

/** A line of text: the schema reads what was typed (and says what is wrong with it). */
export function textField<S extends z.ZodType>(
  field: Common & {
    schema: S;
    type?: 'text' | 'email' | 'tel';
    autocomplete?: string;
    spellcheck?: boolean;
    classes?: string;
    /** 'numeric' for a whole number (GOV.UK: a text input, not type=number). */
    inputmode?: 'numeric';
    /** Words after the box, such as "months". */
    suffix?: string;
  },
): Field<z.output<S>> {
  return {
    kind: 'text',
    label: field.label,
    parse: (body, name) =>
      byTextSchema(field.schema, body[name], {
        label: field.label,
        kind: 'line',
      }),
    view: (name, values, error) => [
      {
        macro: 'govukInput',
        params: {
          id: name,
          name,
          type: field.type ?? 'text',
          label: labelOf(field),
          hint: hintOf(field.hint),
          value: stringOf(values[name]),
          autocomplete: field.autocomplete,
          spellcheck: field.spellcheck ?? (field.type === 'email' ? false : undefined),
          classes: field.classes,
          inputmode: field.inputmode,
          suffix: field.suffix ? { text: field.suffix } : undefined,
          errorMessage: errorOf(error),
        },
      },
    ],
    inputId: (name) => name,
  };
}

export function passwordField<S extends z.ZodType>(
  field: Common & { schema: S; autocomplete?: string },
): Field<z.output<S>> {
  return {
    kind: 'password',
    label: field.label,
    parse: (body, name) => bySchema(field.schema, body[name]),
    view: (name, _values, error) => [
      {
        macro: 'govukPasswordInput',
        params: {
          id: name,
          name,
          label: labelOf(field),
          hint: hintOf(field.hint),
          autocomplete: field.autocomplete ?? 'current-password',
          errorMessage: errorOf(error),
        },
      },
    ],
    inputId: (name) => name,
  };
}

export function textareaField<S extends z.ZodType>(
  field: Common & { schema: S; rows?: number; autocomplete?: string; spellcheck?: boolean },
): Field<z.output<S>> {
  return {
    kind: 'textarea',
    label: field.label,
    parse: (body, name) =>
      byTextSchema(field.schema, body[name], { label: field.label, kind: 'multiline' }),
    view: (name, values, error) => [
      {
        macro: 'govukTextarea',
        params: {
          id: name,
          name,
          label: labelOf(field),
          hint: hintOf(field.hint),
          value: stringOf(values[name]),
          rows: field.rows ?? 5,
          autocomplete: field.autocomplete,
          spellcheck: field.spellcheck,
          errorMessage: errorOf(error),
        },
      },
    ],
    inputId: (name) => name,
  };
}

/** One of several: the schema reads the value chosen; what was chosen stays chosen after an error. */
/** The divider a choice comes under, if any. */
function groupOf(choices: readonly (Choice | Divider)[], index: number): string | undefined {
  for (let i = index; i >= 0; i--) {
    const choice = choices[i];
    if (choice && 'divider' in choice) return choice.divider;
  }
  return undefined;
}

function labelInGroup(group: string | undefined, text: string): string {
  const heard = group ? `<span class="govuk-visually-hidden">${escapeHtml(group)}: </span>` : '';
  return `${heard}${escapeHtml(text)}`;
}

/**
 * One question answered by one radio. Dividers name groups of radios (a long list, such as the
 * categories): still one fieldset and one question, never a fieldset per group, which people
 * read as one answer wanted from each.
 */
export function radiosField<S extends z.ZodType>(
  field: Common & { schema: S; choices: readonly (Choice | Divider)[]; inline?: boolean },
): Field<z.output<S>> {
  const grouped = field.choices.some((choice) => 'divider' in choice);
  return {
    kind: 'radios',
    label: field.label,
    parse: (body, name) => bySchema(field.schema, body[name]),
    view: (name, values, error) => {
      // The error summary links to the first radio, whatever comes before it.
      const first = field.choices.find((choice): choice is Choice => !('divider' in choice));
      return [
        {
          macro: 'govukRadios',
          params: {
            idPrefix: name,
            name,
            fieldset: legendOf(field),
            hint: hintOf(field.hint),
            classes:
              [field.inline ? 'govuk-radios--inline' : '', grouped ? 'accord-radios--grouped' : '']
                .filter(Boolean)
                .join(' ') || undefined,
            items: field.choices.map((choice, index) =>
              'divider' in choice
                ? { divider: choice.divider }
                : {
                    ...(grouped ? { id: choice === first ? name : `${name}-${choice.value}` } : {}),
                    value: choice.value,
                    // A divider is only drawn: each radio's label says its group to a screen reader.
                    ...(grouped
                      ? { html: labelInGroup(groupOf(field.choices, index), choice.text) }
                      : { text: choice.text }),
                    hint: hintOf(choice.hint),
                    checked: stringOf(values[name]) === choice.value,
                  },
            ),
            errorMessage: errorOf(error),
          },
        },
      ];
    },
    inputId: (name) => name,
  };
}

export function selectField<S extends z.ZodType>(
  field: Common & {
    schema: S;
    choices: readonly Choice[];
    placeholder?: string;
    /** Attributes of the select, such as the mark a script enhances it by. */
    attributes?: Readonly<Record<string, string>>;
  },
): Field<z.output<S>> {
  return {
    kind: 'select',
    label: field.label,
    parse: (body, name) => bySchema(field.schema, body[name]),
    view: (name, values, error) => [
      {
        macro: 'govukSelect',
        params: {
          id: name,
          name,
          label: labelOf(field),
          hint: hintOf(field.hint),
          items: [
            ...(field.placeholder !== undefined ? [{ value: '', text: field.placeholder }] : []),
            ...field.choices.map((choice) => ({
              value: choice.value,
              text: choice.text,
              selected: stringOf(values[name]) === choice.value,
            })),
          ],
          errorMessage: errorOf(error),
          ...(field.attributes ? { attributes: field.attributes } : {}),
        },
      },
    ],
    inputId: (name) => name,
  };
}

/** Any number of several: the schema reads the list of values ticked. */
export function checkboxesField<S extends z.ZodType>(
  field: Common & { schema: S; choices: readonly Choice[] },
): Field<z.output<S>> {
  const ticked = (value: unknown) => (value === undefined ? [] : [value].flat());
  return {
    kind: 'checkboxes',
    label: field.label,
    parse: (body, name) => bySchema(field.schema, ticked(body[name])),
    view: (name, values, error) => {
      const chosen = new Set(ticked(values[name]).map(stringOf));
      return [
        {
          macro: 'govukCheckboxes',
          params: {
            idPrefix: name,
            name,
            fieldset: legendOf(field),
            hint: hintOf(field.hint),
            items: field.choices.map((choice) => ({
              value: choice.value,
              text: choice.text,
              hint: hintOf(choice.hint),
              checked: chosen.has(choice.value),
            })),
            errorMessage: errorOf(error),
          },
        },
      ];
    },
    inputId: (name) => name,
  };
}

/** What a date field says when it is left empty (if it must be given) or is not a real date. */

export {
  type DateMessages,
  type DateTimeMessages,
  dateField,
  dateTimeField,
  type TimeMessages,
  timeField,
} from './dateFields.ts';
