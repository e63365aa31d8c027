import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../schema.ts';
import { inSlices } from './inSlices.ts';

export type Parties = { raising: string; others: string[] };

/** The party agencies of several cases at once, by case: for rows shown without their documents. */
export async function partyAgenciesOf(
  db: Kysely<DatabaseSchema>,
  disagreementIds: readonly string[],
): Promise<Map<string, Parties>> {
  const parties = new Map<string, Parties>();
  const ids = [...new Set(disagreementIds)];
  for (const slice of inSlices(ids)) {
    const rows = await db
      .selectFrom('disagreement_agencies')
      .select(['disagreement_id', 'agency_id', 'side'])
      .where('disagreement_id', 'in', slice)
      .orderBy('agency_id')
      .execute();
    for (const row of rows) {
      const party = parties.get(row.disagreement_id) ?? { raising: '', others: [] };
      if (row.side === 'raising') party.raising = row.agency_id;
      else party.others.push(row.agency_id);
      parties.set(row.disagreement_id, party);
    }
  }
  return parties;
}
