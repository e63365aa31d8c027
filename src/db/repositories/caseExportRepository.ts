import type { Kysely } from 'kysely';
import type { CaseVisibility } from '../../domain/access/caseVisibility.ts';
import type { DatabaseSchema } from '../schema.ts';
import { type CaseFilter, matching } from './caseFilterSql.ts';
import { visibleTo } from './caseVisibilitySql.ts';
import { partyAgenciesOf } from './partyAgencies.ts';
import { flag } from './rowMapping.ts';

export type CaseExportRow = {
  id: string;
  reference: string;
  partnershipId: string;
  protocolVersion: number;
  localAuthorityId: string | null;
  raisedAt: string;
  raisingAgencyId: string;
  otherAgencyIds: string[];
  category: string;
  pathway: string;
  urgent: boolean;
  status: string;
  currentStageKey: string | null;
  stageReached: string | null;
  workingDaysToResolve: number | null;
  lessonThemes: string[];
};

export type StageExportRow = {
  disagreementId: string;
  position: number;
  stageKey: string;
  startedAt: string;
  dueAt: string | null;
  endedAt: string | null;
  outcome: string | null;
  withinTimescale: boolean | null;
};

/**
 * The cases a filter finds, for exports: their index columns and rows only, never a document,
 * so nothing a person wrote (and no child's name) can reach a file; read a batch at a time in
 * the order they were stored, newest first.
 */
export function caseExportRepository(db: Kysely<DatabaseSchema>) {
  return {
    async batch(
      who: CaseVisibility,
      filter: CaseFilter,
      after: { createdAt: string; id: string } | null,
      limit: number,
    ): Promise<(CaseExportRow & { createdAt: string })[]> {
      let query = db
        .selectFrom('disagreements')
        .select([
          'id',
          'reference',
          'partnership_id',
          'protocol_version',
          'local_authority_id',
          'raised_at',
          'category',
          'pathway',
          'urgent',
          'status',
          'current_stage_key',
          'stage_reached',
          'resolve_working_days',
          'lesson_themes',
          'created_at',
        ])
        .where((eb) => visibleTo(eb, who))
        .where((eb) => matching(eb, filter));
      if (after) {
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '<', after.createdAt),
            eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      const parties = await partyAgenciesOf(
        db,
        rows.map((row) => row.id),
      );
      return rows.map((row) => ({
        id: row.id,
        reference: row.reference,
        partnershipId: row.partnership_id,
        protocolVersion: Number(row.protocol_version),
        localAuthorityId: row.local_authority_id,
        raisedAt: row.raised_at,
        raisingAgencyId: parties.get(row.id)?.raising ?? '',
        otherAgencyIds: parties.get(row.id)?.others ?? [],
        category: row.category,
        pathway: row.pathway,
        urgent: flag(row.urgent),
        status: row.status,
        currentStageKey: row.current_stage_key,
        stageReached: row.stage_reached,
        workingDaysToResolve:
          row.resolve_working_days === null ? null : Number(row.resolve_working_days),
        lessonThemes: (row.lesson_themes ?? '').split(',').filter((theme) => theme !== ''),
        createdAt: row.created_at,
      }));
    },

    async stagesOf(disagreementIds: readonly string[]): Promise<StageExportRow[]> {
      if (disagreementIds.length === 0) return [];
      const rows = await db
        .selectFrom('disagreement_stages')
        .selectAll()
        .where('disagreement_id', 'in', [...disagreementIds])
        .orderBy('disagreement_id')
        .orderBy('position')
        .execute();
      return rows.map((row) => ({
        disagreementId: row.disagreement_id,
        position: Number(row.position),
        stageKey: row.stage_key,
        startedAt: row.started_at,
        dueAt: row.due_at,
        endedAt: row.ended_at,
        outcome: row.outcome,
        withinTimescale: row.within_timescale === null ? null : flag(row.within_timescale),
      }));
    },
  };
}
