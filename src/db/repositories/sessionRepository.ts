import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../schema.ts';
import { json, toJson } from './rowMapping.ts';

export type StoredSession = {
  personId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  expiresAt: string;
};

/** Server-side sessions, by a hash of the session id so the table holds nothing a cookie could be made from. */
export function sessionRepository(db: Kysely<DatabaseSchema>) {
  return {
    async get(idHash: string): Promise<StoredSession | undefined> {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', idHash)
        .executeTakeFirst();
      return (
        row && {
          personId: row.person_id,
          data: json<Record<string, unknown>>(row.data),
          createdAt: row.created_at,
          expiresAt: row.expires_at,
        }
      );
    },

    async save(idHash: string, session: StoredSession, now: string): Promise<void> {
      const values = {
        person_id: session.personId,
        data: toJson(session.data),
        last_seen_at: now,
        expires_at: session.expiresAt,
      };
      await db
        .insertInto('sessions')
        .values({ id: idHash, created_at: session.createdAt, ...values })
        .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
        .execute();
    },

    /**
     * A session the server ended (its idle or 12-hour limit, or its page's timer): emptied and
     * expired now, but still naming its person until the purge forgets it, so that a form
     * another tab sends afterwards is kept for them (keptAnswers.ts). One nobody signed in to goes.
     */
    async end(idHash: string, now: string): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ data: toJson({}), expires_at: now })
        .where('id', '=', idHash)
        .where('person_id', 'is not', null)
        .execute();
      await db
        .deleteFrom('sessions')
        .where('id', '=', idHash)
        .where('person_id', 'is', null)
        .execute();
    },

    async delete(idHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', idHash).execute();
    },

    /**
     * Sessions past their expiry lose whatever they held (a raise draft, say). One nobody signed
     * in to goes at once; a person's is kept, emptied, until `forgetPersonBefore`, so that a form
     * posted after it ended can still be kept for that person alone (keptAnswers.ts).
     */
    async deleteExpired(now: string, forgetPersonBefore: string): Promise<number> {
      const emptied = await db
        .updateTable('sessions')
        .set({ data: toJson({}) })
        .where('expires_at', '<=', now)
        .where('person_id', 'is not', null)
        .where('data', '!=', toJson({}))
        .executeTakeFirst();
      const deleted = await db
        .deleteFrom('sessions')
        .where((row) =>
          row.or([
            row.and([row('expires_at', '<=', now), row('person_id', 'is', null)]),
            row('expires_at', '<=', forgetPersonBefore),
          ]),
        )
        .executeTakeFirst();
      return Number(emptied.numUpdatedRows) + Number(deleted.numDeletedRows);
    },

    async deleteForPerson(personId: string): Promise<number> {
      const result = await db
        .deleteFrom('sessions')
        .where('person_id', '=', personId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SessionRepository = ReturnType<typeof sessionRepository>;
