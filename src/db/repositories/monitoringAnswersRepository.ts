import type { Kysely } from 'kysely';
import type {
  MonitoringAnswers,
  SeniorOfficer,
} from '../../domain/disagreement/monitoringAnswers.ts';
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
      };
    },

    async save(disagreementId: string, answers: MonitoringAnswers): Promise<void> {
      const values = {
        meeting_date: answers.meetingDate,
        parents_informed: answers.parentsInformed,
        parents_views: answers.parentsViews,
        senior_officers: toJson(answers.seniorOfficers),
        completed_by: answers.completedBy,
        completed_at: answers.completedAt,
      };
      await db
        .insertInto('monitoring_form_answers')
        .values({ disagreement_id: disagreementId, ...values })
        .onConflict((conflict) => conflict.column('disagreement_id').doUpdateSet(values))
        .execute();
    },
  };
}
