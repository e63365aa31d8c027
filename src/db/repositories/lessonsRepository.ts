import { type Kysely, sql } from 'kysely';
import type { LessonStatus } from '../../domain/vocabulary.ts';
import type { DatabaseSchema } from '../schema.ts';
import { partyAgenciesOf } from './partyAgencies.ts';
import { json } from './rowMapping.ts';

/** Text to match as it is in a LIKE pattern escaped with a backslash. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** Where a page of the log ended: newest first, a case's lessons in their order. */
export type LessonCursor = { recordedAt: string; disagreementId: string; position: number };

export type LessonRow = {
  id: string;
  position: number;
  disagreementId: string;
  partnershipId: string;
  localAuthorityId: string | null;
  reference: string;
  raisingAgencyId: string;
  otherAgencyIds: string[];
  themes: string[];
  subgroups: string[];
  source: string;
  recordedAt: string;
  status: LessonStatus;
  note: string | null;
  statusBy: string | null;
  statusAt: string | null;
};

export type LessonFilter = {
  partnershipId: string;
  id?: string | undefined;
  theme?: string | undefined;
  agencyId?: string | undefined;
  status?: LessonStatus | undefined;
  subgroup?: string | undefined;
  localAuthorityId?: string | undefined;
  recorded?: { from?: string | undefined; before?: string | undefined } | undefined;
  /** Lessons of cases closed in the span (the dashboard's count of lessons). */
  closed?: { from?: string | undefined; before?: string | undefined } | undefined;
};

/** The learning log: each lesson of a case, found by its themes, agencies, status and date. */
export function lessonsRepository(db: Kysely<DatabaseSchema>) {
  return {
    async list(
      filter: LessonFilter,
      page: { limit: number; after?: LessonCursor | undefined },
    ): Promise<LessonRow[]> {
      let query = db
        .selectFrom('lessons')
        .innerJoin('disagreements', 'disagreements.id', 'lessons.disagreement_id')
        .select([
          'lessons.id',
          'lessons.disagreement_id',
          'lessons.partnership_id',
          'lessons.local_authority_id',
          'lessons.position',
          'disagreements.reference',
          'lessons.themes',
          'lessons.subgroups',
          'lessons.source',
          'lessons.recorded_at',
          'lessons.status',
          'lessons.note',
          'lessons.status_by',
          'lessons.status_at',
        ])
        .where('lessons.partnership_id', '=', filter.partnershipId);
      if (filter.id) query = query.where('lessons.id', '=', filter.id);
      if (filter.theme) query = query.where('lessons.themes', 'like', `%,${filter.theme},%`);
      if (filter.status) query = query.where('lessons.status', '=', filter.status);
      if (filter.subgroup) {
        // The name as it stands in the stored list, its quotes included; % and _ mean themselves.
        const pattern = `%${likeLiteral(JSON.stringify(filter.subgroup))}%`;
        query = query.where(
          sql<boolean>`${sql.ref('lessons.subgroups')} like ${pattern} escape '\\'`,
        );
      }
      if (filter.localAuthorityId) {
        query = query.where('lessons.local_authority_id', '=', filter.localAuthorityId);
      }
      if (filter.recorded?.from)
        query = query.where('lessons.recorded_at', '>=', filter.recorded.from);
      if (filter.recorded?.before)
        query = query.where('lessons.recorded_at', '<', filter.recorded.before);
      if (filter.closed?.from)
        query = query.where('disagreements.closed_at', '>=', filter.closed.from);
      if (filter.closed?.before)
        query = query.where('disagreements.closed_at', '<', filter.closed.before);
      if (filter.agencyId) {
        const agencyId = filter.agencyId;
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('disagreement_agencies as party')
              .select('party.agency_id')
              .whereRef('party.disagreement_id', '=', 'lessons.disagreement_id')
              .where('party.agency_id', '=', agencyId),
          ),
        );
      }
      if (page.after) {
        const { recordedAt, disagreementId, position } = page.after;
        query = query.where((eb) =>
          eb.or([
            eb('lessons.recorded_at', '<', recordedAt),
            eb.and([
              eb('lessons.recorded_at', '=', recordedAt),
              eb('lessons.disagreement_id', '<', disagreementId),
            ]),
            eb.and([
              eb('lessons.recorded_at', '=', recordedAt),
              eb('lessons.disagreement_id', '=', disagreementId),
              eb('lessons.position', '>', position),
            ]),
          ]),
        );
      }
      const rows = await query
        .orderBy('lessons.recorded_at', 'desc')
        .orderBy('lessons.disagreement_id', 'desc')
        .orderBy('lessons.position')
        .limit(page.limit)
        .execute();
      const parties = await partyAgenciesOf(
        db,
        rows.map((row) => row.disagreement_id),
      );
      return rows.map((row) => ({
        id: row.id,
        disagreementId: row.disagreement_id,
        partnershipId: row.partnership_id,
        localAuthorityId: row.local_authority_id,
        position: Number(row.position),
        reference: row.reference,
        raisingAgencyId: parties.get(row.disagreement_id)?.raising ?? '',
        otherAgencyIds: parties.get(row.disagreement_id)?.others ?? [],
        themes: row.themes.split(',').filter((theme) => theme !== ''),
        subgroups: json<string[]>(row.subgroups),
        source: row.source,
        recordedAt: row.recorded_at,
        status: row.status as LessonStatus,
        note: row.note,
        statusBy: row.status_by,
        statusAt: row.status_at,
      }));
    },

    /** A lesson, and whether its case was purged (a note on it would outlive the purge). */
    async get(
      id: string,
    ): Promise<
      { id: string; partnershipId: string; disagreementId: string; casePurged: boolean } | undefined
    > {
      const row = await db
        .selectFrom('lessons')
        .innerJoin('disagreements', 'disagreements.id', 'lessons.disagreement_id')
        .select([
          'lessons.id',
          'lessons.partnership_id',
          'lessons.disagreement_id',
          'disagreements.purged_at',
        ])
        .where('lessons.id', '=', id)
        .executeTakeFirst();
      return (
        row && {
          id: row.id,
          partnershipId: row.partnership_id,
          disagreementId: row.disagreement_id,
          casePurged: row.purged_at !== null,
        }
      );
    },

    /**
     * Records what was done with a lesson. The note is kept only while its case is not purged,
     * judged by the update itself, so a purge that committed after the caller looked still
     * wins; one that races it on PostgreSQL is mended by the next retention run's sweep.
     */
    async recordStatus(
      id: string,
      status: { status: LessonStatus; note: string | null; by: string; at: string },
    ): Promise<void> {
      await db
        .updateTable('lessons')
        .set((eb) => ({
          status: status.status,
          note: eb
            .case()
            .when(
              eb.exists(
                eb
                  .selectFrom('disagreements as purged')
                  .select('purged.id')
                  .whereRef('purged.id', '=', 'lessons.disagreement_id')
                  .where('purged.purged_at', 'is not', null),
              ),
            )
            .then(sql<string | null>`null`)
            .else(status.note)
            .end(),
          status_by: status.by,
          status_at: status.at,
        }))
        .where('id', '=', id)
        .execute();
    },

    /** The subgroups a partnership's lessons have gone to. */
    async subgroups(partnershipId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('lessons')
        .select('subgroups')
        .distinct()
        .where('partnership_id', '=', partnershipId)
        .execute();
      return [...new Set(rows.flatMap((row) => json<string[]>(row.subgroups)))].sort();
    },
  };
}
