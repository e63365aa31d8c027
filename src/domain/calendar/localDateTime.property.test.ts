import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { chosenInstant, readLocalTime, whichOf } from './localDateTime.ts';

// Every local minute of 2025 to 2030 in Europe/London against the UK's rule, worked out here
// without the time zone database: British Summer Time runs from 1am GMT on the last Sunday of
// March to 1am GMT on the last Sunday of October. So on the spring day the hour from 1am does
// not exist, and on the autumn day the hour from 1am happens twice (BST, then GMT).

const RUNS = { numRuns: 10_000 };

function lastSunday(year: number, month: number): Temporal.PlainDate {
  const last = Temporal.PlainDate.from({ year, month, day: 1 })
    .add({ months: 1 })
    .subtract({ days: 1 });
  return last.subtract({ days: last.dayOfWeek % 7 });
}

const aLocalMinute = fc
  .record({
    year: fc.integer({ min: 2025, max: 2030 }),
    // Half the cases on a day the clocks change, the rest anywhere in the year.
    day: fc.oneof(fc.constantFrom('spring', 'autumn'), fc.integer({ min: 0, max: 364 })),
    minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  })
  .map(({ year, day, minute }) => {
    const date =
      day === 'spring'
        ? lastSunday(year, 3)
        : day === 'autumn'
          ? lastSunday(year, 10)
          : Temporal.PlainDate.from({ year, month: 1, day: 1 }).add({ days: day });
    return { date, time: new Temporal.PlainTime(Math.floor(minute / 60), minute % 60) };
  });

const utcOf = (date: Temporal.PlainDate, time: Temporal.PlainTime, hoursAhead: number) =>
  Temporal.Instant.from(`${date.toString()}T${time.toString()}Z`).subtract({ hours: hoursAhead });

test('a typed local time in London names one instant, none (the clocks go forward) or two (they go back), as the UK rule says', () => {
  fc.assert(
    fc.property(aLocalMinute, ({ date, time }) => {
      const reading = readLocalTime(date, time, 'Europe/London');
      const spring = lastSunday(date.year, 3);
      const autumn = lastSunday(date.year, 10);
      if (date.equals(spring) && time.hour === 1) {
        assert.equal(reading.kind, 'skipped');
        assert.match(
          reading.kind === 'skipped' ? reading.message : '',
          /the clocks go forward an hour at 1am\. Enter a time before 1am or from 2am$/,
        );
        assert.equal(chosenInstant(reading, 'first'), undefined, 'never shifted silently');
        return;
      }
      if (date.equals(autumn) && time.hour === 1) {
        assert.equal(reading.kind, 'twice');
        if (reading.kind !== 'twice') return;
        assert.equal(reading.choices.first.instant.toString(), utcOf(date, time, 1).toString());
        assert.equal(reading.choices.second.instant.toString(), utcOf(date, time, 0).toString());
        assert.match(reading.choices.first.text, / BST \(the first\)$/);
        assert.match(reading.choices.second.text, / GMT \(the second\)$/);
        assert.equal(chosenInstant(reading, undefined), undefined, 'asked, not guessed');
        assert.equal(whichOf(reading.choices.second.instant, 'Europe/London'), 'second');
        return;
      }
      const summer =
        (Temporal.PlainDate.compare(date, spring) > 0 || (date.equals(spring) && time.hour >= 2)) &&
        (Temporal.PlainDate.compare(date, autumn) < 0 || (date.equals(autumn) && time.hour < 1));
      assert.equal(reading.kind, 'one');
      assert.equal(
        chosenInstant(reading, undefined)?.toString(),
        utcOf(date, time, summer ? 1 : 0).toString(),
      );
      assert.equal(whichOf(utcOf(date, time, summer ? 1 : 0), 'Europe/London'), undefined);
    }),
    RUNS,
  );
});
