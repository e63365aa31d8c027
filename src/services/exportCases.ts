import { auditRepository } from '../db/repositories/auditRepository.ts';
import type { CaseExportRow } from '../db/repositories/caseExportRepository.ts';
import { caseExportRepository } from '../db/repositories/caseExportRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import type { WorkingCalendar } from '../domain/calendar/workingCalendar.ts';
import { NotFound } from '../domain/errors.ts';
import { categoryName } from '../domain/protocol/offeredCategories.ts';
import { visibilityOf } from './caseAccess.ts';
import type { CaseDeps } from './caseDeps.ts';
import { type CaseQuery, filterOf } from './caseQuery.ts';
import { calendarOf, protocolOf } from './caseRules.ts';
import { ownPartnershipTeam } from './partnershipTeamOnly.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

export type Cell = string | number | null;

/** A file of rows to send as CSV, read a batch at a time as it is sent. */
export type CsvFile = {
  filename: string;
  columns: string[];
  rows: AsyncIterable<Cell[]> | Iterable<Cell[]>;
};

const BATCH = 1000;

/** A local time a spreadsheet reads: "2026-11-24 10:00", in the partnership's time zone. */
export function spreadsheetTime(iso: string | null, calendar: WorkingCalendar): string | null {
  if (!iso) return null;
  const local = Temporal.Instant.from(iso).toZonedDateTimeISO(calendar.timeZone);
  return `${local.toPlainDate()} ${local.toPlainTime().toString({ smallestUnit: 'minute' })}`;
}

/**
 * The cases a filter finds as CSV for the partnership team (issue: exports): one row per case,
 * or one row per stage of those cases. Only ids, names from the directory, vocabulary keys (and
 * a category's name in its protocol's words), times and counts: never a child's name nor anything a person wrote. Each batch of cases is
 * audited (disagreement.exported, by id) before it is sent.
 */
export async function exportCases(
  deps: CaseDeps,
  request: { query: CaseQuery; file: 'cases' | 'stages' },
  context: RequestContext,
): Promise<CsvFile> {
  const { actor, partnershipId } = ownPartnershipTeam(
    context.actor,
    'Only the partnership team can download disagreements',
  );
  const db = deps.database.db;
  const partnership = await partnershipRepository(db).get(partnershipId);
  if (!partnership) throw new NotFound('There is no such partnership');
  const calendar = calendarOf(partnership);
  const now = deps.clock.now();
  const filter = filterOf(request.query, calendar, now);
  const who = await visibilityOf(db, actor);
  const organisations = organisationRepository(db);
  const names = new Map<string, string>([
    ...(await organisations.agencies(partnership.id)).map((a) => [a.id, a.name] as const),
    ...(await organisations.localAuthorities(partnership.id)).map(
      (la) => [la.id, la.name] as const,
    ),
  ]);
  const name = (id: string | null) => (id ? (names.get(id) ?? id) : null);
  const stageNumbers = new Map<string, Map<string, string | null>>();
  const numberOf = async (row: CaseExportRow, stageKey: string) => {
    const key = `${row.partnershipId}:${row.protocolVersion}`;
    let numbers = stageNumbers.get(key);
    if (!numbers) {
      const { protocol } = await protocolOf(db, row.partnershipId, row.protocolVersion);
      numbers = new Map(
        [...protocol.stages, ...protocol.pathways.flatMap((p) => p.stages)].map((stage) => [
          stage.key,
          stage.number ?? null,
        ]),
      );
      stageNumbers.set(key, numbers);
    }
    return numbers.get(stageKey) ?? null;
  };

  /** The case's category in the words of the protocol version it runs under. */
  const categoryOf = async (row: CaseExportRow) =>
    categoryName(
      (await protocolOf(db, row.partnershipId, row.protocolVersion)).protocol,
      row.category,
    );

  async function* batches() {
    let after: { createdAt: string; id: string } | null = null;
    for (;;) {
      const rows = await db.transaction().execute(async (trx) => {
        const found = await caseExportRepository(trx).batch(who, filter, after, BATCH);
        await auditRepository(trx).appendMany(
          found.map((row) =>
            auditFacts(context, now, 'disagreement.exported', {
              type: 'disagreement',
              id: row.id,
              partnershipId: row.partnershipId,
            }),
          ),
        );
        const stages =
          request.file === 'stages'
            ? await caseExportRepository(trx).stagesOf(found.map((row) => row.id))
            : [];
        return { found, stages };
      });
      yield rows;
      const last = rows.found.at(-1);
      if (!last || rows.found.length < BATCH) return;
      after = { createdAt: last.createdAt, id: last.id };
    }
  }

  const date = calendar.localDate(now).toString();
  if (request.file === 'cases') {
    return {
      filename: `${partnership.referencePrefix}-disagreements-${date}.csv`,
      columns: [
        'reference',
        'local authority',
        'raised (local time)',
        'raising agency',
        'other agencies',
        'category',
        'category name',
        'pathway',
        'urgent',
        'status',
        'stage reached',
        'working days to resolve',
        'lesson themes',
      ],
      rows: (async function* () {
        for await (const { found } of batches()) {
          for (const row of found) {
            yield [
              row.reference,
              name(row.localAuthorityId),
              spreadsheetTime(row.raisedAt, calendar),
              name(row.raisingAgencyId),
              row.otherAgencyIds.map((id) => name(id)).join('; '),
              row.category,
              await categoryOf(row),
              row.pathway,
              row.urgent ? 'yes' : 'no',
              row.status,
              row.stageReached ?? row.currentStageKey,
              row.workingDaysToResolve,
              row.lessonThemes.join('; '),
            ];
          }
        }
      })(),
    };
  }
  return {
    filename: `${partnership.referencePrefix}-disagreement-stages-${date}.csv`,
    columns: [
      'reference',
      'stage key',
      'stage number',
      'started (local time)',
      'due (local time)',
      'ended (local time)',
      'outcome',
      'within timescale',
    ],
    rows: (async function* () {
      for await (const { found, stages } of batches()) {
        const byCase = Map.groupBy(stages, (stage) => stage.disagreementId);
        for (const row of found) {
          for (const stage of byCase.get(row.id) ?? []) {
            yield [
              row.reference,
              stage.stageKey,
              await numberOf(row, stage.stageKey),
              spreadsheetTime(stage.startedAt, calendar),
              spreadsheetTime(stage.dueAt, calendar),
              spreadsheetTime(stage.endedAt, calendar),
              stage.outcome,
              stage.withinTimescale === null ? null : stage.withinTimescale ? 'yes' : 'no',
            ];
          }
        }
      }
    })(),
  };
}
