import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../schema.ts';
import { json, toJson } from './rowMapping.ts';

export type KeptAnswers = {
  personId: string;
  path: string;
  answers: Record<string, unknown>;
  raiseDraft: unknown;
  createdAt: string;
  expiresAt: string;
};

/** Answers kept after a session ended, by a hash of the id their cookie holds. */
export function keptAnswersRepository(db: Kysely<DatabaseSchema>) {
  return {
    async insert(idHash: string, kept: KeptAnswers): Promise<void> {
      await db
        .insertInto('kept_answers')
        .values({
          id: idHash,
          person_id: kept.personId,
          path: kept.path,
          answers: toJson(kept.answers),
          raise_draft: kept.raiseDraft === undefined ? null : toJson(kept.raiseDraft),
          created_at: kept.createdAt,
          expires_at: kept.expiresAt,
        })
        .execute();
    },

    /** The answers, deleted as they are read: they are given back once. */
    async take(idHash: string): Promise<KeptAnswers | undefined> {
      const row = await db
        .deleteFrom('kept_answers')
        .where('id', '=', idHash)
        .returningAll()
        .executeTakeFirst();
      return (
        row && {
          personId: row.person_id,
          path: row.path,
          answers: json<Record<string, unknown>>(row.answers),
          raiseDraft: row.raise_draft === null ? undefined : json<unknown>(row.raise_draft),
          createdAt: row.created_at,
          expiresAt: row.expires_at,
        }
      );
    },

    async peekOwner(idHash: string): Promise<{ personId: string; path: string } | undefined> {
      const row = await db
        .selectFrom('kept_answers')
        .select(['person_id', 'path'])
        .where('id', '=', idHash)
        .executeTakeFirst();
      return row && { personId: row.person_id, path: row.path };
    },

    async deleteExpired(now: string): Promise<number> {
      const result = await db
        .deleteFrom('kept_answers')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
