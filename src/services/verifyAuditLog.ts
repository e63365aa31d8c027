import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { type ChainCheck, verifyAuditChain } from '../domain/audit/auditChain.ts';

/** Reads the whole audit log in order and checks its hash chain and its recorded end. */
export async function verifyAuditLog(database: Database): Promise<ChainCheck> {
  const audit = auditRepository(database.db);
  const head = await audit.recordedHead();
  const entries = [];
  for await (const entry of audit.inOrder()) entries.push(entry);
  return verifyAuditChain(entries, head);
}
