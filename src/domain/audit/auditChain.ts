import { createHash } from 'node:crypto';

/**
 * The audit trail (DPA 2018 s.62): who, when, what action, which record, the
 * justification where one was given, and the request. Entries hold ids and
 * action names, never case content, so purging a child's details never breaks
 * the chain. Each entry's hash covers the previous entry's hash.
 */
export type AuditFacts = {
  at: string;
  actorId: string | null;
  via: 'web' | 'api' | 'cli' | 'system';
  action: string;
  recordType: string;
  recordId: string | null;
  partnershipId: string | null;
  justification: string | null;
  requestId: string | null;
};

export type AuditEntry = AuditFacts & { seq: number; prevHash: string; hash: string };

export const GENESIS_HASH = '0'.repeat(64);

export function hashAuditEntry(seq: number, prevHash: string, facts: AuditFacts): string {
  const canonical = JSON.stringify([
    seq,
    prevHash,
    facts.at,
    facts.actorId,
    facts.via,
    facts.action,
    facts.recordType,
    facts.recordId,
    facts.partnershipId,
    facts.justification,
    facts.requestId,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainCheck =
  | { intact: true; entries: number; head: { seq: number; hash: string } | null }
  | { intact: false; entries: number; firstBroken: number; reason: string };

/**
 * Checks entries in sequence order against each other and against the head recorded
 * beside the log (so that entries cut from the end are noticed too).
 */
export function verifyAuditChain(
  entries: Iterable<AuditEntry>,
  recordedHead: { seq: number; hash: string } | null,
): ChainCheck {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const entry of entries) {
    count++;
    const broken = (reason: string): ChainCheck => ({
      intact: false,
      entries: count,
      firstBroken: entry.seq,
      reason,
    });
    if (entry.seq > expectedSeq) {
      return {
        intact: false,
        entries: count,
        firstBroken: expectedSeq,
        reason: `${span(expectedSeq, entry.seq - 1)} missing: entry ${entry.seq} follows entry ${expectedSeq - 1}`,
      };
    }
    if (entry.seq < expectedSeq) {
      return broken(`entry ${entry.seq} appears again after entry ${expectedSeq - 1}`);
    }
    if (entry.prevHash !== prevHash) {
      return broken(`entry ${entry.seq} does not follow from the entry before it`);
    }
    if (hashAuditEntry(entry.seq, entry.prevHash, entry) !== entry.hash) {
      return broken(`entry ${entry.seq} has been changed since it was written`);
    }
    prevHash = entry.hash;
    expectedSeq++;
  }
  const lastSeq = expectedSeq - 1;
  if (recordedHead && (recordedHead.seq !== lastSeq || recordedHead.hash !== prevHash)) {
    return {
      intact: false,
      entries: count,
      firstBroken: Math.min(recordedHead.seq, lastSeq + 1),
      reason:
        recordedHead.seq > lastSeq
          ? `${span(lastSeq + 1, recordedHead.seq)} missing from the end: the log stops at entry ${lastSeq} but entry ${recordedHead.seq} was the last written`
          : `the log does not end with the last entry written (entry ${recordedHead.seq})`,
    };
  }
  if (!recordedHead && count > 0) {
    return {
      intact: false,
      entries: count,
      firstBroken: 1,
      reason: 'the record of the last entry written is missing',
    };
  }
  return {
    intact: true,
    entries: count,
    head: count > 0 ? { seq: lastSeq, hash: prevHash } : null,
  };
}

function span(first: number, last: number): string {
  return first === last ? `entry ${first} is` : `entries ${first} to ${last} are`;
}
