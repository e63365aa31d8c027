import type { Protocol } from '../protocol/protocolSchema.ts';
import type { LessonTheme } from '../vocabulary.ts';
import { type ReportMeasure, WITHIN_TIMESCALE } from './caseFacts.ts';
import { type Bucket, monthsOf, type ReportPeriod } from './reportPeriod.ts';

/** The dashboard's figures, exactly as api.md's "Reports" section shapes them. */
export type Summary = {
  partnershipId: string;
  localAuthorityId: string | null;
  from: string;
  to: string;
  generatedAt: string;
  open: {
    total: number;
    overdue: number;
    urgent: number;
    byStage: { stageKey: string; name: string; open: number; overdue: number }[];
  };
  raised: {
    total: number;
    byMonth: { month: string; count: number }[];
    byCategory: { category: string; count: number }[];
    byRaisingAgency: { agencyId: string; count: number }[];
    byAgencyPair: { raisingAgencyId: string; otherAgencyId: string; count: number }[];
  };
  ended: {
    resolved: number;
    closed: number;
    withdrawn: number;
    byStageReached: { stageKey: string; count: number }[];
    workingDaysToResolve: { median: number; p90: number } | null;
  };
  timeliness: {
    stagesEnded: number;
    withinTimescale: number;
    share: number | null;
    byStage: { stageKey: string; stagesEnded: number; withinTimescale: number }[];
  };
  lessons: { total: number; byTheme: { theme: string; count: number }[] };
};

export type SummaryInput = {
  partnershipId: string;
  localAuthorityId: string | null;
  period: ReportPeriod;
  generatedAt: string;
  protocol: Protocol;
  /** Every agency of the partnership, in the order the dashboard lists them. */
  agencyIds: readonly string[];
  open: readonly { stageKey: string; open: number; overdue: number; urgent: number }[];
  /** The period's signed sums of each measure, by its keys. */
  sums: readonly { measure: string; key1: string; key2: string; count: number }[];
  /** Each month of the period as its buckets (bucketsByMonth). */
  monthBuckets: ReadonlyMap<string, readonly Bucket[]>;
  /** Cases raised in each of those buckets, by `grain:period`. */
  raisedByBucket: ReadonlyMap<string, number>;
};

/** Every stage key of the protocol, its main ladder first, with its name. */
export function stagesOf(protocol: Protocol): { key: string; name: string; main: boolean }[] {
  const seen = new Map<string, { key: string; name: string; main: boolean }>();
  for (const stage of protocol.stages)
    seen.set(stage.key, { key: stage.key, name: stage.name, main: true });
  for (const pathway of protocol.pathways) {
    for (const stage of pathway.stages) {
      if (!seen.has(stage.key))
        seen.set(stage.key, { key: stage.key, name: stage.name, main: false });
    }
  }
  return [...seen.values()];
}

/** The value at rank ⌈p × n⌉ of a histogram of whole numbers (nearest rank). */
export function nearestRank(histogram: ReadonlyMap<number, number>, p: number): number | null {
  const values = [...histogram.entries()]
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a - b);
  const total = values.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [value, count] of values) {
    seen += count;
    if (seen >= rank) return value;
  }
  return values.at(-1)?.[0] ?? null;
}

