import type { Kysely } from 'kysely';
import type { InvolvedPerson } from '../../domain/access/involvement.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { Conflict } from '../../domain/errors.ts';
import {
  caseFacts,
  factChanges,
  factsFromStored,
  storedFacts,
} from '../../domain/reports/caseFacts.ts';
import type { DatabaseSchema } from '../schema.ts';
import { caseIndexRows } from './caseIndexRows.ts';
import { caseReads, type InboxCursor } from './caseReads.ts';
import {
  CASE_INDEX_VERSION,
  type CaseIndexing,
  type CaseIndexRules,
  caseColumns,
  findingColumns,
  newCaseRow,
} from './caseRows.ts';
import { reportsRepository } from './reportsRepository.ts';

export { CASE_INDEX_VERSION, type CaseIndexing, type CaseIndexRules, type InboxCursor };

export function disagreementRepository(db: Kysely<DatabaseSchema>) {
  const counts = reportsRepository(db);

  /** The case's report facts now, counted in place of those it counted for before. */
  async function countFacts(disagreement: Disagreement, rules: CaseIndexRules) {
    const row = await db
      .selectFrom('disagreements')
      .select('report_facts')
      .where('id', '=', disagreement.id)
      .executeTakeFirst();
    const before = row?.report_facts ? factsFromStored(JSON.parse(row.report_facts)) : [];
    const after = caseFacts(disagreement, rules.calendar);
    await counts.apply(disagreement.partnershipId, factChanges(before, after));
    await db
      .updateTable('disagreements')
      .set({ report_facts: JSON.stringify(storedFacts(after)) })
      .where('id', '=', disagreement.id)
      .execute();
  }

  async function index(disagreement: Disagreement, rules: CaseIndexRules) {
    await replaceFindingRows(disagreement, rules.protocol);
    await countFacts(disagreement, rules);
  }

  const {
    replace: replaceIndexRows,
    replaceFindingRows,
    insertForNew,
    insertChunked,
    involvedInMany,
  } = caseIndexRows(db);

  return {
    ...caseReads(db),

    /** The next number in a named sequence, e.g. a partnership's case references for a year. */
    async nextNumber(scope: string, name: string): Promise<number> {
      return this.reserveNumbers(scope, name, 1);
    },

    /** The next `count` numbers of a named sequence, for cases made together: returns the first. */
    async reserveNumbers(scope: string, name: string, count: number): Promise<number> {
      const row = await db
        .insertInto('counters')
        .values({ scope, name, value: count })
        .onConflict((conflict) =>
          conflict
            .columns(['scope', 'name'])
            .doUpdateSet((eb) => ({ value: eb('counters.value', '+', count) })),
        )
        .returning('value')
        .executeTakeFirstOrThrow();
      return Number(row.value) - count + 1;
    },

    async insert(disagreement: Disagreement, access: CaseIndexing): Promise<void> {
      await this.insertMany([{ disagreement, indexing: access }]);
    },

    /**
     * New cases, with every row beside them and the report counts they add, a chunk of rows at
     * a time: one raise, or a batch of generated history.
     */
    async insertMany(
      cases: readonly { disagreement: Disagreement; indexing: CaseIndexing }[],
    ): Promise<void> {
      const counted = cases.map(({ disagreement, indexing }) => ({
        disagreement,
        indexing,
        facts: caseFacts(disagreement, indexing.calendar),
      }));
      await insertChunked(
        'disagreements',
        counted.map(({ disagreement, indexing, facts }) =>
          newCaseRow(disagreement, indexing, facts),
        ),
      );
      await insertForNew(
        cases.map(({ disagreement, indexing }) => ({
          disagreement,
          involved: indexing.involved,
          protocol: indexing.protocol,
        })),
      );
      for (const [partnershipId, ofPartnership] of Map.groupBy(
        counted,
        (item) => item.disagreement.partnershipId,
      )) {
        await counts.apply(
          partnershipId,
          factChanges(
            [],
            ofPartnership.flatMap((item) => item.facts),
          ),
        );
      }
    },

    /** Saves a changed case if nobody changed it since `expectedVersion`; else a Conflict. */
    async update(
      disagreement: Disagreement,
      expectedVersion: number,
      access: CaseIndexing,
    ): Promise<void> {
      const result = await db
        .updateTable('disagreements')
        .set(caseColumns(disagreement, access.otherSideCanSee, access))
        .where('id', '=', disagreement.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        throw new Conflict(
          'Someone else changed this disagreement first: look at it again, then make your change',
        );
      }
      await replaceIndexRows(disagreement, access.involved);
      await index(disagreement, access);
    },

    /**
     * Indexes a stored case again under today's shape of its index, as it was read: unless it
     * was saved (and so indexed) since, or another instance indexed it first. Says whether it did.
     */
    async reindex(disagreement: Disagreement, rules: CaseIndexRules): Promise<boolean> {
      const result = await db
        .updateTable('disagreements')
        .set(findingColumns(disagreement, rules))
        .where('id', '=', disagreement.id)
        .where('version', '=', disagreement.version)
        .where('index_version', '<', CASE_INDEX_VERSION)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await index(disagreement, rules);
      return true;
    },

    /**
     * Who is named or assigned on a case, written again after the directory changed: only if
     * the case is still as it was read (its row is locked until the transaction ends, so no save
     * slips in between). False if it was saved since: read it again and work them out anew.
     */
    async replaceInvolved(
      disagreement: Disagreement,
      involved: InvolvedPerson[],
    ): Promise<boolean> {
      const locked = await db
        .updateTable('disagreements')
        .set({ version: disagreement.version })
        .where('id', '=', disagreement.id)
        .where('version', '=', disagreement.version)
        .executeTakeFirst();
      if (Number(locked.numUpdatedRows) !== 1) return false;
      await replaceIndexRows(disagreement, involved);
      return true;
    },

    async involvedPeople(disagreementId: string): Promise<InvolvedPerson[]> {
      return (await involvedInMany([disagreementId])).get(disagreementId) ?? [];
    },

    /** Who is named or assigned on each of several cases, by case. */
    involvedInMany,
  };
}

export type DisagreementRepository = ReturnType<typeof disagreementRepository>;
