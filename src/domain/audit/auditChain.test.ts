import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type AuditEntry,
  type AuditFacts,
  GENESIS_HASH,
  hashAuditEntry,
  verifyAuditChain,
} from './auditChain.ts';

const facts: AuditFacts = {
  at: '2026-11-24T10:00:00.000Z',
  actorId: 'person-1',
  via: 'api',
  action: 'person.viewed',
  recordType: 'person',
  recordId: 'person-2',
  partnershipId: 'partnership-1',
  justification: null,
  requestId: 'request-1',
};

function chainOf(count: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const hash = hashAuditEntry(seq, prevHash, facts);
    entries.push({ ...facts, seq, prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

describe('the audit chain', () => {
  test('an empty log with no recorded end is intact', () => {
    assert.deepEqual(verifyAuditChain([], null), { intact: true, entries: 0, head: null });
  });

  test('a whole chain matching its recorded end is intact', () => {
    const entries = chainOf(3);
    const last = entries[2] as AuditEntry;
    assert.deepEqual(verifyAuditChain(entries, { seq: 3, hash: last.hash }), {
      intact: true,
      entries: 3,
      head: { seq: 3, hash: last.hash },
    });
  });

  test('every fact is covered by the hash', () => {
    const entries = chainOf(2);
    for (const field of [
      'at',
      'actorId',
      'via',
      'action',
      'recordType',
      'recordId',
      'partnershipId',
      'justification',
      'requestId',
    ] as const) {
      const edited = entries.map((entry) =>
        entry.seq === 2 ? { ...entry, [field]: 'changed' } : entry,
      );
      const check = verifyAuditChain(edited, { seq: 2, hash: (entries[1] as AuditEntry).hash });
      assert.equal(check.intact, false, field);
    }
  });

  test('a log whose record of its last entry is missing is not trusted', () => {
    const check = verifyAuditChain(chainOf(2), null);
    assert.equal(check.intact, false);
  });
});
