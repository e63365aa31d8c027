import { z } from 'zod';
import type { CaseCursor, CaseFilter, InstantSpan } from '../db/repositories/caseFilterSql.ts';
import type { WorkingCalendar } from '../domain/calendar/workingCalendar.ts';
import { isoInstant } from '../domain/clock.ts';
import { calendarDate, id, text } from '../domain/disagreement/actions/inputs.ts';
import { type CaseSort, caseSorts } from '../domain/disagreement/caseSorts.ts';
import { caseStatuses, type Disagreement } from '../domain/disagreement/disagreement.ts';
import { asReference, foldedWords } from '../domain/disagreement/searchTerms.ts';
import { Invalid } from '../domain/errors.ts';
import { categories } from '../domain/vocabulary.ts';

const yes = z.enum(['true', 'false']);

/**
 * What a person may ask of the cases they see, in a list, a search or an export: the same
 * filters on the pages (in the URL, so they survive paging) and on GET /disagreements. Dates
 * are days of the partnership's calendar, both ends included.
 */
export const caseQuerySchema = z.strictObject({
  status: z.enum(caseStatuses).optional(),
  stage: text(100).optional().meta({ description: 'The current stage’s key' }),
  overdue: yes.optional(),
  partnershipId: id.optional(),
  localAuthorityId: id.optional(),
  agencyId: id
    .optional()
    .meta({ description: 'An agency party to the case, on either side (extension)' }),
  raisingAgencyId: id.optional().meta({ description: 'The raising agency (extension)' }),
  otherAgencyId: id
    .optional()
    .meta({ description: 'An agency the case was raised with (extension)' }),
  category: z.enum(categories).optional(),
  urgent: yes.optional(),
  raisedFrom: calendarDate.optional(),
  raisedTo: calendarDate.optional(),
  endedFrom: calendarDate
    .optional()
    .meta({ description: 'Resolved or withdrawn on or after (extension)' }),
  endedTo: calendarDate.optional(),
  endedAs: z.enum(['resolved', 'withdrawn']).optional(),
  closedFrom: calendarDate.optional(),
  closedTo: calendarDate.optional(),
  stageReached: text(100)
    .optional()
    .meta({ description: 'The stage in force when it was resolved or withdrawn' }),
  stageEnded: text(100)
    .optional()
    .meta({ description: 'A stage of this key ended in stageEndedFrom to stageEndedTo' }),
  stageEndedFrom: calendarDate.optional(),
  stageEndedTo: calendarDate.optional(),
  q: z.string().trim().max(200, 'must be at most 200 characters').optional().meta({
    description: 'A case reference, or a child’s name (each word starts one of the names)',
  }),
  sort: z.enum(caseSorts).optional().meta({
    description:
      'newest (raised into Accord, the default), raised (the date it was first raised) or due (soonest due first)',
  }),
});

export type CaseQuery = z.output<typeof caseQuerySchema>;

function span(
  calendar: WorkingCalendar,
  from?: string,
  to?: string,
  field?: string,
): InstantSpan | undefined {
  if (!from && !to) return undefined;
  if (from && to && from > to) {
    throw new Invalid('The dates are the wrong way round', [
      { path: field ?? 'from', message: 'must be on or before the date it runs to' },
    ]);
  }
  const start = (date: string) =>
    isoInstant(Temporal.PlainDate.from(date).toZonedDateTime(calendar.timeZone).toInstant());
  return {
    from: from ? start(from) : undefined,
    before: to ? start(Temporal.PlainDate.from(to).add({ days: 1 }).toString()) : undefined,
  };
}

/** The query as the repository's filter, its dates as instants in the partnership's calendar. */
export function filterOf(
  query: CaseQuery,
  calendar: WorkingCalendar,
  now: Temporal.Instant,
): CaseFilter {
  const q = query.q?.trim();
  return {
    status: query.status,
    stageKey: query.stage,
    overdueAt: query.overdue === 'true' ? isoInstant(now) : undefined,
    partnershipId: query.partnershipId,
    localAuthorityId: query.localAuthorityId,
    agencyId: query.agencyId,
    raisingAgencyId: query.raisingAgencyId,
    otherAgencyId: query.otherAgencyId,
    category: query.category,
    urgent: query.urgent === undefined ? undefined : query.urgent === 'true',
    raised: span(calendar, query.raisedFrom, query.raisedTo, 'raisedFrom'),
    ended: span(calendar, query.endedFrom, query.endedTo, 'endedFrom'),
    endedAs: query.endedAs,
    closed: span(calendar, query.closedFrom, query.closedTo, 'closedFrom'),
    stageReached: query.stageReached,
    stageEnded: query.stageEnded
      ? {
          key: query.stageEnded,
          span: span(calendar, query.stageEndedFrom, query.stageEndedTo, 'stageEndedFrom') ?? {},
        }
      : undefined,
    search: q
      ? { reference: asReference(q), words: asReference(q) ? [] : foldedWords(q) }
      : undefined,
  };
}

/** Whether the query searches (its finds are audited as found, not as listed). */
export function isSearch(query: CaseQuery): boolean {
  return Boolean(query.q?.trim());
}

/** A cursor for the page after this case, in this sort. */
export function encodeCursor(disagreement: Disagreement, sort: CaseSort): string {
  const value =
    sort === 'newest'
      ? disagreement.createdAt
      : sort === 'raised'
        ? disagreement.raisedAt
        : disagreement.status === 'open'
          ? (disagreement.stages.at(-1)?.dueAt ?? '')
          : '';
  // The newest-first cursor keeps the shape it always had.
  const parts = sort === 'newest' ? [value, disagreement.id] : [sort, value, disagreement.id];
  return Buffer.from(parts.join('|')).toString('base64url');
}

export function decodeCursor(cursor: string, sort: CaseSort): CaseCursor {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [given, value, id] = parts.length === 2 ? ['newest', ...parts] : parts;
  try {
    if (given !== sort || parts.length > 3 || !id || value === undefined)
      throw new Error('malformed');
    if (value === '' && sort !== 'due') throw new Error('malformed');
    return { value: value === '' ? null : isoInstant(Temporal.Instant.from(value)), id };
  } catch {
    throw new Invalid('The cursor is not one this service gave', [
      { path: 'cursor', message: 'Use the nextCursor of the previous page, with the same sort' },
    ]);
  }
}
