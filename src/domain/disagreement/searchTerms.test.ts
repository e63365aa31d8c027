import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aDomainCase, aDomainCast } from '../../../test/domainCases.ts';
import { london } from '../../../test/londonTime.ts';
import { asReference, foldedWords, searchTerms } from './searchTerms.ts';

describe('finding a case by a child’s name or its reference', () => {
  test('names are folded so case and accents do not matter', () => {
    assert.deepEqual(foldedWords('Łucja Nowak-Żak'), ['lucja', 'nowak', 'zak']);
    assert.deepEqual(foldedWords('Zoë  O’Brien'), ['zoe', 'o', 'brien']);
    assert.deepEqual(foldedWords('Ayşe Yılmaz'), ['ayse', 'yilmaz']);
    assert.deepEqual(foldedWords('Nguyễn Thị Hương'), ['nguyen', 'thi', 'huong']);
  });

  test('a case is found by each of its children’s names, once each', () => {
    const { disagreement } = aDomainCase(aDomainCast(), { raisedAt: london('2026-11-23T14:00') });
    const children = ['Amira', 'Bilal'].map((firstName) => ({
      firstName,
      lastName: 'Khan',
      dateOfBirth: null,
      expectedDueDate: null,
    }));
    assert.deepEqual(searchTerms({ ...disagreement, children }), ['amira', 'khan', 'bilal']);
  });

  test('a reference is recognised whatever its case, and nothing else is', () => {
    assert.equal(asReference(' pl-2026-0007 '), 'PL-2026-0007');
    assert.equal(asReference('ER2-2027-12345'), 'ER2-2027-12345');
    assert.equal(asReference('Amira Khan'), null);
    assert.equal(asReference('2026-0007'), null);
  });
});
