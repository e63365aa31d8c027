import type { Kysely } from 'kysely';
import { compiledOnce } from '../compiledOnce.ts';
import type { DatabaseSchema } from '../schema.ts';

export type ApiToken = {
  id: string;
  personId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** API tokens, stored only as hashes. */
// Every API request's first query.
const activeByHash = compiledOnce((db: Kysely<DatabaseSchema>, tokenHash: string) =>
  db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null),
);

export function apiTokenRepository(db: Kysely<DatabaseSchema>) {
  const toToken = (row: DatabaseSchema['api_tokens']): ApiToken => ({
    id: row.id,
    personId: row.person_id,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  });
  return {
    async insert(token: ApiToken, tokenHash: string): Promise<void> {
      await db
        .insertInto('api_tokens')
        .values({
          id: token.id,
          person_id: token.personId,
          name: token.name,
          token_hash: tokenHash,
          created_at: token.createdAt,
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
    },

    async findActiveByHash(tokenHash: string): Promise<ApiToken | undefined> {
      const [row] = await activeByHash(db, tokenHash);
      return row && toToken(row);
    },

    async touch(id: string, at: string): Promise<void> {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },

    async ofPerson(personId: string): Promise<ApiToken[]> {
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('person_id', '=', personId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toToken);
    },

    async get(id: string): Promise<ApiToken | undefined> {
      const row = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toToken(row);
    },

    async revoke(id: string, at: string): Promise<void> {
      await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },
  };
}

export type ApiTokenRepository = ReturnType<typeof apiTokenRepository>;
