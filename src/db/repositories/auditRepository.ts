import { type Kysely, PostgresAdapter, sql } from 'kysely';
import {
  type AuditEntry,
  type AuditFacts,
  GENESIS_HASH,
  hashAuditEntry,
} from '../../domain/audit/auditChain.ts';
import type { DatabaseSchema } from '../schema.ts';

const HEAD_SETTING = 'audit.head';
// Any constant will do: it names the lock that makes appends take turns on PostgreSQL.
const APPEND_LOCK = 72_638_100_001;

export type AuditFilter = {
  partnershipId?: string;
  recordType?: string;
  recordId?: string;
  actorId?: string;
  /** Entries by this person or about them. */
  personId?: string;
  /** Entries before this sequence number, for paging back through the log. */
  beforeSeq?: number;
  limit: number;
};

/**
 * The append-only audit log. `append` must run inside the transaction of the change it
 * records: it takes the append lock, so concurrent writers cannot fork the chain.
 */
export function auditRepository(db: Kysely<DatabaseSchema>) {
  return {
    async append(facts: AuditFacts): Promise<AuditEntry> {
      if (db.getExecutor().adapter instanceof PostgresAdapter) {
        await sql`select pg_advisory_xact_lock(${APPEND_LOCK})`.execute(db);
      }
      const last = await db
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const seq = last ? Number(last.seq) + 1 : 1;
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = hashAuditEntry(seq, prevHash, facts);
      await db
        .insertInto('audit_log')
        .values({
          seq,
          at: facts.at,
          actor_id: facts.actorId,
          via: facts.via,
          action: facts.action,
          record_type: facts.recordType,
          record_id: facts.recordId,
          partnership_id: facts.partnershipId,
          justification: facts.justification,
          request_id: facts.requestId,
          prev_hash: prevHash,
          hash,
        })
        .execute();
      const head = JSON.stringify({ seq, hash });
      await db
        .insertInto('settings')
        .values({ key: HEAD_SETTING, value: head, updated_at: facts.at })
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet({ value: head, updated_at: facts.at }),
        )
        .execute();
      return { ...facts, seq, prevHash, hash };
    },

    /** The last entry written, as recorded beside the log. */
    async recordedHead(): Promise<{ seq: number; hash: string } | null> {
      const row = await db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', HEAD_SETTING)
        .executeTakeFirst();
      return row ? (JSON.parse(row.value) as { seq: number; hash: string }) : null;
    },

    /** Every entry in sequence order, read in batches. */
    async *inOrder(batchSize = 1000): AsyncGenerator<AuditEntry> {
      let after = 0;
      for (;;) {
        const rows = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('seq', '>', after)
          .orderBy('seq')
          .limit(batchSize)
          .execute();
        for (const row of rows) yield toEntry(row);
        const last = rows.at(-1);
        if (!last || rows.length < batchSize) return;
        after = Number(last.seq);
      }
    },

    async list(filter: AuditFilter): Promise<AuditEntry[]> {
      let query = db.selectFrom('audit_log').selectAll();
      if (filter.partnershipId) query = query.where('partnership_id', '=', filter.partnershipId);
      if (filter.recordType) query = query.where('record_type', '=', filter.recordType);
      if (filter.recordId) query = query.where('record_id', '=', filter.recordId);
      if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
      if (filter.personId) {
        const personId = filter.personId;
        query = query.where((eb) =>
          eb.or([
            eb('actor_id', '=', personId),
            eb.and([eb('record_type', '=', 'person'), eb('record_id', '=', personId)]),
          ]),
        );
      }
      if (filter.beforeSeq) query = query.where('seq', '<', filter.beforeSeq);
      const rows = await query.orderBy('seq', 'desc').limit(filter.limit).execute();
      return rows.map(toEntry);
    },
  };
}

export type AuditRepository = ReturnType<typeof auditRepository>;

function toEntry(row: DatabaseSchema['audit_log']): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    via: row.via as AuditEntry['via'],
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    partnershipId: row.partnership_id,
    justification: row.justification,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
