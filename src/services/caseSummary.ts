import type { Kysely } from 'kysely';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import {
  type CaseSummary,
  caseFileName,
  caseSummary,
  peopleNamedIn,
} from '../domain/disagreement/caseSummary.ts';
import type { Disagreement } from '../domain/disagreement/disagreement.ts';
import { readCaseAudited } from './auditCase.ts';
import { refusalsAudited } from './auditRefusal.ts';
import type { CaseDeps } from './caseDeps.ts';
import { type LoadedRules, rulesFor } from './caseRules.ts';
import type { RequestContext } from './requestContext.ts';
import { loadVisibleCase } from './visibleCase.ts';

// pdfkit takes a fifth of a second to load: it is loaded with the first PDF, not at every start.
const pdfOf = async (summary: CaseSummary) =>
  (await import('../documents/caseSummaryPdf.ts')).caseSummaryPdf(summary);

type Db = Kysely<DatabaseSchema>;

/** A case's summary as a file: its name and its bytes. */
export type SummaryFile = { fileName: string; content: Buffer };

/**
 * A case's summary (product.md point 12), for anyone who may see the case; the read is
 * audited as `disagreement.summary-read`, by the case's id alone.
 */
export async function readCaseSummary(
  deps: CaseDeps,
  id: string,
  context: RequestContext,
): Promise<CaseSummary> {
  const now = deps.clock.now();
  return refusalsAudited(deps, { caseId: id, action: 'summary-read' }, context, () =>
    readCaseAudited(deps, context, now, 'disagreement.summary-read', async (trx) => {
      const { disagreement, rules } = await loadVisibleCase(trx, id, context, now);
      return { disagreement, result: await summaryOf(trx, disagreement, rules, now) };
    }),
  );
}

/** The same summary as a PDF, named for the case: PL-2026-0012-case-summary.pdf. */
export async function caseSummaryAsPdf(
  deps: CaseDeps,
  id: string,
  context: RequestContext,
): Promise<SummaryFile> {
  const summary = await readCaseSummary(deps, id, context);
  return {
    fileName: caseFileName(summary.reference, 'case-summary', 'pdf'),
    content: await pdfOf(summary),
  };
}

/**
 * A case's summary as JSON and as a PDF, for a service that has already found the case and
 * checked who may have it (a subject-access export): nothing is authorised or audited here.
 */
export async function caseSummaryDocuments(
  db: Db,
  disagreement: Disagreement,
  now: Temporal.Instant,
): Promise<{ summary: CaseSummary; json: SummaryFile; pdf: SummaryFile }> {
  const rules = await rulesFor(db, disagreement, now);
  const summary = await summaryOf(db, disagreement, rules, now);
  return {
    summary,
    json: {
      fileName: caseFileName(summary.reference, 'case-summary', 'json'),
      content: Buffer.from(`${JSON.stringify(summary, null, 2)}\n`),
    },
    pdf: {
      fileName: caseFileName(summary.reference, 'case-summary', 'pdf'),
      content: await pdfOf(summary),
    },
  };
}

async function summaryOf(
  db: Db,
  disagreement: Disagreement,
  rules: LoadedRules,
  now: Temporal.Instant,
): Promise<CaseSummary> {
  const organisations = organisationRepository(db);
  const people = await peopleRepository(db).getMany(peopleNamedIn(disagreement));
  const agencies = await organisations.agencies(disagreement.partnershipId);
  const localAuthorities = await organisations.localAuthorities(disagreement.partnershipId);
  return caseSummary(
    disagreement,
    {
      protocol: rules.protocol,
      ladder: rules.ladder,
      partnership: rules.partnership,
      timeZone: rules.calendar.timeZone,
    },
    { people, agencies, localAuthorities },
    now,
  );
}
