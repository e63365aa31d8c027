import type { Component, Field, FormBody } from './fields.ts';

/**
 * Conditional reveals (GOV.UK radios and checkboxes `conditional`): a field shown under one
 * choice of another field, asked only when that choice is made. Without JavaScript every
 * revealed field shows; an answer under a choice not made is not read.
 */
export type Reveal = { field: string; value: string };

/** The field, shown under `by.value` of the radios or checkboxes named `by.field`. */
export function revealed<F extends Field>(by: Reveal, field: F): F {
  return { ...field, revealedBy: by };
}

/** Whether the choice that reveals a field was made in what was sent. */
export function revealChosen(by: Reveal, sent: FormBody): boolean {
  const answer = sent[by.field];
  return (answer === undefined ? [] : [answer].flat()).map(String).includes(by.value);
}

/**
 * A radios or checkboxes component's parameters with each choice's revealed fields as its
 * `conditional` HTML, drawn by `render` (the formFields macro): a Nunjucks filter.
 */
export function withReveals(
  params: Record<string, unknown>,
  reveals: Record<string, Component[]>,
  render: (components: Component[]) => unknown,
): Record<string, unknown> {
  const items = (params.items ?? []) as Record<string, unknown>[];
  return {
    ...params,
    items: items.map((item) => {
      const components = reveals[String(item.value)];
      return components ? { ...item, conditional: { html: String(render(components)) } } : item;
    }),
  };
}
