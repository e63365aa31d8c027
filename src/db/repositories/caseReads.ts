import type { Kysely } from 'kysely';
import type { CaseVisibility } from '../../domain/access/caseVisibility.ts';
import { readCaseDocument } from '../../domain/disagreement/caseDocument.ts';
import type { CaseSort } from '../../domain/disagreement/caseSorts.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { compiledOnce } from '../compiledOnce.ts';
import type { DatabaseSchema } from '../schema.ts';
import {
  type CaseCursor,
  type CaseFilter,
  hasParty,
  matching,
  sortedPage,
} from './caseFilterSql.ts';
import { visibleTo } from './caseVisibilitySql.ts';
import { inSlices } from './inSlices.ts';
import { flag, json } from './rowMapping.ts';

/** Where a page of the monitoring inbox ended. */
export type InboxCursor = { first: boolean; at: string; id: string };

/** When a case's open stage is due, if it has a due time. */
const currentStageDue = (disagreement: Disagreement) => disagreement.stages.at(-1)?.dueAt ?? null;

/** A stored case, upgraded to today's shape and checked as it is read. */
export const caseOf = (document: string | object): Disagreement => readCaseDocument(json(document));

/** The ways cases are found and read: one, a filtered page, what waits for a person, the inbox. */
// Every case read's first query.
const caseDocument = compiledOnce((db: Kysely<DatabaseSchema>, id: string) =>
  db.selectFrom('disagreements').select('document').where('id', '=', id),
);

