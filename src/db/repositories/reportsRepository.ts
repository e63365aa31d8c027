import type { Kysely } from 'kysely';
import type { CaseFact } from '../../domain/reports/caseFacts.ts';
import type { Bucket, Grain } from '../../domain/reports/reportPeriod.ts';
import type { DatabaseSchema } from '../schema.ts';

export type FactSum = { measure: string; key1: string; key2: string; count: number };

type CountKey = {
  grain: Grain;
  period: string;
  measure: string;
  local_authority_id: string;
  key1: string;
  key2: string;
};

/**
 * Buckets by sign and grain, each group read by one query that the index answers by key
 * (partnership, grain, period): an OR across grains would make it read the partnership's every row.
 */
function bucketGroups(buckets: readonly Bucket[]) {
  const groups: { sign: 1 | -1; grain: Grain; periods: string[] }[] = [];
  for (const sign of [1, -1] as const) {
    for (const grain of ['y', 'm', 'd'] as const) {
      const periods = buckets
        .filter((b) => b.sign === sign && b.grain === grain)
        .map((b) => b.period);
      if (periods.length > 0) groups.push({ sign, grain, periods });
    }
  }
  return groups;
}

export type OpenStageCount = { stageKey: string; open: number; overdue: number; urgent: number };

/**
 * The partnership's figures. Every case's report facts are summed by day and by month
 * (docs/decisions/0008): a case's save adds what it now counts for and takes away what it no
 * longer does, in the same transaction, so the sums are always those of the cases. What is
 * open now is counted from the cases' own columns.
 */
export function reportsRepository(db: Kysely<DatabaseSchema>) {
  return {
    /** Open cases by their current stage: how many, how many overdue at `now`, how many urgent. */
    async openByStage(
      partnershipId: string,
      localAuthorityId: string | null,
      now: string,
    ): Promise<OpenStageCount[]> {
      let query = db
        .selectFrom('disagreements')
        .select((eb) => [
          'current_stage_key',
          eb.fn.countAll<number>().as('open'),
          eb.fn
            .sum<number>(eb.case().when('current_due_at', '<', now).then(1).else(0).end())
            .as('overdue'),
          eb.fn.sum<number>(eb.case().when('urgent', '=', true).then(1).else(0).end()).as('urgent'),
        ])
        .where('partnership_id', '=', partnershipId)
        .where('status', '=', 'open');
      if (localAuthorityId !== null)
        query = query.where('local_authority_id', '=', localAuthorityId);
      const rows = await query.groupBy('current_stage_key').execute();
      return rows.map((row) => ({
        stageKey: row.current_stage_key ?? '',
        open: Number(row.open),
        overdue: Number(row.overdue),
        urgent: Number(row.urgent),
      }));
    },

    async apply(
      partnershipId: string,
      changes: readonly { fact: CaseFact; by: number }[],
    ): Promise<void> {
      if (changes.length === 0) return;
      const rows = new Map<string, CountKey & { count: number }>();
      for (const { fact, by } of changes) {
        for (const grain of ['d', 'm', 'y'] as const) {
          const key: CountKey = {
            grain,
            period: grain === 'd' ? fact.date : fact.date.slice(0, grain === 'm' ? 7 : 4),
            measure: fact.measure,
            local_authority_id: fact.localAuthorityId,
            key1: fact.key1,
            key2: fact.key2,
          };
          const id = JSON.stringify(Object.values(key));
          const row = rows.get(id) ?? { ...key, count: 0 };
          row.count += by;
          rows.set(id, row);
        }
      }
      // One order for every writer, so two saves that touch the same sums cannot deadlock.
      const ordered = [...rows.entries()]
        .filter(([, row]) => row.count !== 0)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, row]) => ({ partnership_id: partnershipId, ...row }));
      for (let start = 0; start < ordered.length; start += 100) {
        await db
          .insertInto('report_counts')
          .values(ordered.slice(start, start + 100))
          .onConflict((conflict) =>
            conflict
              .columns([
                'partnership_id',
                'grain',
                'period',
                'measure',
                'local_authority_id',
                'key1',
                'key2',
              ])
              .doUpdateSet((eb) => ({
                count: eb('report_counts.count', '+', eb.ref('excluded.count')),
              })),
          )
          .execute();
      }
    },

    /** The signed sum of the buckets' counts, by measure and keys. */
    async sums(
      partnershipId: string,
      buckets: readonly Bucket[],
      localAuthorityId: string | null,
    ): Promise<FactSum[]> {
      const totals = new Map<string, FactSum>();
      for (const { sign, grain, periods } of bucketGroups(buckets)) {
        let query = db
          .selectFrom('report_counts')
          .select((eb) => ['measure', 'key1', 'key2', eb.fn.sum<number>('count').as('count')])
          .where('partnership_id', '=', partnershipId)
          .where('grain', '=', grain)
          .where('period', 'in', periods);
        if (localAuthorityId !== null)
          query = query.where('local_authority_id', '=', localAuthorityId);
        for (const row of await query.groupBy(['measure', 'key1', 'key2']).execute()) {
          const id = `${row.measure}\u0000${row.key1}\u0000${row.key2}`;
          const total = totals.get(id) ?? {
            measure: row.measure,
            key1: row.key1,
            key2: row.key2,
            count: 0,
          };
          total.count += sign * Number(row.count);
          totals.set(id, total);
        }
      }
      return [...totals.values()].filter((total) => total.count !== 0);
    },

    /** One measure's sum in each bucket, by `grain:period`, for counts by month. */
    async byBucket(
      partnershipId: string,
      measure: string,
      buckets: readonly Bucket[],
      localAuthorityId: string | null,
    ): Promise<Map<string, number>> {
      const byPeriod = new Map<string, number>();
      for (const { grain, periods } of bucketGroups(buckets)) {
        let query = db
          .selectFrom('report_counts')
          .select((eb) => ['period', eb.fn.sum<number>('count').as('count')])
          .where('partnership_id', '=', partnershipId)
          .where('grain', '=', grain)
          .where('period', 'in', periods)
          .where('measure', '=', measure);
        if (localAuthorityId !== null)
          query = query.where('local_authority_id', '=', localAuthorityId);
        for (const row of await query.groupBy('period').execute()) {
          byPeriod.set(`${grain}:${row.period}`, Number(row.count));
        }
      }
      return byPeriod;
    },
  };
}
