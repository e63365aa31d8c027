import type { Summary } from '../domain/reports/summary.ts';
import type { Category, LessonTheme } from '../domain/vocabulary.ts';
import { lessonThemeNames } from '../domain/vocabularyNames.ts';
import type { CaseQuery } from './caseQuery.ts';
import type { DashboardTable, Finding, TableCell } from './dashboard.ts';

/** What every table of the dashboard is made from: the figures, the words for them, and their finds. */
export type TableView = {
  summary: Summary;
  charts: typeof import('../documents/charts.ts');
  agencyName: (id: string) => string;
  stageName: (key: string) => string;
  /** A category in the words of the partnership's protocol in force (categoryName). */
  categoryName: (category: string) => string;
  /** The local authority the figures are narrowed to, as a list's filter. */
  narrowed: CaseQuery;
  raisedIn: CaseQuery;
  endedIn: CaseQuery;
  cases: (query: CaseQuery) => Finding;
  count: (value: number, find?: Finding) => TableCell;
  most: <T extends { count: number }>(rows: readonly T[], name: (row: T) => string) => string;
  from: string;
  to: string;
  periodInWords: string;
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

export const percent = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((100 * part) / whole);

function openByStage(view: TableView): DashboardTable {
  const open = view.summary.open.byStage;
  const { summary, charts, stageName, narrowed, cases, count } = view;
  return {
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
  };
}

function raisedByMonth(view: TableView): DashboardTable {
  const { summary, charts, narrowed, cases, count, most, from, to, periodInWords } = view;
  return {
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
  };
}

function raisedByCategory(view: TableView): DashboardTable {
  const { summary, charts, raisedIn, cases, count, most, categoryName } = view;
  return {
    id: 'raised-by-category',
    title: 'What they were about',
    about: 'Disagreements raised in the period, by what they were about.',
    columns: ['About', 'Raised'],
    rows: summary.raised.byCategory.map((row) => [
      { text: categoryName(row.category) },
      count(row.count, cases({ ...raisedIn, category: row.category as Category })),
    ]),
    chart: charts.barChart(
      {
        id: 'raised-by-category-chart',
        title: 'Disagreements raised, by what they were about',
        description: `${most(summary.raised.byCategory, (r) => categoryName(r.category))}.`,
      },
      summary.raised.byCategory.map((row) => ({
        label: categoryName(row.category),
        value: row.count,
      })),
      'Raised',
    ),
  };
}

function raisedByAgency(view: TableView): DashboardTable {
  const { summary, charts, agencyName, raisedIn, cases, count, most } = view;
  return {
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
  };
}

function agencyPairs(view: TableView): DashboardTable {
  const { summary, charts, agencyName, raisedIn, cases, count } = view;
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

function stageReached(view: TableView): DashboardTable {
  const { summary, charts, stageName, endedIn, cases, count, most } = view;
  return {
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
  };
}

function timeToResolve(view: TableView): DashboardTable {
  const { summary, endedIn, cases, count } = view;
  return {
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
  };
}

function timeliness(view: TableView): DashboardTable {
  const { summary, charts, stageName, narrowed, cases, count, from, to } = view;
  return {
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
  };
}

function lessonsByTheme(view: TableView): DashboardTable {
  const { summary, charts, count, most, from, to } = view;
  const narrowed: Record<string, string> = summary.localAuthorityId
    ? { localAuthorityId: summary.localAuthorityId }
    : {};
  return {
    id: 'lessons-by-theme',
    title: 'Lessons, by theme',
    about:
      'Lessons of disagreements closed in the period. A lesson about two themes counts under each.',
    columns: ['Theme', 'Lessons'],
    rows: summary.lessons.byTheme.map((row) => [
      { text: lessonThemeNames[row.theme as LessonTheme] ?? row.theme },
      count(row.count, {
        list: 'lessons',
        query: { theme: row.theme, closedFrom: from, closedTo: to, ...narrowed },
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
  };
}

/** The dashboard's tables, in the order the page shows them. */
export const tableMakers: readonly ((view: TableView) => DashboardTable)[] = [
  openByStage,
  raisedByMonth,
  raisedByCategory,
  raisedByAgency,
  agencyPairs,
  stageReached,
  timeToResolve,
  timeliness,
  lessonsByTheme,
];
