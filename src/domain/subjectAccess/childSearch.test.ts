import assert from 'node:assert/strict';
import { test } from 'node:test';
import { childSearchWords, isSearchedChild } from './childSearch.ts';

const zoe = {
  firstName: 'Zoë Anne',
  lastName: 'Łucka-Example',
  dateOfBirth: '2019-03-04',
  expectedDueDate: null,
};

test('a child is found whatever the case, accents and spacing of what was typed', () => {
  const search = { givenNames: '  ZOE ', familyName: 'lucka   example', dateOfBirth: null };
  assert.equal(isSearchedChild(zoe, search), true);
  assert.deepEqual(childSearchWords(search), ['zoe', 'lucka', 'example']);
});

test('a middle name typed must be one of the child’s first names', () => {
  assert.equal(
    isSearchedChild(zoe, { givenNames: 'Zoe Anne', familyName: 'Example', dateOfBirth: null }),
    true,
  );
  assert.equal(
    isSearchedChild(zoe, { givenNames: 'Zoe Beth', familyName: 'Example', dateOfBirth: null }),
    false,
  );
});

test('given names are not found among the family names, nor the other way round', () => {
  assert.equal(
    isSearchedChild(zoe, { givenNames: 'Example', familyName: 'Zoe', dateOfBirth: null }),
    false,
  );
});

test('a date of birth given must be the child’s, unless the case records none', () => {
  const named = { givenNames: 'Zoe', familyName: 'Example' };
  assert.equal(isSearchedChild(zoe, { ...named, dateOfBirth: '2019-03-04' }), true);
  assert.equal(isSearchedChild(zoe, { ...named, dateOfBirth: '2019-04-03' }), false);
  assert.equal(
    isSearchedChild({ ...zoe, dateOfBirth: null }, { ...named, dateOfBirth: '2019-04-03' }),
    true,
  );
});

test('a search of no words finds nobody', () => {
  assert.equal(
    isSearchedChild(zoe, { givenNames: ' - ', familyName: 'Example', dateOfBirth: null }),
    false,
  );
});
