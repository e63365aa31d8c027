import type { Kysely } from 'kysely';
import { isoInstant } from '../../domain/clock.ts';
import type { DatabaseSchema } from '../schema.ts';

export type Setting = { key: string; value: string; updatedAt: string };

/** Installation-wide key/value settings. */
export function settingsRepository(db: Kysely<DatabaseSchema>) {
  return {
    async get(key: string): Promise<Setting | undefined> {
      const row = await db
        .selectFrom('settings')
        .select(['key', 'value', 'updated_at'])
        .where('key', '=', key)
        .executeTakeFirst();
      return row && { key: row.key, value: row.value, updatedAt: row.updated_at };
    },

    /** Every setting whose key starts with `prefix`. */
    async startingWith(prefix: string): Promise<Setting[]> {
      const rows = await db
        .selectFrom('settings')
        .select(['key', 'value', 'updated_at'])
        .where('key', 'like', `${prefix}%`)
        .execute();
      return rows.map((row) => ({ key: row.key, value: row.value, updatedAt: row.updated_at }));
    },

    async removeStartingWith(prefix: string): Promise<void> {
      await db.deleteFrom('settings').where('key', 'like', `${prefix}%`).execute();
    },

    async put(key: string, value: string, at: Temporal.Instant): Promise<void> {
      const updatedAt = isoInstant(at);
      await db
        .insertInto('settings')
        .values({ key, value, updated_at: updatedAt })
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet({ value, updated_at: updatedAt }),
        )
        .execute();
    },
  };
}

export type SettingsRepository = ReturnType<typeof settingsRepository>;
