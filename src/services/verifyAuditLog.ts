import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { type ChainCheck, verifyAuditChain } from '../domain/audit/auditChain.ts';
import {
  type CheckpointComparison,
  compareWithCheckpoints,
  type KeptCheckpoint,
} from '../domain/audit/auditCheckpoint.ts';

/** Reads the whole audit log in order and checks its hash chain and its recorded end. */
export async function verifyAuditLog(database: Database): Promise<ChainCheck> {
  return (await readAndCheck(database, new Set())).chain;
}

/**
 * The same check, and the log against checkpoints kept outside the database (each already
 * found genuine): what the owner of the database could rewrite without breaking the chain.
 */
export async function verifyAuditLogAgainstCheckpoints(
  database: Database,
  kept: readonly KeptCheckpoint[],
): Promise<{ chain: ChainCheck; checkpoints: CheckpointComparison }> {
  const { chain, entries, hashes } = await readAndCheck(
    database,
    new Set(kept.map(({ checkpoint }) => checkpoint.seq)),
  );
  return {
    chain,
    checkpoints: compareWithCheckpoints(
      {
        entries,
        hashAt: (seq) => hashes.get(seq),
        brokenAt: chain.intact ? undefined : chain.firstBroken,
      },
      kept,
    ),
  };
}

/**
 * The recorded end and the entries from one snapshot, so that entries appended while the log is
 * read (a running server's) are neither missing from the end nor beyond it.
 */
async function readAndCheck(database: Database, seqsWanted: ReadonlySet<number>) {
  return (
    database.db
      .transaction()
      .setAccessMode('read only')
      // PostgreSQL's snapshot for the whole transaction; SQLite's read transaction is one already.
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const audit = auditRepository(trx);
        const head = await audit.recordedHead();
        const entries = [];
        const hashes = new Map<number, string>();
        for await (const entry of audit.inOrder()) {
          entries.push(entry);
          if (seqsWanted.has(entry.seq) && !hashes.has(entry.seq))
            hashes.set(entry.seq, entry.hash);
        }
        return { chain: verifyAuditChain(entries, head), entries: entries.length, hashes };
      })
  );
}
