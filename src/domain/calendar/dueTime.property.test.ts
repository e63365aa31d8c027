import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { calendarRegions } from './bankHolidays.ts';
import { afterHours, afterWorkingDays } from './dueTime.ts';
import {
  WorkingCalendar,
  type WorkingTimeSettings,
  workingCalendarFor,
} from './workingCalendar.ts';

const RUNS = { numRuns: 10_000 };
const first = Temporal.Instant.from('2015-01-01T00:00:00Z').epochMilliseconds;
const last = Temporal.Instant.from('2040-12-31T23:59:59Z').epochMilliseconds;

const anInstant = fc
  .integer({ min: first, max: last })
  .map((ms) => Temporal.Instant.fromEpochMilliseconds(ms));
const aSpan = fc.integer({ min: 1, max: 15 });
const aRegion = fc.constantFrom(...calendarRegions);
const settingsFor = (region: WorkingTimeSettings['region']): WorkingTimeSettings => ({
  region,
  timeZone: 'Europe/London',
  workingHours: { start: '09:00', end: '17:00' },
});

// Instants within three days of a change of the clocks in London, every year.
const nearAClockChange = fc
  .record({
    year: fc.integer({ min: 2015, max: 2040 }),
    spring: fc.boolean(),
    offsetMinutes: fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }),
  })
  .map(({ year, spring, offsetMinutes }) => {
    const lastSunday = Temporal.PlainDate.from({ year, month: spring ? 3 : 10, day: 31 });
    const change = lastSunday.subtract({ days: lastSunday.dayOfWeek % 7 });
    return Temporal.PlainDateTime.from({ year, month: change.month, day: change.day, hour: 1 })
      .toZonedDateTime('UTC')
      .toInstant()
      .add({ minutes: offsetMinutes });
  });

describe('due-time properties over random instants from 2015 to 2040', () => {
  test('a working-day due is the end of the working day, local time, on a working day after the start', () => {
    fc.assert(
      fc.property(anInstant, aSpan, aRegion, (start, days, region) => {
        const calendar = workingCalendarFor(settingsFor(region));
        const due = afterWorkingDays(calendar, start, days).dueAt.toZonedDateTimeISO(
          'Europe/London',
        );
        assert.ok(due.toPlainTime().equals(calendar.dayEnd));
        assert.ok(calendar.isWorkingDay(due.toPlainDate()));
        assert.ok(Temporal.PlainDate.compare(due.toPlainDate(), calendar.localDate(start)) > 0);
      }),
      RUNS,
    );
  });

  test('N working days leave exactly N working dates in (start date, due date]', () => {
    fc.assert(
      fc.property(anInstant, aSpan, aRegion, (start, days, region) => {
        const calendar = workingCalendarFor(settingsFor(region));
        const startDate = calendar.localDate(start);
        const dueDate = calendar.localDate(afterWorkingDays(calendar, start, days).dueAt);
        let working = 0;
        for (
          let day = startDate.add({ days: 1 });
          Temporal.PlainDate.compare(day, dueDate) <= 0;
          day = day.add({ days: 1 })
        ) {
          if (calendar.isWorkingDay(day)) working++;
        }
        assert.equal(working, days);
        assert.ok(calendar.nthWorkingDayAfterByLoop(startDate, days).equals(dueDate));
      }),
      RUNS,
    );
  });

  test('adding a closure day never makes a due time earlier', () => {
    fc.assert(
      fc.property(
        anInstant,
        aSpan,
        fc.integer({ min: 0, max: 30 }),
        (start, days, closureOffset) => {
          const settings = settingsFor('england-and-wales');
          const open = workingCalendarFor(settings);
          const closureDate = open.localDate(start).add({ days: closureOffset }).toString();
          const closed = new WorkingCalendar({
            ...settings,
            closureDays: [{ date: closureDate, name: 'Closure day' }],
          });
          const before = afterWorkingDays(open, start, days).dueAt;
          const after = afterWorkingDays(closed, start, days).dueAt;
          assert.ok(Temporal.Instant.compare(after, before) >= 0);
        },
      ),
      RUNS,
    );
  });

  test('an hours timescale is exact elapsed time, across both changes of the clocks', () => {
    fc.assert(
      fc.property(
        fc.oneof(nearAClockChange, anInstant),
        fc.integer({ min: 1, max: 240 }),
        (start, hours) => {
          const due = afterHours(start, hours, 'Europe/London').dueAt;
          assert.equal(
            due.epochNanoseconds - start.epochNanoseconds,
            BigInt(hours) * 3_600_000_000_000n,
          );
        },
      ),
      RUNS,
    );
  });
  test('the indexed count agrees with a day-by-day loop on random calendars, weekdays, closures and zones', () => {
    const aCalendar = fc.record({
      region: aRegion,
      timeZone: fc.constantFrom(
        'Europe/London',
        'Europe/Paris',
        'America/New_York',
        'Asia/Kolkata',
        'UTC',
      ),
      workingWeekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), {
        minLength: 1,
        maxLength: 7,
      }),
      closureOffsets: fc.uniqueArray(fc.integer({ min: -10, max: 40 }), { maxLength: 6 }),
    });
    fc.assert(
      // From 2 January 2015, so that no zone's local date falls before the calendar begins.
      fc.property(
        anInstant.filter((instant) => instant.epochMilliseconds >= first + 86_400_000),
        aSpan,
        aCalendar,
        (start, days, chosen) => {
          const startDate = start.toZonedDateTimeISO(chosen.timeZone).toPlainDate();
          const calendar = new WorkingCalendar({
            region: chosen.region,
            timeZone: chosen.timeZone,
            workingHours: { start: '09:00', end: '17:00' },
            workingWeekdays: chosen.workingWeekdays,
            closureDays: chosen.closureOffsets.map((offset) => ({
              date: startDate.add({ days: offset }).toString(),
              name: 'Closure day',
            })),
          });
          assert.ok(
            calendar
              .nthWorkingDayAfter(startDate, days)
              .equals(calendar.nthWorkingDayAfterByLoop(startDate, days)),
          );
        },
      ),
      RUNS,
    );
  });
});
