import { z } from 'zod';
import { formatDate } from '../../../domain/calendar/formatting.ts';
import type { Agency, LocalAuthority } from '../../../domain/directory/directory.ts';
import type { CaseSort } from '../../../domain/disagreement/caseSorts.ts';
import { caseStatuses } from '../../../domain/disagreement/disagreement.ts';
import { type Category, categories } from '../../../domain/vocabulary.ts';
import {
  checkboxesField,
  dateField,
  type FormBody,
  type FormErrors,
  selectField,
  textField,
  unlessEmpty,
} from '../../../forms/fields.ts';
import { checkFields, dateValues } from '../../../forms/form.ts';
import { type CaseQuery, caseQuerySchema } from '../../../services/caseQuery.ts';
import { agencyFilterField, localAuthorityFilterField } from '../../filterFields.ts';

/**
 * The case list's filters (GOV.UK fields in MoJ Frontend's filter layout). The address holds
 * them as GET /api/v1/disagreements takes them (raisedFrom=2026-10-01), so a filtered list can
 * be bookmarked, paged and linked to from the dashboard; the form's date boxes are read once
 * and the page moves to that address.
 */

export type FilterChoices = {
  stages: readonly { key: string; name: string }[];
  localAuthorities: readonly LocalAuthority[];
  agencies: readonly Agency[];
  /** Every category, in the words of the partnership's protocol (categoryName). */
  categories: readonly { id: Category; name: string }[];
};

const statusNames: Record<string, string> = {
  open: 'Open',
  resolved: 'Resolved',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
};
export const sortNames: Record<CaseSort, string> = {
  newest: 'Newest first',
  raised: 'Date first raised, latest first',
  due: 'Soonest due first',
};

export function filterFields(choices: FilterChoices) {
  const dateMessages = (what: string) => ({
    invalid: `Enter ${what} as a real date, like 27 3 2026`,
  });
  return {
    q: textField({
      label: 'Reference or child’s name',
      size: 's',
      schema: z.string().trim().max(200, 'Enter 200 characters or fewer').optional(),
    }),
    status: selectField({
      label: 'Status',
      size: 's',
      placeholder: 'Any status',
      choices: caseStatuses.map((status) => ({
        value: status,
        text: statusNames[status] ?? status,
      })),
      schema: unlessEmpty(z.enum(caseStatuses)),
    }),
    stage: selectField({
      label: 'Current stage',
      size: 's',
      placeholder: 'Any stage',
      choices: choices.stages.map((stage) => ({ value: stage.key, text: stage.name })),
      schema: unlessEmpty(
        z.enum(choices.stages.map((stage) => stage.key) as [string, ...string[]]),
      ),
    }),
    localAuthorityId: localAuthorityFilterField(choices.localAuthorities),
    agencyId: agencyFilterField(choices.agencies),
    category: selectField({
      label: 'What it is about',
      size: 's',
      placeholder: 'Anything',
      choices: choices.categories.map((category) => ({ value: category.id, text: category.name })),
      schema: unlessEmpty(z.enum(categories)),
    }),
    only: checkboxesField({
      label: 'Show only',
      size: 's',
      choices: [
        { value: 'urgent', text: 'Urgent' },
        { value: 'overdue', text: 'Overdue' },
      ],
      schema: z.array(z.enum(['urgent', 'overdue'])),
    }),
    raisedFrom: dateField({
      label: 'First raised on or after',
      hint: 'For example, 1 10 2026',
      size: 's',
      messages: dateMessages('the first date'),
    }),
    raisedTo: dateField({
      label: 'First raised on or before',
      size: 's',
      messages: dateMessages('the last date'),
    }),
    sort: selectField({
      label: 'Sort by',
      size: 's',
      choices: Object.entries(sortNames).map(([value, text]) => ({ value, text })),
      schema: unlessEmpty(z.enum(['newest', 'raised', 'due'])),
    }),
  };
}

/** Filters the address may hold that the form does not ask for (links from the dashboard). */
const carried = [
  'raisingAgencyId',
  'otherAgencyId',
  'endedFrom',
  'endedTo',
  'endedAs',
  'closedFrom',
  'closedTo',
  'stageReached',
  'stageEnded',
  'stageEndedFrom',
  'stageEndedTo',
] as const;

export type FilterRead =
  | { kind: 'filters'; query: CaseQuery; values: FormBody; errors: FormErrors }
  /** The form's date boxes were sent: the same filters, at their address. */
  | { kind: 'moved'; query: CaseQuery }
  | { kind: 'form-errors'; values: FormBody; errors: FormErrors; query: CaseQuery };

const isDateForm = (sent: Record<string, unknown>) =>
  Object.keys(sent).some((key) => /^raised(From|To)-(day|month|year)$/.test(key));

