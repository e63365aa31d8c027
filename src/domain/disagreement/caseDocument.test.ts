import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aDomainCase, aDomainCast } from '../../../test/domainCases.ts';
import { london } from '../../../test/londonTime.ts';
import { CASE_DOCUMENT_VERSION, isLessonId, readCaseDocument } from './caseDocument.ts';

/** A case as Accord stored it before documents carried a version (version 1). */
function asVersionOne() {
  const { disagreement } = aDomainCase(aDomainCast(), { raisedAt: london('2026-11-23T14:00') });
  const { documentVersion: _version, meetings: _meetings, ...stored } = disagreement;
  return {
    ...stored,
    stages: stored.stages.map(({ dueReasons: _reasons, ...stage }) => stage),
    actions: [
      {
        id: 'a1',
        description: 'Call the family',
        ownerId: stored.raisedBy,
        dueAt: '2026-11-27T17:00:00.000Z',
        completedAt: null,
        createdBy: stored.raisedBy,
        proposalId: null,
      },
    ],
  };
}

describe('the stored case document', () => {
  test('a version 1 document is upgraded as it is read, its unknown due reasons left unknown', () => {
    const stored = asVersionOne();
    const read = readCaseDocument(JSON.parse(JSON.stringify(stored)));
    assert.equal(read.documentVersion, CASE_DOCUMENT_VERSION);
    assert.deepEqual(read.meetings, []);
    assert.equal(read.actions[0]?.createdAt, stored.createdAt, 'agreed when the case was made');
    assert.equal(read.stages[0]?.dueReasons, null);
    assert.equal(read.stages[0]?.dueAt, stored.stages[0]?.dueAt);
    assert.equal(read.reference, stored.reference);
  });

  test('a version 2 document’s lessons get their themes, an id that stays and who gave them', () => {
    const { disagreement } = aDomainCase(aDomainCast(), { raisedAt: london('2026-11-23T14:00') });
    const {
      partnershipTold: _told,
      acknowledged: _acknowledged,
      ...stored
    } = {
      ...disagreement,
      documentVersion: 2,
      status: 'closed' as const,
      closedAt: '2026-11-27T10:00:00.000Z',
      history: [
        ...disagreement.history,
        {
          at: '2026-11-27T10:00:00.000Z',
          kind: 'closed' as const,
          personId: 'closer',
          text: 'Closed',
        },
      ],
      lessons: [{ theme: 'training', text: 'Threshold training' }],
    };
    const first = readCaseDocument(JSON.parse(JSON.stringify(stored)));
    const again = readCaseDocument(JSON.parse(JSON.stringify(stored)));
    assert.deepEqual(first.lessons, [
      {
        id: `${disagreement.id}-lesson-1`,
        themes: ['training'],
        text: 'Threshold training',
        source: 'closed',
        recordedAt: '2026-11-27T10:00:00.000Z',
        recordedBy: 'closer',
      },
    ]);
    assert.deepEqual(again.lessons, first.lessons, 'read twice, the same lesson');
    assert.ok(isLessonId(first.lessons[0]?.id ?? ''), 'an address can name it');
    assert.ok(isLessonId('0b8f3c9e-2d4a-4f6b-9c1e-7a5d3b2f1e0c'));
    assert.ok(!isLessonId('../other') && !isLessonId(`${disagreement.id}-lesson-x`));
    assert.equal(first.partnershipTold, null);
    assert.equal(first.acknowledged, null);
  });

  test('a document of today’s version reads as it was written, less what is not of its shape', () => {
    const { disagreement } = aDomainCase(aDomainCast(), { raisedAt: london('2026-11-23T14:00') });
    const stored = JSON.parse(JSON.stringify({ ...disagreement, leftover: 'x' }));
    assert.deepEqual(readCaseDocument(stored), disagreement);
  });

  test('a document that does not read is a fault, named by the fields that are wrong', () => {
    const { disagreement } = aDomainCase(aDomainCast(), { raisedAt: london('2026-11-23T14:00') });
    assert.throws(
      () => readCaseDocument({ ...disagreement, status: 'lost', stages: 'none' }),
      /does not read \(status, stages\)/,
    );
    assert.throws(() => readCaseDocument({ documentVersion: 99 }), /does not read/);
  });
});
