import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../schema.ts';

/** A protocol the partnership team is editing: its YAML text, as the editor last saved it. */
export type ProtocolDraft = {
  id: string;
  partnershipId: string;
  basedOn: string;
  source: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

const toDraft = (row: Selectable<DatabaseSchema['protocol_drafts']>): ProtocolDraft => ({
  id: row.id,
  partnershipId: row.partnership_id,
  basedOn: row.based_on,
  source: row.source,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
  version: Number(row.version),
});

export function protocolDraftRepository(db: Kysely<DatabaseSchema>) {
  return {
    async insert(draft: Omit<ProtocolDraft, 'version'>): Promise<void> {
      await db
        .insertInto('protocol_drafts')
        .values({
          id: draft.id,
          partnership_id: draft.partnershipId,
          based_on: draft.basedOn,
          source: draft.source,
          created_by: draft.createdBy,
          created_at: draft.createdAt,
          updated_at: draft.updatedAt,
          version: 1,
        })
        .execute();
    },

    /** A draft of this partnership, or undefined (another partnership's drafts do not exist). */
    async get(partnershipId: string, id: string): Promise<ProtocolDraft | undefined> {
      const row = await db
        .selectFrom('protocol_drafts')
        .selectAll()
        .where('id', '=', id)
        .where('partnership_id', '=', partnershipId)
        .executeTakeFirst();
      return row && toDraft(row);
    },

    async count(partnershipId: string): Promise<number> {
      const row = await db
        .selectFrom('protocol_drafts')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('partnership_id', '=', partnershipId)
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },

    async list(partnershipId: string): Promise<ProtocolDraft[]> {
      const rows = await db
        .selectFrom('protocol_drafts')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .orderBy('updated_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toDraft);
    },

    /** Saves new text if the draft is still at `version`; false when someone saved it first. */
    async update(
      partnershipId: string,
      id: string,
      version: number,
      change: { source: string; updatedAt: string },
    ): Promise<boolean> {
      const result = await db
        .updateTable('protocol_drafts')
        .set({ source: change.source, updated_at: change.updatedAt, version: version + 1 })
        .where('id', '=', id)
        .where('partnership_id', '=', partnershipId)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Deletes the draft (only if still at `version`, when given); false when there was none. */
    async delete(partnershipId: string, id: string, version?: number): Promise<boolean> {
      let query = db
        .deleteFrom('protocol_drafts')
        .where('id', '=', id)
        .where('partnership_id', '=', partnershipId);
      if (version !== undefined) query = query.where('version', '=', version);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    /** How many open cases run on each protocol version of the partnership. */
    async openCasesByVersion(partnershipId: string): Promise<Map<number, number>> {
      const rows = await db
        .selectFrom('disagreements')
        .select((eb) => ['protocol_version', eb.fn.countAll<number>().as('count')])
        .where('partnership_id', '=', partnershipId)
        .where('status', '=', 'open')
        .groupBy('protocol_version')
        .execute();
      return new Map(rows.map((row) => [Number(row.protocol_version), Number(row.count)]));
    },
  };
}
