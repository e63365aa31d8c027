import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { auditRepository } from '../src/db/repositories/auditRepository.ts';
import {
  type AuditEntry,
  type AuditFacts,
  GENESIS_HASH,
  hashAuditEntry,
} from '../src/domain/audit/auditChain.ts';
import type { DatabaseKind } from './testDatabase.ts';

/** An invented read, the nth: enough facts to chain. */
export function readFacts(n: number): AuditFacts {
  return {
    at: `2026-12-08T09:00:${String(n % 60).padStart(2, '0')}.000Z`,
    actorId: `person-${n % 3}`,
    via: 'web',
    action: 'disagreement.read',
    recordType: 'disagreement',
    recordId: `case-${n}`,
    partnershipId: 'partnership-1',
    justification: null,
    requestId: `request-${n}`,
  };
}

export async function appendReads(database: Database, from: number, count: number) {
  for (let n = from; n < from + count; n++) {
    await database.db.transaction().execute((trx) => auditRepository(trx).append(readFacts(n)));
  }
}

/**
 * What the owner of the database can do: the triggers off, the log replaced by other facts
 * chained again from the start, and the head recorded beside it rewritten to match, so that
 * the chain alone verifies.
 */
export async function rewriteAuditLog(
  database: Database,
  kind: DatabaseKind,
  change: (entries: AuditEntry[]) => AuditFacts[],
): Promise<void> {
  const entries: AuditEntry[] = [];
  for await (const entry of auditRepository(database.db).inOrder()) entries.push(entry);
  const facts = change(entries);
  const { db } = database;
  if (kind === 'sqlite') {
    await sql`drop trigger if exists audit_log_no_update`.execute(db);
    await sql`drop trigger if exists audit_log_no_delete`.execute(db);
  } else {
    await sql`alter table audit_log disable trigger user`.execute(db);
  }
  await sql`delete from audit_log`.execute(db);
  let prevHash = GENESIS_HASH;
  for (const [index, one] of facts.entries()) {
    const seq = index + 1;
    const hash = hashAuditEntry(seq, prevHash, one);
    await db
      .insertInto('audit_log')
      .values({
        seq,
        at: one.at,
        actor_id: one.actorId,
        via: one.via,
        action: one.action,
        record_type: one.recordType,
        record_id: one.recordId,
        partnership_id: one.partnershipId,
        justification: one.justification,
        request_id: one.requestId,
        prev_hash: prevHash,
        hash,
      })
      .execute();
    prevHash = hash;
  }
  const head = JSON.stringify({ seq: facts.length, hash: prevHash });
  await db.updateTable('settings').set({ value: head }).where('key', '=', 'audit.head').execute();
}

/** The facts of entries, without their place in the chain. */
export function factsOf(entries: readonly AuditEntry[]): AuditFacts[] {
  return entries.map(({ seq: _seq, prevHash: _prevHash, hash: _hash, ...facts }) => facts);
}