export function caseReads(db: Kysely<DatabaseSchema>) {
  return {
    /** Up to `limit` cases whose index rows are of an older shape than today's. */
    async indexedBefore(version: number, limit: number): Promise<Disagreement[]> {
      const rows = await db
        .selectFrom('disagreements')
        .select('document')
        .where('index_version', '<', version)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => caseOf(row.document));
    },

    async get(id: string): Promise<Disagreement | undefined> {
      const [row] = await caseDocument(db, id);
      return row && caseOf(row.document);
    },

    /** The id of a partnership's case by its reference or its id, if it has one. */
    async idInPartnership(
      partnershipId: string,
      which: { reference: string } | { id: string },
    ): Promise<string | undefined> {
      const row = await db
        .selectFrom('disagreements')
        .select('id')
        .where('partnership_id', '=', partnershipId)
        .where(
          'reference' in which ? 'reference' : 'id',
          '=',
          'reference' in which ? which.reference : which.id,
        )
        .executeTakeFirst();
      return row?.id;
    },

    /** The references of cases by their ids (those that exist), for showing ids to people. */
    async referencesOf(ids: readonly string[]): Promise<Map<string, string>> {
      const references = new Map<string, string>();
      for (const slice of inSlices([...new Set(ids)])) {
        const rows = await db
          .selectFrom('disagreements')
          .select(['id', 'reference'])
          .where('id', 'in', slice)
          .execute();
        for (const row of rows) references.set(row.id, row.reference);
      }
      return references;
    },

    /** The cases a person may see that a filter finds, a sorted page at a time. */
    async listVisible(
      who: CaseVisibility,
      filter: CaseFilter,
      page: { sort: CaseSort; limit: number; cursor?: CaseCursor | undefined },
    ): Promise<Disagreement[]> {
      const query = db
        .selectFrom('disagreements')
        .select(['document'])
        .where((eb) => visibleTo(eb, who))
        .where((eb) => matching(eb, filter));
      const rows = await sortedPage(query, page.sort, page.cursor, page.limit);
      return rows.map((row) => caseOf(row.document));
    },

    /** How many cases a person may see that a filter finds (a figure, not a list: no case shown). */
    async countVisible(who: CaseVisibility, filter: CaseFilter): Promise<number> {
      const row = await db
        .selectFrom('disagreements')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where((eb) => visibleTo(eb, who))
        .where((eb) => matching(eb, filter))
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },

    /**
     * The cases a person may see that ask something of them: an open case they are named or
     * assigned on, an open or resolved case with an action they own not yet done, or an
     * outcome their agency must confirm. Each found by
     * its own index (the person's rows, their actions, the partnership's cases awaiting a
     * confirmation), so it costs as much for a million cases as for a few. No cap on age: the
     * oldest are the most overdue.
     */
    async openConcerning(who: CaseVisibility, agencyId: string | null): Promise<Disagreement[]> {
      const named = await db
        .selectFrom('disagreement_people')
        .select('disagreement_id as id')
        .where('person_id', '=', who.personId)
        .where('open', '=', true)
        .execute();
      const owned = await db
        .selectFrom('disagreement_actions')
        .select('disagreement_id as id')
        .where('owner_id', '=', who.personId)
        .where('completed_at', 'is', null)
        .execute();
      const awaiting = agencyId
        ? await db
            .selectFrom('disagreements')
            .select('id')
            .where('partnership_id', '=', who.partnershipId ?? '')
            .where('status', '=', 'open')
            .where('awaiting_confirmation', '=', true)
            .where((eb) => hasParty(eb, [agencyId]))
            .execute()
        : [];
      const ids = [...new Set([...named, ...owned, ...awaiting].map((row) => row.id))];
      const found: Disagreement[] = [];
      for (const slice of inSlices(ids)) {
        const rows = await db
          .selectFrom('disagreements')
          .select(['document'])
          .where('id', 'in', slice)
          // A resolved case still asks for its open actions (its stage and confirmation are done).
          .where('status', 'in', ['open', 'resolved'])
          .where((eb) => visibleTo(eb, who))
          .execute();
        found.push(...rows.map((row) => caseOf(row.document)));
      }
      const due = (d: Disagreement) => currentStageDue(d) ?? '9999';
      return found.sort((a, b) => (due(a) < due(b) ? -1 : due(a) > due(b) ? 1 : 0));
    },

    /** Which of these cases a person may see now. */
    async visibleAmong(who: CaseVisibility, ids: readonly string[]): Promise<Set<string>> {
      const visible = new Set<string>();
      for (const slice of inSlices(ids)) {
        const rows = await db
          .selectFrom('disagreements')
          .select('id')
          .where('id', 'in', slice)
          .where((eb) => visibleTo(eb, who))
          .execute();
        for (const row of rows) visible.add(row.id);
      }
      return visible;
    },

    /** Every case (in any state) one of the given agencies is party to. */
    async ofAgencies(partnershipId: string, agencyIds: readonly string[]): Promise<Disagreement[]> {
      if (agencyIds.length === 0) return [];
      const rows = await db
        .selectFrom('disagreements')
        .select(['document'])
        .where('partnership_id', '=', partnershipId)
        .where((eb) => hasParty(eb, agencyIds))
        .execute();
      return rows.map((row) => caseOf(row.document));
    },

    /** A partnership's open cases at any of these stages (by key). */
    async openAtStages(
      partnershipId: string,
      stageKeys: readonly string[],
    ): Promise<Disagreement[]> {
      if (stageKeys.length === 0) return [];
      const rows = await db
        .selectFrom('disagreements')
        .select(['document'])
        .where('partnership_id', '=', partnershipId)
        .where('status', '=', 'open')
        .where('current_stage_key', 'in', [...stageKeys])
        .execute();
      return rows.map((row) => caseOf(row.document));
    },

    /**
     * The partnership's monitoring inbox, a page at a time: cases the team was told of now and
     * urgent ones first, then newest first.
     */
    async inInbox(
      partnershipId: string,
      options: { unacknowledgedOnly: boolean; limit: number; after?: InboxCursor | undefined },
    ): Promise<{ disagreement: Disagreement; cursor: InboxCursor }[]> {
      let query = db
        .selectFrom('disagreements')
        .select(['document', 'inbox_first', 'inbox_at', 'id'])
        .where('partnership_id', '=', partnershipId)
        .where('inbox_at', 'is not', null);
      // A purged case can no longer be acknowledged: it waits for nobody.
      if (options.unacknowledgedOnly) {
        query = query.where('acknowledged_at', 'is', null).where('purged_at', 'is', null);
      }
      const after = options.after;
      if (after) {
        query = query.where((eb) =>
          eb.or([
            eb('inbox_first', '<', after.first),
            eb.and([eb('inbox_first', '=', after.first), eb('inbox_at', '<', after.at)]),
            eb.and([
              eb('inbox_first', '=', after.first),
              eb('inbox_at', '=', after.at),
              eb('id', '<', after.id),
            ]),
          ]),
        );
      }
      const rows = await query
        .orderBy('inbox_first', 'desc')
        .orderBy('inbox_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit)
        .execute();
      return rows.map((row) => ({
        disagreement: caseOf(row.document),
        cursor: { first: flag(row.inbox_first ?? false), at: row.inbox_at as string, id: row.id },
      }));
    },

    /** How many cases wait in the partnership's monitoring inbox for acknowledgement. */
    async unacknowledgedInInbox(partnershipId: string): Promise<number> {
      const row = await db
        .selectFrom('disagreements')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('partnership_id', '=', partnershipId)
        .where('inbox_at', 'is not', null)
        .where('acknowledged_at', 'is', null)
        .where('purged_at', 'is', null)
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },

    /** Open cases of a partnership, for re-projecting their due times. */
    async openInPartnership(partnershipId: string): Promise<Disagreement[]> {
      const rows = await db
        .selectFrom('disagreements')
        .select(['document'])
        .where('partnership_id', '=', partnershipId)
        .where('status', '=', 'open')
        .execute();
      return rows.map((row) => caseOf(row.document));
    },
  };
}
