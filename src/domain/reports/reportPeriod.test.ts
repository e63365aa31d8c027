import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { bucketsOf, defaultPeriod, monthsOf } from './reportPeriod.ts';

const date = (iso: string) => Temporal.PlainDate.from(iso);

describe('a report period as month and day sums', () => {
  test('whole months are read as months; a short part month as its days', () => {
    const buckets = bucketsOf({ from: date('2026-01-30'), to: date('2026-03-31') });
    assert.deepEqual(
      buckets.map((b) => `${b.sign > 0 ? '+' : '-'}${b.period}`),
      ['+2026-01-30', '+2026-01-31', '+2026-02', '+2026-03'],
    );
  });

  test('most of a month is the month less the days left out', () => {
    const buckets = bucketsOf({ from: date('2025-12-06'), to: date('2025-12-31') });
    assert.deepEqual(
      buckets.map((b) => `${b.sign > 0 ? '+' : '-'}${b.period}`),
      ['+2025-12', '-2025-12-01', '-2025-12-02', '-2025-12-03', '-2025-12-04', '-2025-12-05'],
    );
  });

  test('the signed buckets count each day of the period once and no day outside it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 800 }),
        (offset, length) => {
          const from = date('2019-01-01').add({ days: offset });
          const to = from.add({ days: length });
          const counted = new Map<string, number>();
          for (const bucket of bucketsOf({ from, to })) {
            const days =
              bucket.grain === 'd'
                ? [date(bucket.period)]
                : Array.from(
                    { length: Temporal.PlainYearMonth.from(bucket.period).daysInMonth },
                    (_, i) =>
                      Temporal.PlainYearMonth.from(bucket.period).toPlainDate({ day: i + 1 }),
                  );
            for (const day of days) {
              assert.equal(bucket.month, day.toPlainYearMonth().toString());
              counted.set(day.toString(), (counted.get(day.toString()) ?? 0) + bucket.sign);
            }
          }
          for (const [day, count] of counted) {
            const inside =
              Temporal.PlainDate.compare(date(day), from) >= 0 &&
              Temporal.PlainDate.compare(date(day), to) <= 0;
            assert.equal(count, inside ? 1 : 0, day);
          }
          assert.equal([...counted.values()].filter((c) => c === 1).length, length + 1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('by default the period is the twelve months to today, from the same date a year ago', () => {
    const period = defaultPeriod(date('2026-12-06'));
    assert.equal(period.from.toString(), '2025-12-06');
    assert.equal(period.to.toString(), '2026-12-06');
    assert.equal(monthsOf(period).length, 13);
    assert.equal(monthsOf(period)[0], '2025-12');
  });
});
