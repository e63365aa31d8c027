import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../schema.ts';

/** A partnership team's own text for one of the footer's pages. */
export type StoredServicePage = { body: string; updatedBy: string | null; updatedAt: string };

export function servicePageRepository(db: Kysely<DatabaseSchema>) {
  return {
    async get(partnershipId: string, page: string): Promise<StoredServicePage | undefined> {
      const row = await db
        .selectFrom('service_pages')
        .select(['body', 'updated_by', 'updated_at'])
        .where('partnership_id', '=', partnershipId)
        .where('page', '=', page)
        .executeTakeFirst();
      return (
        row && {
          body: row.body,
          updatedBy: row.updated_by,
          updatedAt: new Date(row.updated_at).toISOString(),
        }
      );
    },

    async set(
      partnershipId: string,
      page: string,
      body: string,
      by: string | null,
      at: string,
    ): Promise<void> {
      await db
        .insertInto('service_pages')
        .values({ partnership_id: partnershipId, page, body, updated_by: by, updated_at: at })
        .onConflict((oc) =>
          oc
            .columns(['partnership_id', 'page'])
            .doUpdateSet({ body, updated_by: by, updated_at: at }),
        )
        .execute();
    },

    /** Back to Accord's default text; whether there was text of the team's own. */
    async remove(partnershipId: string, page: string): Promise<boolean> {
      const result = await db
        .deleteFrom('service_pages')
        .where('partnership_id', '=', partnershipId)
        .where('page', '=', page)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
