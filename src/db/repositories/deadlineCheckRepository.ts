import { type Kysely, sql } from 'kysely';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import type { DatabaseSchema } from '../schema.ts';
import { caseOf } from './caseReads.ts';
import { inSlices } from './inSlices.ts';

export type DeadlineCheck = { disagreementId: string; version: number; nextCheckAt: string };

/** What the reminder job reads and writes: the cases to look at now, and when to look again. */
export function deadlineCheckRepository(db: Kysely<DatabaseSchema>) {
  return {
    /**
     * Cases with a deadline before `horizon` (an open stage's due time or an open action's)
     * that changed since the job last looked at them, or whose time to be looked at again has
     * come. Not a purged case: nothing can be done on it, so nobody is reminded of it.
     */
    async toCheck(horizon: string, now: string): Promise<Disagreement[]> {
      const rows = await db
        .selectFrom('disagreements')
        .leftJoin('deadline_checks as checked', 'checked.disagreement_id', 'disagreements.id')
        .select(['disagreements.document'])
        .where('disagreements.purged_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('checked.disagreement_id', 'is', null),
            eb('checked.version', '!=', eb.ref('disagreements.version')),
            eb('checked.next_check_at', '<=', now),
          ]),
        )
        .where((eb) =>
          eb.or([
            eb.and([
              eb('disagreements.status', '=', 'open'),
              eb('disagreements.current_due_at', '<=', horizon),
            ]),
            eb.and([
              eb('disagreements.status', 'in', ['open', 'resolved']),
              eb.exists(
                eb
                  .selectFrom('disagreement_actions as due')
                  .select('due.id')
                  .whereRef('due.disagreement_id', '=', 'disagreements.id')
                  .where('due.completed_at', 'is', null)
                  .where('due.due_at', '<=', horizon),
              ),
            ]),
          ]),
        )
        .execute();
      return rows.map((row) => caseOf(row.document));
    },

    /** When each case next needs looking at, for the version it was worked out from. */
    async record(checks: readonly DeadlineCheck[]): Promise<void> {
      for (const slice of inSlices(checks)) {
        await db
          .insertInto('deadline_checks')
          .values(
            slice.map((check) => ({
              disagreement_id: check.disagreementId,
              version: check.version,
              next_check_at: check.nextCheckAt,
            })),
          )
          .onConflict((conflict) =>
            conflict.column('disagreement_id').doUpdateSet({
              version: sql`excluded.version`,
              next_check_at: sql`excluded.next_check_at`,
            }),
          )
          .execute();
      }
    },
  };
}
