import { type Kysely, PostgresAdapter, sql } from 'kysely';
import {
  type AuditEntry,
  type AuditFacts,
  GENESIS_HASH,
  hashAuditEntry,
} from '../../domain/audit/auditChain.ts';
import type { DatabaseSchema } from '../schema.ts';
import { inSlices } from './inSlices.ts';

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
  /** Entries at or after this instant (ISO). */
  from?: string;
  /** Entries before this instant (ISO). */
  before?: string;
  /** Only entries of these actions. */
  actions?: readonly string[];
  /** No entries of these actions. */
  withoutActions?: readonly string[];
  limit: number;
};

/**
 * The append-only audit log. `append` must run inside the transaction of the change it
 * records: it takes the append lock, so concurrent writers cannot fork the chain.
 */
export function auditRepository(db: Kysely<DatabaseSchema>) {
  return {
    async append(facts: AuditFacts): Promise<AuditEntry> {
      return (await this.appendMany([facts]))[0] as AuditEntry;
    },

    /** Several entries in order under one turn of the lock, e.g. every case a list shows. */
    async appendMany(factsList: readonly AuditFacts[]): Promise<AuditEntry[]> {
      if (factsList.length === 0) return [];
      // The chain's end is read and extended in one transaction: outside one, the lock would be
      // released (and SQLite's writer taken) between the statements, and two appends could
      // follow the same entry.
      if (!db.isTransaction) {
        return db.transaction().execute((trx) => auditRepository(trx).appendMany(factsList));
      }
      if (db.getExecutor().adapter instanceof PostgresAdapter) {
        await sql`select pg_advisory_xact_lock(${APPEND_LOCK})`.execute(db);
      }
      const last = await db
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      let seq = last ? Number(last.seq) : 0;
      let prevHash = last?.hash ?? GENESIS_HASH;
      const entries = factsList.map((facts): AuditEntry => {
        seq += 1;
        const entry = { ...facts, seq, prevHash, hash: hashAuditEntry(seq, prevHash, facts) };
        prevHash = entry.hash;
        return entry;
      });
      for (const slice of inSlices(entries)) {
        await db
          .insertInto('audit_log')
          .values(
            slice.map((entry) => ({
              seq: entry.seq,
              at: entry.at,
              actor_id: entry.actorId,
              via: entry.via,
              action: entry.action,
              record_type: entry.recordType,
              record_id: entry.recordId,
              partnership_id: entry.partnershipId,
              justification: entry.justification,
              request_id: entry.requestId,
              prev_hash: entry.prevHash,
              hash: entry.hash,
            })),
          )
          .execute();
      }
      const newest = entries.at(-1) as AuditEntry;
      const head = JSON.stringify({ seq: newest.seq, hash: newest.hash });
      await db
        .insertInto('settings')
        .values({ key: HEAD_SETTING, value: head, updated_at: newest.at })
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet({ value: head, updated_at: newest.at }),
        )
        .execute();
      return entries;
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

    /** Every entry in sequence order (or only those one person made), read in batches. */
    async *inOrder(
      options: { actorId?: string; batchSize?: number } = {},
    ): AsyncGenerator<AuditEntry> {
      const { actorId, batchSize = 1000 } = options;
      let after = 0;
      for (;;) {
        const rows = await db
          .selectFrom('audit_log')
          .selectAll()
          .$if(actorId !== undefined, (query) => query.where('actor_id', '=', actorId ?? ''))
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
      if (filter.from) query = query.where('at', '>=', filter.from);
      if (filter.before) query = query.where('at', '<', filter.before);
      if (filter.actions) {
        if (filter.actions.length === 0) return [];
        query = query.where('action', 'in', [...filter.actions]);
      }
      if (filter.withoutActions?.length) {
        query = query.where('action', 'not in', [...filter.withoutActions]);
      }
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
