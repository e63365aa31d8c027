import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../schema.ts';
import { flag } from './rowMapping.ts';

/** How each person wants routine messages: as they happen (the default) or one morning summary. */
export function notificationPreferencesRepository(db: Kysely<DatabaseSchema>) {
  return {
    async takesDailyDigest(personId: string): Promise<boolean> {
      const row = await db
        .selectFrom('notification_preferences')
        .select('daily_digest')
        .where('person_id', '=', personId)
        .executeTakeFirst();
      return row ? flag(row.daily_digest) : false;
    },

    async setDailyDigest(personId: string, dailyDigest: boolean): Promise<void> {
      await db
        .insertInto('notification_preferences')
        .values({ person_id: personId, daily_digest: dailyDigest })
        .onConflict((conflict) =>
          conflict.column('person_id').doUpdateSet({ daily_digest: dailyDigest }),
        )
        .execute();
    },
  };
}
