import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { CaseSort } from '../../domain/disagreement/caseSorts.ts';
import type { DatabaseSchema } from '../schema.ts';

type Eb = ExpressionBuilder<DatabaseSchema, 'disagreements'>;

/** The case has one of these agencies as a party: on the given side, or on either. */
export function hasParty(eb: Eb, agencyIds: readonly string[], side?: 'raising' | 'other') {
  return eb.exists(
    eb
      .selectFrom('disagreement_agencies as party')
      .select('party.agency_id')
      .whereRef('party.disagreement_id', '=', 'disagreements.id')
      .where('party.agency_id', 'in', [...agencyIds])
      .$if(side !== undefined, (query) => query.where('party.side', '=', side as string)),
  );
}
type Query<O> = SelectQueryBuilder<DatabaseSchema, 'disagreements', O>;

/** Where a page of a sorted list ends: the sort's value on its last case (null for none), and its id. */
export type CaseCursor = { value: string | null; id: string };

/** A span of instants: from, inclusive; before, exclusive. */
export type InstantSpan = { from?: string | undefined; before?: string | undefined };

/**
 * What a list, a search or an export asks of the cases a person may see. Dates are already
 * instants in the partnership's calendar; every part is optional and they all hold at once.
 */
export type CaseFilter = {
  status?: string | undefined;
  stageKey?: string | undefined;
  overdueAt?: string | undefined;
  partnershipId?: string | undefined;
  localAuthorityId?: string | undefined;
  /** A party to the case, on either side. */
  agencyId?: string | undefined;
  raisingAgencyId?: string | undefined;
  otherAgencyId?: string | undefined;
  category?: string | undefined;
  urgent?: boolean | undefined;
  raised?: InstantSpan | undefined;
  /** Became resolved or was withdrawn in the span, as `endedAs` says. */
  ended?: InstantSpan | undefined;
  endedAs?: 'resolved' | 'withdrawn' | undefined;
  closed?: InstantSpan | undefined;
  stageReached?: string | undefined;
  /** A stage of this key ended in the span. */
  stageEnded?: { key: string; span: InstantSpan } | undefined;
  /** A reference (exactly), or words each starting one of its children's names. */
  search?: { reference: string | null; words: readonly string[] } | undefined;
};

// Above every character a folded word holds, so [word, word + LAST) is every word it starts.
const LAST = '\u{10FFFF}';

function within(eb: Eb, column: 'raised_at' | 'ended_at' | 'closed_at', span: InstantSpan) {
  return eb.and([
    ...(span.from ? [eb(column, '>=', span.from)] : []),
    ...(span.before ? [eb(column, '<', span.before)] : []),
  ]);
}

/** The filter as a condition on the disagreements table. */
export function matching(eb: Eb, filter: CaseFilter) {
  const conditions = [];
  if (filter.partnershipId) conditions.push(eb('partnership_id', '=', filter.partnershipId));
  if (filter.status) conditions.push(eb('status', '=', filter.status));
  if (filter.stageKey) conditions.push(eb('current_stage_key', '=', filter.stageKey));
  if (filter.overdueAt) {
    conditions.push(eb('status', '=', 'open'), eb('current_due_at', '<', filter.overdueAt));
  }
  if (filter.localAuthorityId) {
    conditions.push(eb('local_authority_id', '=', filter.localAuthorityId));
  }
  if (filter.category) conditions.push(eb('category', '=', filter.category));
  if (filter.urgent !== undefined) conditions.push(eb('urgent', '=', filter.urgent));
  if (filter.raised) conditions.push(within(eb, 'raised_at', filter.raised));
  if (filter.ended) conditions.push(within(eb, 'ended_at', filter.ended));
  if (filter.endedAs === 'resolved') conditions.push(eb('status', 'in', ['resolved', 'closed']));
  if (filter.endedAs === 'withdrawn') conditions.push(eb('status', '=', 'withdrawn'));
  if (filter.closed) conditions.push(within(eb, 'closed_at', filter.closed));
  if (filter.stageReached) conditions.push(eb('stage_reached', '=', filter.stageReached));
  for (const [agencyId, side] of [
    [filter.agencyId, undefined],
    [filter.raisingAgencyId, 'raising'],
    [filter.otherAgencyId, 'other'],
  ] as const) {
    if (agencyId) conditions.push(hasParty(eb, [agencyId], side));
  }
  if (filter.stageEnded) {
    const { key, span } = filter.stageEnded;
    conditions.push(
      eb.exists(
        eb
          .selectFrom('disagreement_stages as stage')
          .select('stage.position')
          .whereRef('stage.disagreement_id', '=', 'disagreements.id')
          .where('stage.stage_key', '=', key)
          .where('stage.ended_at', 'is not', null)
          .$if(Boolean(span.from), (query) =>
            query.where('stage.ended_at', '>=', span.from as string),
          )
          .$if(Boolean(span.before), (query) =>
            query.where('stage.ended_at', '<', span.before as string),
          ),
      ),
    );
  }
  if (filter.search) {
    const { reference, words } = filter.search;
    const named = words.map((word) =>
      eb(
        'id',
        'in',
        eb
          .selectFrom('disagreement_search')
          .select('disagreement_id')
          .where('term', '>=', word)
          .where('term', '<', `${word}${LAST}`),
      ),
    );
    const byName = named.length > 0 ? [eb.and(named)] : [];
    const byReference = reference ? [eb('reference', '=', reference)] : [];
    conditions.push(eb.or([...byReference, ...byName]));
  }
  return eb.and(conditions);
}

/**
 * A page of the cases a query finds, in the sort's order, after a cursor. Each order is a range
 * of an index ending in the case's id, so a page reads its first rows rather than sorting every
 * case that matches. Soonest due first reads the cases with a due time, then those without.
 */
export async function sortedPage<O>(
  query: Query<O>,
  sort: CaseSort,
  cursor: CaseCursor | undefined,
  limit: number,
): Promise<O[]> {
  if (sort !== 'due') {
    const column = sort === 'raised' ? 'raised_at' : 'created_at';
    let after = query;
    if (cursor?.value) {
      const { value, id } = cursor;
      after = query.where((eb) =>
        eb.or([eb(column, '<', value), eb.and([eb(column, '=', value), eb('id', '<', id)])]),
      );
    }
    return after.orderBy(column, 'desc').orderBy('id', 'desc').limit(limit).execute();
  }
  const due: O[] = [];
  if (!cursor || cursor.value !== null) {
    let withDue = query.where('current_due_at', 'is not', null);
    if (cursor?.value) {
      const { value, id } = cursor;
      withDue = withDue.where((eb) =>
        eb.or([
          eb('current_due_at', '>', value),
          eb.and([eb('current_due_at', '=', value), eb('id', '>', id)]),
        ]),
      );
    }
    due.push(...(await withDue.orderBy('current_due_at').orderBy('id').limit(limit).execute()));
  }
  if (due.length === limit) return due;
  let withoutDue = query.where('current_due_at', 'is', null);
  if (cursor && cursor.value === null) withoutDue = withoutDue.where('id', '>', cursor.id);
  return [
    ...due,
    ...(await withoutDue
      .orderBy('id')
      .limit(limit - due.length)
      .execute()),
  ];
}
