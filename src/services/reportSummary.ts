import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { reportsRepository } from '../db/repositories/reportsRepository.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { Invalid, NotFound } from '../domain/errors.ts';
import {
  bucketsByMonth,
  bucketsOf,
  defaultPeriod,
  type ReportPeriod,
} from '../domain/reports/reportPeriod.ts';
import { type Summary, summaryOf } from '../domain/reports/summary.ts';
import { calendarOf, protocolOf } from './caseRules.ts';
import { mustBePartnershipTeam } from './partnershipTeamOnly.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

export type SummaryQuery = {
  partnershipId: string;
  /** YYYY-MM-DD, inclusive; by default a year before `to`. */
  from?: string | undefined;
  /** YYYY-MM-DD, inclusive; by default today. */
  to?: string | undefined;
  localAuthorityId?: string | undefined;
};

/** Periods longer than this are a mistake, not a question. */
const LONGEST_PERIOD_YEARS = 25;

/** The period a query asks for, in the partnership's calendar, or Invalid naming the field. */
export function periodOf(query: Pick<SummaryQuery, 'from' | 'to'>, today: Temporal.PlainDate) {
  const to = query.to ? Temporal.PlainDate.from(query.to) : today;
  const from = query.from ? Temporal.PlainDate.from(query.from) : defaultPeriod(to).from;
  if (Temporal.PlainDate.compare(from, to) > 0) {
    throw new Invalid('The period ends before it starts', [
      { path: 'from', message: 'must be on or before to' },
    ]);
  }
  if (Temporal.PlainDate.compare(to, from.add({ years: LONGEST_PERIOD_YEARS })) > 0) {
    throw new Invalid('The period is too long', [
      { path: 'from', message: `must be at most ${LONGEST_PERIOD_YEARS} years before to` },
    ]);
  }
  return { from, to } satisfies ReportPeriod;
}

/**
 * The dashboard's figures for a partnership (api.md, "Reports"): its partnership team's only.
 * Read from the report counts, so they take about as long for a million cases as for a few.
 */
export async function reportSummary(
  deps: { database: Database; clock: Clock },
  query: SummaryQuery,
  context: RequestContext,
): Promise<Summary> {
  mustBePartnershipTeam(
    context.actor,
    'view-reports',
    query.partnershipId,
    'Only the partnership team can see its reports',
  );
  const db = deps.database.db;
  const now = deps.clock.now();
  const partnership = await partnershipRepository(db).get(query.partnershipId);
  if (!partnership) throw new NotFound('There is no such partnership');
  const organisations = organisationRepository(db);
  const localAuthorityId = query.localAuthorityId ?? null;
  if (
    localAuthorityId !== null &&
    !(await organisations.localAuthorities(partnership.id)).some((la) => la.id === localAuthorityId)
  ) {
    throw new Invalid('That local authority is not one of the partnership’s', [
      { path: 'localAuthorityId', message: 'must be a local authority of the partnership' },
    ]);
  }
  const calendar = calendarOf(partnership);
  const period = periodOf(query, calendar.localDate(now));
  const monthBuckets = bucketsByMonth(period);
  const reports = reportsRepository(db);
  const { protocol } = await protocolOf(db, partnership.id);
  const agencies = await organisations.agencies(partnership.id);
  const summary = summaryOf({
    partnershipId: partnership.id,
    localAuthorityId,
    period,
    generatedAt: isoInstant(now),
    protocol,
    agencyIds: agencies.map((agency) => agency.id),
    open: await reports.openByStage(partnership.id, localAuthorityId, isoInstant(now)),
    sums: await reports.sums(partnership.id, bucketsOf(period), localAuthorityId),
    monthBuckets,
    raisedByBucket: await reports.byBucket(
      partnership.id,
      'raised-by-agency',
      [...monthBuckets.values()].flat(),
      localAuthorityId,
    ),
  });
  await auditRepository(db).append(
    auditFacts(context, now, 'reports.summary-read', {
      type: 'partnership',
      id: partnership.id,
      partnershipId: partnership.id,
    }),
  );
  return summary;
}
