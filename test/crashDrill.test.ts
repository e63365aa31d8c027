import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Acknowledged, crashDrill, missingFrom, type Stored } from '../bench/crashDrill.ts';
import { databaseKindsToTest } from './testDatabase.ts';

// The crash drill of `npm run bench -- --crash-drill`, smaller: kill -9 while audited case reads
// and writes are in flight, restart, and nothing that was acknowledged is lost. It guards every
// change to how reads and writes reach the disk (a batch of audit entries must be durable
// before any response it holds is sent). Both databases at once: most of the time is start-up.
// 20 connections: more would have PostgreSQL's pool (10) time requests out under a loaded machine.
describe('the crash drill', { concurrency: true }, () => {
  for (const { kind, skip } of databaseKindsToTest()) {
    test(`kill -9 under load loses nothing acknowledged [${kind}]`, { skip }, async () => {
      const result = await crashDrill({ kind, requests: 120, killAfter: 40, connections: 20 });

      assert.ok(
        result.acknowledged.reads > 0 && result.acknowledged.writes > 0,
        'both acknowledged',
      );
      assert.ok(
        result.killedAt.unanswered.reads > 0 && result.killedAt.unanswered.writes > 0,
        `reads and writes were in flight at the kill: ${JSON.stringify(result.killedAt)}`,
      );
      assert.deepEqual(result.refused, { count: 0, byStatus: {} });
      assert.equal(result.checked, result.acknowledged.reads + result.acknowledged.writes);
      assert.deepEqual(result.missing, []);
      assert.match(result.integrity, /^ok/);
      assert.equal(result.auditVerify.exitCode, 0, result.auditVerify.output);
      assert.match(result.auditVerify.output, /^The audit log is intact/);
    });
  }
});

test('the drill names each acknowledged write and audit entry it cannot find', () => {
  const acknowledged: Acknowledged[] = [
    { kind: 'read', requestId: 'r1', caseId: 'c1' },
    { kind: 'raise', requestId: 'r2', caseId: 'c2', version: 1 },
    { kind: 'record', requestId: 'r3', caseId: 'c1', version: 2, recordId: 'n1' },
  ];
  const stored = (changes: Partial<Stored>): Stored => ({
    integrity: 'ok',
    cases: new Map([
      ['c1', { version: 2, recordIds: new Set(['n1']) }],
      ['c2', { version: 1, recordIds: new Set() }],
    ]),
    audited: new Map([
      ['r1', [{ action: 'disagreement.viewed', recordId: 'c1' }]],
      ['r2', [{ action: 'disagreement.raised', recordId: 'c2' }]],
      ['r3', [{ action: 'disagreement.discussion-recorded', recordId: 'c1' }]],
    ]),
    ...changes,
  });
  assert.deepEqual(missingFrom(stored({}), acknowledged), []);
  assert.deepEqual(
    missingFrom(
      stored({
        cases: new Map([['c1', { version: 1, recordIds: new Set() }]]),
        audited: new Map([['r1', [{ action: 'disagreement.listed', recordId: 'c1' }]]]),
      }),
      acknowledged,
    ),
    [
      'the disagreement.viewed entry of request r1 (case c1)',
      'the disagreement.raised entry of request r2 (case c2)',
      'case c2, acknowledged by raise r2',
      'the disagreement.discussion-recorded entry of request r3 (case c1)',
      'case c1 at version 2 (stored: 1)',
    ],
  );
  assert.deepEqual(
    missingFrom(
      stored({ cases: new Map([['c1', { version: 3, recordIds: new Set() }]]) }),
      acknowledged.slice(2),
    ),
    ['record n1 of case c1'],
  );
});
