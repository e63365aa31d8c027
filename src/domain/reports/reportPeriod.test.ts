import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type Bucket, bucketsByMonth, bucketsOf, defaultPeriod, monthsOf } from './reportPeriod.ts';

const date = (iso: string) => Temporal.PlainDate.from(iso);
const shown = (buckets: Bucket[]) => buckets.map((b) => `${b.sign > 0 ? '+' : '-'}${b.period}`);

/** Every day a bucket stands for. */
function daysOf(bucket: Bucket): Temporal.PlainDate[] {
  const start =
    bucket.grain === 'd'
      ? date(bucket.period)
      : bucket.grain === 'm'
        ? date(`${bucket.period}-01`)
        : date(`${bucket.period}-01-01`);
  const end =
    bucket.grain === 'd'
      ? start
      : bucket.grain === 'm'
        ? start.add({ months: 1 })
        : start.add({ years: 1 });
  const days = [];
  for (
    let day = start;
    Temporal.PlainDate.compare(day, end) < 0 || bucket.grain === 'd';
    day = day.add({ days: 1 })
  ) {
    days.push(day);
    if (bucket.grain === 'd') break;
  }
  return days;
}

function countEachDay(buckets: Bucket[]): Map<string, number> {
  const counted = new Map<string, number>();
  for (const bucket of buckets) {
    for (const day of daysOf(bucket))
      counted.set(day.toString(), (counted.get(day.toString()) ?? 0) + bucket.sign);
  }
  return counted;
}

describe('a report period as year, month and day sums', () => {
  test('whole months and years are read as such; a short part as its days', () => {
    assert.deepEqual(shown(bucketsOf({ from: date('2026-01-30'), to: date('2026-03-31') })), [
      '+2026-01-30',
      '+2026-01-31',
      '+2026-02',
      '+2026-03',
    ]);
    assert.deepEqual(shown(bucketsOf({ from: date('2024-01-01'), to: date('2025-12-31') })), [
      '+2024',
      '+2025',
    ]);
  });

  test('most of a year or a month is the whole less what is left out', () => {
    assert.deepEqual(shown(bucketsOf(defaultPeriod(date('2026-11-24')))), [
      '+2025-11-24',
      '+2025-11-25',
      '+2025-11-26',
      '+2025-11-27',
      '+2025-11-28',
      '+2025-11-29',
      '+2025-11-30',
      '+2025-12',
      '+2026',
      '-2026-11-25',
      '-2026-11-26',
      '-2026-11-27',
      '-2026-11-28',
      '-2026-11-29',
      '-2026-11-30',
      '-2026-12',
    ]);
  });

  test('the signed buckets count each day of the period once and no day outside it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 1200 }),
        (offset, length) => {
          const from = date('2019-01-01').add({ days: offset });
          const to = from.add({ days: length });
          const counted = countEachDay(bucketsOf({ from, to }));
          for (const [day, count] of counted) {
            const inside =
              Temporal.PlainDate.compare(date(day), from) >= 0 &&
              Temporal.PlainDate.compare(date(day), to) <= 0;
            assert.equal(count, inside ? 1 : 0, day);
          }
          assert.equal([...counted.values()].filter((c) => c === 1).length, length + 1);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('counts by month: each month’s buckets cover that month’s days of the period and no others', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 800 }),
        (offset, length) => {
          const from = date('2019-01-01').add({ days: offset });
          const to = from.add({ days: length });
          const byMonth = bucketsByMonth({ from, to });
          assert.deepEqual([...byMonth.keys()], monthsOf({ from, to }));
          for (const [month, buckets] of byMonth) {
            assert.ok(buckets.every((b) => b.grain !== 'y'));
            for (const [day, count] of countEachDay(buckets)) {
              const inside =
                day.startsWith(month) &&
                Temporal.PlainDate.compare(date(day), from) >= 0 &&
                Temporal.PlainDate.compare(date(day), to) <= 0;
              assert.equal(count, inside ? 1 : 0, `${month} ${day}`);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  test('by default the period is the twelve months to today, from the same date a year ago', () => {
    const period = defaultPeriod(date('2026-12-06'));
    assert.deepEqual([period.from.toString(), period.to.toString()], ['2025-12-06', '2026-12-06']);
    assert.equal(monthsOf(period).length, 13);
  });
});
