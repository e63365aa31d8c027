import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { z } from 'zod';
import { aDomainCase, aDomainCast } from '../../../test/domainCases.ts';
import { london } from '../../../test/londonTime.ts';
import { caseDocument, readCaseDocument } from '../disagreement/caseDocument.ts';
import { caseDocumentRetention, purgedCase } from './caseDocumentRetention.ts';

/** Every field's path in the schema, down to the fields that hold no others. */
function fieldPaths(schema: z.ZodType, path: string): string[] {
  if (path !== '' && path in caseDocumentRetention) return [path];
  const def = (schema as unknown as { def: { type: string } }).def;
  switch (def.type) {
    case 'nullable':
    case 'optional':
    case 'default':
      return fieldPaths((schema as unknown as { unwrap(): z.ZodType }).unwrap(), path);
    case 'object':
      return Object.entries((schema as z.ZodObject).shape).flatMap(([key, field]) =>
        fieldPaths(field as z.ZodType, path === '' ? key : `${path}.${key}`),
      );
    case 'array':
      return fieldPaths((schema as z.ZodArray<z.ZodType>).element, `${path}[]`);
    default:
      return [path];
  }
}

describe('what a case keeps after its retention period', () => {
  test('every field of the case document is kept or purged', () => {
    const unnamed = fieldPaths(caseDocument, '').filter((path) => !(path in caseDocumentRetention));
    assert.deepEqual(
      unnamed,
      [],
      `Say whether each of these fields of the case document is 'kept' or 'purged' when a case's retention period runs out, in caseDocumentRetention (src/domain/retention/caseDocumentRetention.ts): ${unnamed.join(', ')}`,
    );
  });

  test('nothing is named that the case document does not have', () => {
    const paths = new Set(fieldPaths(caseDocument, ''));
    assert.deepEqual(
      Object.keys(caseDocumentRetention).filter((path) => !paths.has(path)),
      [],
    );
  });

  test('a purged case keeps its shape, its ids, times and outcomes, and none of its words', () => {
    const { disagreement } = aDomainCase(aDomainCast(), { raisedAt: london('2026-11-23T14:00') });
    const words = 'Zebedee';
    // Read as a stored document is, so that fields with defaults are filled in.
    const full = readCaseDocument({
      ...disagreement,
      children: [
        { firstName: words, lastName: 'Example', dateOfBirth: null, expectedDueDate: null },
      ],
      summary: words,
      evidence: words,
      family: { parents: [words], address: words },
      agenciesInvolved: words,
      stages: disagreement.stages.map((stage) => ({
        ...stage,
        reason: words,
        writtenAccount: words,
      })),
      records: [
        {
          id: 'r1',
          stageKey: 'stage-1',
          occurredAt: disagreement.raisedAt,
          mode: 'phone' as const,
          participants: [words],
          summary: words,
          recordedBy: 'p1',
          recordedAt: disagreement.raisedAt,
        },
      ],
      meetings: [
        {
          id: 'm1',
          stageKey: 'stage-1',
          stageIndex: 0,
          chairId: 'p1',
          startsAt: disagreement.raisedAt,
          endsAt: disagreement.raisedAt,
          place: words,
          attendeeIds: ['p2'],
          arrangedBy: 'p1',
          arrangedAt: disagreement.raisedAt,
          minutes: words,
          minutesBy: 'p1',
          minutesAt: disagreement.raisedAt,
        },
      ],
      childDeadline: {
        dueAt: disagreement.raisedAt,
        reason: words,
        setBy: 'p1',
        setAt: disagreement.raisedAt,
      },
      withdrawnReason: words,
      partnershipTold: { at: disagreement.raisedAt, by: 'p1', reason: words },
      history: disagreement.history.map((entry) => ({ ...entry, text: words })),
    });
    const purged = purgedCase(full, '2033-01-01T00:00:00.000Z');
    assert.ok(!JSON.stringify(purged).includes(words));
    assert.deepEqual(
      readCaseDocument(JSON.parse(JSON.stringify(purged))),
      purged,
      'it still reads',
    );
    assert.equal(purged.purgedAt, '2033-01-01T00:00:00.000Z');
    assert.equal(purged.version, full.version + 1);
    assert.deepEqual(purged.children, []);
    assert.equal(purged.meetings[0]?.place, '');
    assert.deepEqual(purged.meetings[0]?.attendeeIds, ['p2']);
    assert.deepEqual(
      purged.stages.map((stage) => [stage.key, stage.startedAt, stage.dueAt, stage.outcome]),
      full.stages.map((stage) => [stage.key, stage.startedAt, stage.dueAt, stage.outcome]),
    );
    assert.equal(purged.reference, full.reference);
    assert.equal(purgedCase({ ...full, evidence: null }, full.updatedAt).evidence, null);
  });
});
