import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { fromEpochDay, toEpochDay, weekdayOfEpochDay } from './epochDay.ts';

const epoch = Temporal.PlainDate.from('1970-01-01');

describe('epoch days', () => {
  test('agree with Temporal for every date from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25567, max: 84006 }), (epochDay) => {
        const date = epoch.add({ days: epochDay });
        assert.equal(toEpochDay(date), epochDay);
        assert.ok(fromEpochDay(epochDay).equals(date));
        assert.equal(weekdayOfEpochDay(epochDay), date.dayOfWeek);
      }),
      { numRuns: 10_000 },
    );
  });

  test('known days', () => {
    assert.equal(toEpochDay({ year: 1970, month: 1, day: 1 }), 0);
    assert.equal(toEpochDay({ year: 2000, month: 3, day: 1 }), 11017);
    assert.equal(weekdayOfEpochDay(0), 4);
  });
});
