import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { formatDate } from '../domain/calendar/formatting.ts';
import type { Clock } from '../domain/clock.ts';
import type { Summary } from '../domain/reports/summary.ts';
import { stagesOf } from '../domain/reports/summary.ts';
import type { Category, LessonTheme } from '../domain/vocabulary.ts';
import { categoryNames, lessonThemeNames } from '../domain/vocabularyNames.ts';
import type { CaseQuery } from './caseQuery.ts';
import { protocolOf } from './caseRules.ts';
import type { Cell, CsvFile } from './exportCases.ts';
import { reportSummary, type SummaryQuery } from './reportSummary.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

/** Where a figure's cases (or lessons) are listed: the list's filters. */
export type Finding =
  | { list: 'cases'; query: CaseQuery }
  | { list: 'lessons'; query: Record<string, string> };

export type TableCell = { text: string; value?: number; find?: Finding };

export type DashboardTable = {
  id: string;
  title: string;
  /** What the figures are, said once above the chart and the table. */
  about: string;
  columns: string[];
  rows: TableCell[][];
  /** The chart of the table, as SVG, or null for a table of a few figures. */
  chart: string | null;
  /** The chart needs the page's whole width (the heat map), so the table goes below it. */
  wide?: boolean;
};

export type Dashboard = {
  summary: Summary;
  period: { from: string; to: string; inWords: string };
  localAuthorities: { id: string; name: string }[];
  headlines: { label: string; value: string; find?: Finding }[];
  tables: DashboardTable[];
};

const monthInWords = (month: string) =>
  Temporal.PlainYearMonth.from(month).toPlainDate({ day: 1 }).toLocaleString('en-GB', {
    month: 'long',
    year: 'numeric',
  });

/** The period's days of a month: the whole month, or the part of it in the period. */
function daysOfMonth(month: string, from: string, to: string) {
  const yearMonth = Temporal.PlainYearMonth.from(month);
  const first = yearMonth.toPlainDate({ day: 1 }).toString();
  const last = yearMonth.toPlainDate({ day: yearMonth.daysInMonth }).toString();
  return { from: first < from ? from : first, to: last > to ? to : last };
}

const percent = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((100 * part) / whole);

/**
 * The partnership team's dashboard: the summary's figures (reportSummary, so the page and
 * GET /reports/summary never disagree) as tables with their charts, each figure with the
 * filters that list the cases behind it.
 */
