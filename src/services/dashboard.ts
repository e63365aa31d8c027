import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { formatDate } from '../domain/calendar/formatting.ts';
import type { Clock } from '../domain/clock.ts';
import { categoryName } from '../domain/protocol/offeredCategories.ts';
import type { Summary } from '../domain/reports/summary.ts';
import { stagesOf } from '../domain/reports/summary.ts';
import type { CaseQuery } from './caseQuery.ts';
import { protocolOf } from './caseRules.ts';
import { percent, type TableView, tableMakers } from './dashboardTables.ts';
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

  const most = <T extends { count: number }>(rows: readonly T[], name: (row: T) => string) => {
    const top = [...rows].sort((a, b) => b.count - a.count)[0];
    return top && top.count > 0 ? `most for ${name(top)} (${top.count})` : 'none';
  };

  const view: TableView = {
    summary,
    charts,
    agencyName,
    stageName,
    categoryName: (category) => categoryName(protocol, category),
    narrowed,
    raisedIn,
    endedIn,
    cases,
    count,
    most,
    from,
    to,
    periodInWords,
  };
  const tables = tableMakers.map((make) => make(view));

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
