import type { Kysely } from 'kysely';
import { GENESIS_HASH } from '../../domain/audit/auditChain.ts';
import type { AuditHead } from '../../domain/audit/auditCheckpoint.ts';
import type { DatabaseSchema } from '../schema.ts';

/** What the audit log holds now, read from its entries (not from the head recorded beside it). */
export function auditHeadRepository(db: Kysely<DatabaseSchema>) {
  return {
    /** The last entry and the number of entries, in one statement so that they agree. */
    async current(): Promise<AuditHead> {
      const row = await db
        .selectFrom('audit_log')
        .select((eb) => [
          'seq',
          'hash',
          eb
            .selectFrom('audit_log as counted')
            .select(eb.fn.countAll().as('entries'))
            .as('entries'),
        ])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row
        ? { seq: Number(row.seq), hash: row.hash, entries: Number(row.entries) }
        : { seq: 0, hash: GENESIS_HASH, entries: 0 };
    },
  };
}