export function summaryOf(input: SummaryInput): Summary {
  const stages = stagesOf(input.protocol);
  const order = new Map(stages.map((stage, index) => [stage.key, index]));
  const byStageOrder = (a: string, b: string) =>
    (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER) ||
    a.localeCompare(b);
  const of = (measure: ReportMeasure) => input.sums.filter((sum) => sum.measure === measure);
  const total = (measure: ReportMeasure) => of(measure).reduce((sum, row) => sum + row.count, 0);
  const byKey = (measure: ReportMeasure) => {
    const counts = new Map<string, number>();
    for (const row of of(measure)) counts.set(row.key1, (counts.get(row.key1) ?? 0) + row.count);
    return counts;
  };

  const openByKey = new Map(input.open.map((row) => [row.stageKey, row]));
  const openStages = [
    ...stages.filter((stage) => stage.main || openByKey.has(stage.key)),
    ...input.open
      .filter((row) => !order.has(row.stageKey))
      .map((row) => ({ key: row.stageKey, name: row.stageKey, main: false })),
  ];

  const raisedByAgency = byKey('raised-by-agency');
  const agencyIds = [
    ...input.agencyIds,
    ...[...raisedByAgency.keys()].filter((id) => !input.agencyIds.includes(id)),
  ];

  const reached = byKey('resolved');
  for (const [key, count] of byKey('withdrawn')) reached.set(key, (reached.get(key) ?? 0) + count);

  const days = new Map<number, number>();
  for (const [key, count] of byKey('resolve-days')) days.set(Number(key), count);
  const median = nearestRank(days, 0.5);
  const p90 = nearestRank(days, 0.9);

  const ended = new Map<string, { stagesEnded: number; withinTimescale: number }>();
  for (const row of of('stage-ended')) {
    const stage = ended.get(row.key1) ?? { stagesEnded: 0, withinTimescale: 0 };
    stage.stagesEnded += row.count;
    if (row.key2 === WITHIN_TIMESCALE) stage.withinTimescale += row.count;
    ended.set(row.key1, stage);
  }
  const stagesEnded = [...ended.values()].reduce((sum, stage) => sum + stage.stagesEnded, 0);
  const withinTimescale = [...ended.values()].reduce(
    (sum, stage) => sum + stage.withinTimescale,
    0,
  );

  const lessonThemes = byKey('lesson-theme');
  const themes: string[] = [
    ...input.protocol.learning.themes,
    ...[...lessonThemes.keys()].filter(
      (theme) => !input.protocol.learning.themes.includes(theme as LessonTheme),
    ),
  ];

  return {
    partnershipId: input.partnershipId,
    localAuthorityId: input.localAuthorityId,
    from: input.period.from.toString(),
    to: input.period.to.toString(),
    generatedAt: input.generatedAt,
    open: {
      total: input.open.reduce((sum, row) => sum + row.open, 0),
      overdue: input.open.reduce((sum, row) => sum + row.overdue, 0),
      urgent: input.open.reduce((sum, row) => sum + row.urgent, 0),
      byStage: openStages.map((stage) => ({
        stageKey: stage.key,
        name: stage.name,
        open: openByKey.get(stage.key)?.open ?? 0,
        overdue: openByKey.get(stage.key)?.overdue ?? 0,
      })),
    },
    raised: {
      total: total('raised-by-agency'),
      byMonth: monthsOf(input.period).map((month) => ({
        month,
        count: (input.monthBuckets.get(month) ?? []).reduce(
          (sum, bucket) =>
            sum + bucket.sign * (input.raisedByBucket.get(`${bucket.grain}:${bucket.period}`) ?? 0),
          0,
        ),
      })),
      byCategory: [...byKey('raised-by-category')]
        .map(([category, count]) => ({ category, count }))
        .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
      byRaisingAgency: agencyIds.map((agencyId) => ({
        agencyId,
        count: raisedByAgency.get(agencyId) ?? 0,
      })),
      byAgencyPair: of('raised-pair')
        .map((row) => ({ raisingAgencyId: row.key1, otherAgencyId: row.key2, count: row.count }))
        .sort(
          (a, b) =>
            b.count - a.count ||
            a.raisingAgencyId.localeCompare(b.raisingAgencyId) ||
            a.otherAgencyId.localeCompare(b.otherAgencyId),
        ),
    },
    ended: {
      resolved: total('resolved'),
      closed: total('closed'),
      withdrawn: total('withdrawn'),
      byStageReached: [...reached]
        .sort(([a], [b]) => byStageOrder(a, b))
        .map(([stageKey, count]) => ({ stageKey, count })),
      workingDaysToResolve: median !== null && p90 !== null ? { median, p90 } : null,
    },
    timeliness: {
      stagesEnded,
      withinTimescale,
      share: stagesEnded === 0 ? null : withinTimescale / stagesEnded,
      byStage: [...ended]
        .sort(([a], [b]) => byStageOrder(a, b))
        .map(([stageKey, stage]) => ({ stageKey, ...stage })),
    },
    lessons: {
      total: total('lesson'),
      byTheme: themes.map((theme) => ({ theme, count: lessonThemes.get(theme) ?? 0 })),
    },
  };
}
