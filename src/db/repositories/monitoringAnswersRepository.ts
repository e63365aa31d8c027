import type { Kysely } from 'kysely';
import type {
  MonitoringAnswers,
  SeniorOfficer,
} from '../../domain/disagreement/monitoringAnswers.ts';
import { Conflict } from '../../domain/errors.ts';
import type { DatabaseSchema } from '../schema.ts';
import { json, toJson } from './rowMapping.ts';

/** A case's completed monitoring form answers: one row a case, replaced when completed again. */
export function monitoringAnswersRepository(db: Kysely<DatabaseSchema>) {
  return {
    async get(disagreementId: string): Promise<MonitoringAnswers | null> {
      const row = await db
        .selectFrom('monitoring_form_answers')
        .selectAll()
        .where('disagreement_id', '=', disagreementId)
        .executeTakeFirst();
      if (!row) return null;
      return {
        meetingDate: row.meeting_date,
        parentsInformed:
          row.parents_informed === 'yes' || row.parents_informed === 'no'
            ? row.parents_informed
            : null,
        parentsViews: row.parents_views,
        seniorOfficers: json<SeniorOfficer[]>(row.senior_officers),
        completedBy: row.completed_by,
        completedAt: row.completed_at,
        version: Number(row.version),
      };
    },

    /**
     * Saves the answers as the version after `seen` (0: none saved yet), only if nobody saved
     * them since: otherwise a Conflict, and nothing changed.
     */
    async save(
      disagreementId: string,
      answers: Omit<MonitoringAnswers, 'version'>,
      seen: number,
    ): Promise<void> {
      const values = {
        meeting_date: answers.meetingDate,
        parents_informed: answers.parentsInformed,
        parents_views: answers.parentsViews,
        senior_officers: toJson(answers.seniorOfficers),
        completed_by: answers.completedBy,
        completed_at: answers.completedAt,
      };
      const saved =
        seen === 0
          ? (
              await db
                .insertInto('monitoring_form_answers')
                .values({ disagreement_id: disagreementId, ...values, version: 1 })
                .onConflict((conflict) => conflict.column('disagreement_id').doNothing())
                .executeTakeFirst()
            ).numInsertedOrUpdatedRows
          : (
              await db
                .updateTable('monitoring_form_answers')
                .set({ ...values, version: seen + 1 })
                .where('disagreement_id', '=', disagreementId)
                .where('version', '=', seen)
                .executeTakeFirst()
            ).numUpdatedRows;
      if (Number(saved ?? 0) !== 1) {
        throw new Conflict(
          'Someone else saved these answers first: check them, then save your change again',
        );
      }
    },
  };
}
