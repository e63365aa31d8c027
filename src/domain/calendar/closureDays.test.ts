import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closureDateProblem } from './closureDays.ts';

const today = Temporal.PlainDate.from('2026-12-06');
const problem = (date: string) => closureDateProblem(Temporal.PlainDate.from(date), today);
const range = 'The date must be between 6 December 2025 and 31 December 2041';

test('a closure day may be from a year ago to the end of the calendar data, both ends included', () => {
  assert.equal(problem('2025-12-06'), null);
  assert.equal(problem('2026-12-24'), null);
  assert.equal(problem('2041-12-31'), null);
});

test('a date outside that range is refused, naming the range', () => {
  assert.equal(problem('2025-12-05'), range);
  assert.equal(problem('2042-01-01'), range);
  assert.equal(problem('1999-01-01'), range);
});

test('a year before 29 February is 28 February of the year before', () => {
  const leap = Temporal.PlainDate.from('2028-02-29');
  assert.equal(closureDateProblem(Temporal.PlainDate.from('2027-02-28'), leap), null);
  assert.match(
    closureDateProblem(Temporal.PlainDate.from('2027-02-27'), leap) ?? '',
    /between 28 February 2027 and/,
  );
});