export async function dashboard(
  deps: { database: Database; clock: Clock },
  query: SummaryQuery,
  context: RequestContext,
): Promise<Dashboard> {
  const summary = await reportSummary(deps, query, context);
  const db = deps.database.db;
  const organisations = organisationRepository(db);
  const agencies = await organisations.agencies(summary.partnershipId);
  const localAuthorities = await organisations.localAuthorities(summary.partnershipId);
  const { protocol } = await protocolOf(db, summary.partnershipId);
  const stageNames = new Map(stagesOf(protocol).map((stage) => [stage.key, stage.name]));
  const agencyName = (id: string) =>
    agencies.find((agency) => agency.id === id)?.name ?? 'An agency no longer in the directory';
  const stageName = (key: string) => stageNames.get(key) ?? key;
  const { from, to } = summary;
  const narrowed: CaseQuery = summary.localAuthorityId
    ? { localAuthorityId: summary.localAuthorityId }
    : {};
  const raisedIn: CaseQuery = { ...narrowed, raisedFrom: from, raisedTo: to };
  const endedIn: CaseQuery = { ...narrowed, endedFrom: from, endedTo: to };
  const cases = (extra: CaseQuery): Finding => ({ list: 'cases', query: extra });
  const count = (value: number, find?: Finding): TableCell => ({
    text: String(value),
    value,
    ...(find ? { find } : {}),
  });
  const charts = await import('../documents/charts.ts');
  const periodInWords = `${formatDate(Temporal.PlainDate.from(from))} to ${formatDate(Temporal.PlainDate.from(to))}`;

  const open = summary.open.byStage;
  const most = <T extends { count: number }>(rows: readonly T[], name: (row: T) => string) => {
    const top = [...rows].sort((a, b) => b.count - a.count)[0];
    return top && top.count > 0 ? `most for ${name(top)} (${top.count})` : 'none';
  };

  const tables: DashboardTable[] = [
    {
      id: 'open-by-stage',
      title: 'Open now, by stage',
      about:
        'Disagreements open today at each stage, and how many of them are overdue (whatever the period).',
      columns: ['Stage', 'Open', 'Overdue'],
      rows: open.map((stage) => [
        { text: stageName(stage.stageKey) },
        count(stage.open, cases({ ...narrowed, status: 'open', stage: stage.stageKey })),
        count(stage.overdue, cases({ ...narrowed, stage: stage.stageKey, overdue: 'true' })),
      ]),
      chart: charts.openByStageChart(
        {
          id: 'open-by-stage-chart',
          title: 'Open disagreements by stage',
          description: `${summary.open.total} open, ${summary.open.overdue} of them overdue (drawn in red over each stage’s bar). The table gives each figure.`,
        },
        open.map((stage) => ({
          label: stageName(stage.stageKey),
          open: stage.open,
          overdue: stage.overdue,
        })),
      ),
    },
    {
      id: 'raised-by-month',
      title: 'Raised each month',
      about: `Disagreements first raised in each month of ${periodInWords}.`,
      columns: ['Month', 'Raised'],
      rows: summary.raised.byMonth.map((month) => {
        const days = daysOfMonth(month.month, from, to);
        return [
          { text: monthInWords(month.month) },
          count(month.count, cases({ ...narrowed, raisedFrom: days.from, raisedTo: days.to })),
        ];
      }),
      chart: charts.columnChart(
        {
          id: 'raised-by-month-chart',
          title: 'Disagreements raised each month',
          description: `${summary.raised.total} raised from ${periodInWords}: ${most(summary.raised.byMonth, (m) => monthInWords(m.month))}.`,
        },
        summary.raised.byMonth.map((month) => ({
          label: Temporal.PlainYearMonth.from(month.month)
            .toPlainDate({ day: 1 })
            .toLocaleString('en-GB', { month: 'short' }),
          value: month.count,
        })),
        'Raised',
      ),
    },
    {
      id: 'raised-by-category',
      title: 'What they were about',
      about: 'Disagreements raised in the period, by what they were about.',
      columns: ['About', 'Raised'],
      rows: summary.raised.byCategory.map((row) => [
        { text: categoryNames[row.category as Category] ?? row.category },
        count(row.count, cases({ ...raisedIn, category: row.category as Category })),
      ]),
      chart: charts.barChart(
        {
          id: 'raised-by-category-chart',
          title: 'Disagreements raised, by what they were about',
          description: `${most(summary.raised.byCategory, (r) => categoryNames[r.category as Category] ?? r.category)}.`,
        },
        summary.raised.byCategory.map((row) => ({
          label: categoryNames[row.category as Category] ?? row.category,
          value: row.count,
        })),
        'Raised',
      ),
    },
    {
      id: 'raised-by-agency',
      title: 'Who raised them',
      about:
        'Disagreements raised in the period by each agency of the partnership. An agency that raised none is listed too: that is a finding.',
      columns: ['Agency', 'Raised'],
      rows: summary.raised.byRaisingAgency.map((row) => [
        { text: agencyName(row.agencyId) },
        row.count === 0
          ? { text: 'None raised', value: 0 }
          : count(row.count, cases({ ...raisedIn, raisingAgencyId: row.agencyId })),
      ]),
      chart: charts.barChart(
        {
          id: 'raised-by-agency-chart',
          title: 'Disagreements raised, by raising agency',
          description: `${most(summary.raised.byRaisingAgency, (r) => agencyName(r.agencyId))}; ${summary.raised.byRaisingAgency.filter((r) => r.count === 0).length} agencies raised none.`,
        },
        summary.raised.byRaisingAgency.map((row) => ({
          label: agencyName(row.agencyId),
          value: row.count,
        })),
        'Raised',
      ),
    },
    pairsTable(),
    {
      id: 'stage-reached',
      title: 'Stage reached when they ended',
      about: 'Disagreements resolved or withdrawn in the period, by the stage they had reached.',
      columns: ['Stage', 'Resolved or withdrawn'],
      rows: summary.ended.byStageReached.map((row) => [
        { text: stageName(row.stageKey) },
        count(row.count, cases({ ...endedIn, stageReached: row.stageKey })),
      ]),
      chart: charts.barChart(
        {
          id: 'stage-reached-chart',
          title: 'Stage reached when disagreements ended',
          description: `${summary.ended.resolved} resolved and ${summary.ended.withdrawn} withdrawn: ${most(summary.ended.byStageReached, (r) => stageName(r.stageKey))}.`,
        },
        summary.ended.byStageReached.map((row) => ({
          label: stageName(row.stageKey),
          value: row.count,
        })),
        'Ended',
      ),
    },
    {
      id: 'time-to-resolve',
      title: 'Working days to resolve',
      about:
        'For disagreements resolved in the period, the working days from first raised to resolution (nearest rank).',
      columns: ['Measure', 'Figure'],
      rows: summary.ended.workingDaysToResolve
        ? [
            [
              { text: 'Disagreements resolved' },
              count(summary.ended.resolved, cases({ ...endedIn, endedAs: 'resolved' })),
            ],
            [
              { text: 'Half were resolved within (median), in working days' },
              count(summary.ended.workingDaysToResolve.median),
            ],
            [
              { text: 'Nine in ten were resolved within, in working days' },
              count(summary.ended.workingDaysToResolve.p90),
            ],
          ]
        : [],
      chart: null,
    },
    {
      id: 'timeliness',
      title: 'Stages within timescale',
      about:
        'Stages that ended in the period, and how many ended by their due time (a stage without one always does).',
      columns: ['Stage', 'Ended', 'Within timescale', 'Share'],
      rows: summary.timeliness.byStage.map((row) => {
        const find = cases({
          ...narrowed,
          stageEnded: row.stageKey,
          stageEndedFrom: from,
          stageEndedTo: to,
        });
        return [
          { text: stageName(row.stageKey) },
          count(row.stagesEnded, find),
          { text: String(row.withinTimescale), value: row.withinTimescale },
          {
            text: `${percent(row.withinTimescale, row.stagesEnded)}%`,
            value: percent(row.withinTimescale, row.stagesEnded),
          },
        ];
      }),
      chart: charts.barChart(
        {
          id: 'timeliness-chart',
          title: 'Share of stages that ended within their timescale',
          description: `${percent(summary.timeliness.withinTimescale, summary.timeliness.stagesEnded)}% of the ${summary.timeliness.stagesEnded} stages that ended were within timescale.`,
        },
        summary.timeliness.byStage.map((row) => ({
          label: stageName(row.stageKey),
          value: percent(row.withinTimescale, row.stagesEnded),
        })),
        'Within timescale',
        { percent: true },
      ),
    },
    {
      id: 'lessons-by-theme',
      title: 'Lessons, by theme',
      about:
        'Lessons of disagreements closed in the period. A lesson about two themes counts under each.',
      columns: ['Theme', 'Lessons'],
      rows: summary.lessons.byTheme.map((row) => [
        { text: lessonThemeNames[row.theme as LessonTheme] ?? row.theme },
        count(row.count, {
          list: 'lessons',
          query: { theme: row.theme, closedFrom: from, closedTo: to },
        }),
      ]),
      chart: charts.barChart(
        {
          id: 'lessons-by-theme-chart',
          title: 'Lessons by theme',
          description: `${summary.lessons.total} lessons: ${most(summary.lessons.byTheme, (r) => lessonThemeNames[r.theme as LessonTheme] ?? r.theme)}.`,
        },
        summary.lessons.byTheme.map((row) => ({
          label: lessonThemeNames[row.theme as LessonTheme] ?? row.theme,
          value: row.count,
        })),
        'Lessons',
      ),
    },
  ];

  function pairsTable(): DashboardTable {
    const pairs = summary.raised.byAgencyPair;
    const rows = [...new Set(pairs.map((pair) => pair.raisingAgencyId))];
    const columns = [...new Set(pairs.map((pair) => pair.otherAgencyId))];
    return {
      id: 'agency-pairs',
      wide: true,
      title: 'Who disagrees with whom',
      about:
        'Disagreements raised in the period, by the raising agency and each agency it was raised with (a disagreement with two other agencies counts once with each).',
      columns: ['Raised by', 'Raised with', 'Disagreements'],
      rows: pairs.map((pair) => [
        { text: agencyName(pair.raisingAgencyId) },
        { text: agencyName(pair.otherAgencyId) },
        count(
          pair.count,
          cases({
            ...raisedIn,
            raisingAgencyId: pair.raisingAgencyId,
            otherAgencyId: pair.otherAgencyId,
          }),
        ),
      ]),
      chart:
        pairs.length === 0
          ? null
          : charts.heatMap(
              {
                id: 'agency-pairs-chart',
                title: 'Who disagrees with whom',
                description: `A grid: the raising agencies down the side, the agencies they raised disagreements with across the top, darker for more: ${pairs[0] ? `most between ${agencyName(pairs[0].raisingAgencyId)} and ${agencyName(pairs[0].otherAgencyId)} (${pairs[0].count})` : 'none'}.`,
              },
              rows.map(agencyName),
              columns.map(agencyName),
              pairs.map((pair) => ({
                row: agencyName(pair.raisingAgencyId),
                column: agencyName(pair.otherAgencyId),
                value: pair.count,
              })),
            ),
    };
  }

  return {
    summary,
    period: { from, to, inWords: periodInWords },
    localAuthorities: localAuthorities.map((la) => ({ id: la.id, name: la.name })),
    headlines: [
      {
        label: 'Open now',
        value: String(summary.open.total),
        find: cases({ ...narrowed, status: 'open' }),
      },
      {
        label: 'Overdue now',
        value: String(summary.open.overdue),
        find: cases({ ...narrowed, overdue: 'true' }),
      },
      {
        label: 'Urgent and open',
        value: String(summary.open.urgent),
        find: cases({ ...narrowed, status: 'open', urgent: 'true' }),
      },
      { label: 'Raised in the period', value: String(summary.raised.total), find: cases(raisedIn) },
      {
        label: 'Resolved in the period',
        value: String(summary.ended.resolved),
        find: cases({ ...endedIn, endedAs: 'resolved' }),
      },
      {
        label: 'Withdrawn in the period',
        value: String(summary.ended.withdrawn),
        find: cases({ ...endedIn, endedAs: 'withdrawn' }),
      },
      {
        label: 'Stages within timescale',
        value:
          summary.timeliness.share === null
            ? 'None ended'
            : `${percent(summary.timeliness.withinTimescale, summary.timeliness.stagesEnded)}%`,
      },
    ],
    tables,
  };
}

/** One of the dashboard's tables as CSV: its words and figures, as the page shows them. */
export async function dashboardTableCsv(
  deps: { database: Database; clock: Clock },
  request: SummaryQuery & { table: string },
  context: RequestContext,
): Promise<CsvFile | undefined> {
  const { table: id, ...query } = request;
  const view = await dashboard(deps, query, context);
  const table = view.tables.find((candidate) => candidate.id === id);
  if (!table) return undefined;
  await auditRepository(deps.database.db).append(
    auditFacts(
      context,
      deps.clock.now(),
      'reports.exported',
      {
        type: 'partnership',
        id: view.summary.partnershipId,
        partnershipId: view.summary.partnershipId,
      },
      table.id,
    ),
  );
  return {
    filename: `dashboard-${table.id}-${view.period.from}-to-${view.period.to}.csv`,
    columns: table.columns,
    rows: table.rows.map((row): Cell[] => row.map((cell) => cell.value ?? cell.text)),
  };
}
