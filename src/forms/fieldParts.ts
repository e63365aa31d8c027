// What every field of the toolkit shares: its label or legend, hint and error as govuk-frontend
// takes them (fields.ts, dateFields.ts).

export type Common = {
  label: string;
  hint?: string | undefined;
  /** How large the label or legend is: GOV.UK's s, m or l; none for a plain label. */
  size?: 's' | 'm' | 'l';
  /** The label is the page's heading (one question on the page). */
  pageHeading?: boolean;
};

export const hintOf = (hint: string | undefined) => (hint ? { text: hint } : undefined);
export const errorOf = (error: string | undefined) => (error ? { text: error } : undefined);
export const labelOf = (field: Common) => ({
  text: field.label,
  ...(field.size ? { classes: `govuk-label--${field.size}` } : {}),
  ...(field.pageHeading ? { isPageHeading: true } : {}),
});
export const legendOf = (field: Common) => ({
  legend: {
    text: field.label,
    ...(field.size ? { classes: `govuk-fieldset__legend--${field.size}` } : {}),
    ...(field.pageHeading ? { isPageHeading: true } : {}),
  },
});
export const stringOf = (value: unknown) =>
  value === undefined || value === null ? '' : String(value);
