import { type Kysely, PostgresAdapter } from 'kysely';
import type { DatabaseSchema } from '../schema.ts';

/** Passwords, sign-in throttling and single sign-on identities. */
export function accountRepository(db: Kysely<DatabaseSchema>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    async passwordHash(personId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('password_credentials')
        .select('hash')
        .where('person_id', '=', personId)
        .executeTakeFirst();
      return row?.hash;
    },

    async setPasswordHash(personId: string, hash: string, at: string): Promise<void> {
      await db
        .insertInto('password_credentials')
        .values({ person_id: personId, hash, changed_at: at })
        .onConflict((conflict) =>
          conflict.column('person_id').doUpdateSet({ hash, changed_at: at }),
        )
        .execute();
    },

    async insertPasswordLink(
      tokenHash: string,
      personId: string,
      expiresAt: string,
      made: { createdAt?: string; purpose?: 'invitation' } = {},
    ): Promise<void> {
      await db
        .insertInto('password_links')
        .values({
          token_hash: tokenHash,
          person_id: personId,
          expires_at: expiresAt,
          used_at: null,
          created_at: made.createdAt ?? null,
          purpose: made.purpose ?? null,
        })
        .execute();
    },

    async passwordLink(tokenHash: string) {
      return db
        .selectFrom('password_links')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
    },

    /** Marks a link used; false if it was already used (so only one request can use it). */
    async usePasswordLink(tokenHash: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('password_links')
        .set({ used_at: at })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async throttle(key: string) {
      return db
        .selectFrom('sign_in_throttles')
        .selectAll()
        .where('key', '=', key)
        .executeTakeFirst();
    },

    /**
     * A throttle read to be changed in the caller's transaction: locked on PostgreSQL until
     * it ends, so failures at the same moment each count (SQLite has one writer).
     */
    async throttleToChange(key: string) {
      const query = db.selectFrom('sign_in_throttles').selectAll().where('key', '=', key);
      return (postgres ? query.forUpdate() : query).executeTakeFirst();
    },

    async saveThrottle(row: DatabaseSchema['sign_in_throttles']): Promise<void> {
      await db
        .insertInto('sign_in_throttles')
        .values(row)
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet({
            failures: row.failures,
            first_failure_at: row.first_failure_at,
            locked_until: row.locked_until,
          }),
        )
        .execute();
    },

    /** Throttles whose first failure came before `failuresBefore` and whose wait ended before `waitBefore`. */
    async deleteStaleThrottles(failuresBefore: string, waitBefore: string): Promise<number> {
      const result = await db
        .deleteFrom('sign_in_throttles')
        .where('first_failure_at', '<', failuresBefore)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', waitBefore)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async clearThrottle(key: string): Promise<void> {
      await db.deleteFrom('sign_in_throttles').where('key', '=', key).execute();
    },

    async personForIdentity(issuer: string, subject: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('oidc_identities')
        .select('person_id')
        .where('issuer', '=', issuer)
        .where('subject', '=', subject)
        .executeTakeFirst();
      return row?.person_id;
    },

    async identityOf(personId: string, issuer: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('oidc_identities')
        .select('subject')
        .where('person_id', '=', personId)
        .where('issuer', '=', issuer)
        .executeTakeFirst();
      return row?.subject;
    },

    async linkIdentity(
      issuer: string,
      subject: string,
      personId: string,
      at: string,
    ): Promise<void> {
      await db
        .insertInto('oidc_identities')
        .values({ issuer, subject, person_id: personId, linked_at: at })
        .execute();
    },
  };
}

export type AccountRepository = ReturnType<typeof accountRepository>;