/** What the address asks for: the filters, or the form that was sent with its problems. */
export function readFilters(sent: Record<string, unknown>, choices: FilterChoices): FilterRead {
  const fields = filterFields(choices);
  const kept = Object.fromEntries(
    carried.flatMap((name) => (typeof sent[name] === 'string' ? [[name, sent[name]]] : [])),
  );
  if (isDateForm(sent)) {
    const checked = checkFields(fields, sent);
    const keptQuery = caseQuerySchema.partial().safeParse(kept);
    const extra = keptQuery.success ? keptQuery.data : {};
    if (!checked.ok) {
      return {
        kind: 'form-errors',
        values: sent as FormBody,
        errors: checked.errors,
        query: extra,
      };
    }
    const v = checked.values;
    return {
      kind: 'moved',
      query: {
        ...extra,
        q: v.q || undefined,
        status: v.status,
        stage: v.stage,
        localAuthorityId: v.localAuthorityId,
        agencyId: v.agencyId,
        category: v.category as Category | undefined,
        urgent: v.only.includes('urgent') ? 'true' : undefined,
        overdue: v.only.includes('overdue') ? 'true' : undefined,
        raisedFrom: v.raisedFrom?.toString(),
        raisedTo: v.raisedTo?.toString(),
        sort: v.sort,
      },
    };
  }
  // The address: each filter read on its own, one that does not read left out and said so.
  const query: Record<string, unknown> = {};
  const errors: FormErrors = {};
  for (const [name, value] of Object.entries(sent)) {
    if (name === 'cursor' || value === '' || !(name in caseQuerySchema.shape)) continue;
    const parsed = caseQuerySchema.shape[name as keyof CaseQuery].safeParse(value);
    if (parsed.success) query[name] = parsed.data;
    else
      errors[name in fields ? name : 'q'] ??=
        `That filter (${name}) is not one Accord can use, so it was left out`;
  }
  const read = query as CaseQuery;
  return { kind: 'filters', query: read, values: formValuesOf(read), errors };
}

/** The filters as the form shows them. */
function formValuesOf(query: CaseQuery): FormBody {
  return {
    q: query.q ?? '',
    status: query.status ?? '',
    stage: query.stage ?? '',
    localAuthorityId: query.localAuthorityId ?? '',
    agencyId: query.agencyId ?? '',
    category: query.category ?? '',
    only: [
      ...(query.urgent === 'true' ? ['urgent'] : []),
      ...(query.overdue === 'true' ? ['overdue'] : []),
    ],
    ...(query.raisedFrom
      ? dateValues('raisedFrom', Temporal.PlainDate.from(query.raisedFrom))
      : {}),
    ...(query.raisedTo ? dateValues('raisedTo', Temporal.PlainDate.from(query.raisedTo)) : {}),
    sort: query.sort ?? 'newest',
  };
}

/** The filters as an address's query string (empty ones left out). */
export function queryString(
  query: Readonly<Record<string, unknown>>,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...query, ...extra })) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The filters in force, each as a tag that removes it (MoJ Frontend's selected filters). */
export function selectedFilters(query: CaseQuery, choices: FilterChoices, path: string) {
  const agencyName = (id: string) => choices.agencies.find((a) => a.id === id)?.name ?? 'an agency';
  const day = (date: string) => formatDate(Temporal.PlainDate.from(date));
  const label: Partial<Record<keyof CaseQuery, (value: string) => string>> = {
    q: (value) => `“${value}”`,
    status: (value) => statusNames[value] ?? value,
    stage: (value) => choices.stages.find((s) => s.key === value)?.name ?? value,
    localAuthorityId: (value) =>
      choices.localAuthorities.find((la) => la.id === value)?.name ?? 'a local authority',
    agencyId: agencyName,
    raisingAgencyId: (value) => `Raised by ${agencyName(value)}`,
    otherAgencyId: (value) => `Raised with ${agencyName(value)}`,
    category: (value) => choices.categories.find((c) => c.id === value)?.name ?? value,
    urgent: (value) => (value === 'true' ? 'Urgent' : 'Not urgent'),
    overdue: () => 'Overdue',
    raisedFrom: (value) => `Raised from ${day(value)}`,
    raisedTo: (value) => `Raised up to ${day(value)}`,
    endedFrom: (value) => `Ended from ${day(value)}`,
    endedTo: (value) => `Ended up to ${day(value)}`,
    endedAs: (value) => (value === 'resolved' ? 'Resolved' : 'Withdrawn'),
    closedFrom: (value) => `Closed from ${day(value)}`,
    closedTo: (value) => `Closed up to ${day(value)}`,
    stageReached: (value) =>
      `Ended at ${choices.stages.find((s) => s.key === value)?.name ?? value}`,
    stageEnded: (value) =>
      `A stage ended: ${choices.stages.find((s) => s.key === value)?.name ?? value}`,
    stageEndedFrom: (value) => `Stage ended from ${day(value)}`,
    stageEndedTo: (value) => `Stage ended up to ${day(value)}`,
  };
  const items = Object.entries(query).flatMap(([name, value]) => {
    const describe = label[name as keyof CaseQuery];
    if (!describe || value === undefined || value === '') return [];
    const { [name as keyof CaseQuery]: _removed, ...rest } = query;
    return [{ text: describe(String(value)), href: `${path}${queryString(rest)}` }];
  });
  return items.length === 0
    ? undefined
    : {
        heading: { text: 'Selected filters' },
        clearLink: { text: 'Clear filters', href: path },
        categories: [{ heading: { text: 'Showing' }, items }],
      };
}

/** Hidden fields that keep the filters the form does not show. */
export function carriedFilters(query: CaseQuery): { name: string; value: string }[] {
  return carried.flatMap((name) => (query[name] ? [{ name, value: String(query[name]) }] : []));
}
