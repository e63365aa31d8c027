import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageInYears, childInBrief, initialsOf } from './childInBrief.ts';

const today = Temporal.PlainDate.from('2026-12-06');
const child = (given: { dateOfBirth?: string; expectedDueDate?: string } = {}) => ({
  firstName: 'Robin',
  lastName: 'Example',
  dateOfBirth: given.dateOfBirth ?? null,
  expectedDueDate: given.expectedDueDate ?? null,
});

test("a child's initials, never their name", () => {
  assert.equal(initialsOf({ firstName: 'robin', lastName: "o'Example" }), 'RO');
  assert.equal(initialsOf({ firstName: 'Émile', lastName: 'Ñandú' }), 'ÉÑ');
  assert.equal(initialsOf({ firstName: ' ', lastName: 'Example' }), 'E');
  assert.doesNotMatch(childInBrief(child({ dateOfBirth: '2019-03-01' }), today), /Robin|Example/);
});

test('age in whole years on the day, a birthday counted on the day itself', () => {
  assert.equal(ageInYears(Temporal.PlainDate.from('2019-12-06'), today), 7);
  assert.equal(ageInYears(Temporal.PlainDate.from('2019-12-07'), today), 6);
  assert.equal(childInBrief(child({ dateOfBirth: '2019-12-06' }), today), 'RE, 7 years old');
  assert.equal(childInBrief(child({ dateOfBirth: '2025-12-06' }), today), 'RE, 1 year old');
  assert.equal(childInBrief(child({ dateOfBirth: '2026-06-01' }), today), 'RE, under 1 year old');
});

test('an unborn child by their due date, a child of no known date by initials alone', () => {
  assert.equal(
    childInBrief(child({ expectedDueDate: '2027-03-04' }), today),
    'RE, unborn, due 4 March 2027',
  );
  assert.equal(childInBrief(child(), today), 'RE');
});
