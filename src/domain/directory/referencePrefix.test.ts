import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  caseReference,
  REFERENCE_PREFIX_PATTERN,
  suggestedReferencePrefix,
  uniqueReferencePrefix,
} from './referencePrefix.ts';

describe('case reference prefixes', () => {
  test('a partnership’s name suggests the initials of its telling words', () => {
    assert.equal(suggestedReferencePrefix('Pan-Lancashire Safeguarding Partnership (demo)'), 'PL');
    assert.equal(suggestedReferencePrefix('East Riding Safeguarding Children Partnership'), 'ER');
    assert.equal(suggestedReferencePrefix('Humber Safeguarding Children Partnership'), 'HUM');
    assert.equal(suggestedReferencePrefix('Lincolnshire LSCB'), 'LIN');
    assert.equal(suggestedReferencePrefix('Safeguarding Children Partnership'), 'SCP');
    assert.equal(suggestedReferencePrefix('Ynys Môn and Gwynedd'), 'YMG');
    for (const name of ['Pan-Lancashire', 'A', 'Ynys Môn', 'Test partnership 1234-5']) {
      assert.match(uniqueReferencePrefix(name, new Set()), REFERENCE_PREFIX_PATTERN, name);
    }
  });

  test('a prefix another partnership has gets the lowest free number after it', () => {
    assert.equal(uniqueReferencePrefix('East Riding', new Set(['ER'])), 'ER2');
    assert.equal(uniqueReferencePrefix('East Riding', new Set(['ER', 'ER2'])), 'ER3');
  });

  test('a reference is the prefix, the year and the number that year in four figures', () => {
    assert.equal(caseReference('PL', 2026, 7), 'PL-2026-0007');
    assert.equal(caseReference('HUM', 2027, 12345), 'HUM-2027-12345');
  });
});
