import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { afterHours, afterWorkingDays } from './dueTime.ts';
import {
  OutsideCalendar,
  WorkingCalendar,
  type WorkingTimeSettings,
  workingCalendarFor,
} from './workingCalendar.ts';

const england: WorkingTimeSettings = {
  region: 'england-and-wales',
  timeZone: 'Europe/London',
  workingHours: { start: '09:00', end: '17:00' },
};
const calendar = new WorkingCalendar(england);
const at = (local: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime('Europe/London').toInstant();
const london = (instant: Temporal.Instant) =>
  instant
    .toZonedDateTimeISO('Europe/London')
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' });

describe('working days (protocols.md §2 worked examples)', () => {
  test('1 working day from Wednesday 10:00 is Thursday 17:00', () => {
    const due = afterWorkingDays(calendar, at('2026-11-25T10:00'), 1);
    assert.equal(london(due.dueAt), '2026-11-26T17:00');
    assert.equal(due.by, '5pm on Thursday 26 November 2026');
  });

  test('1 working day from a Saturday is Monday 17:00', () => {
    assert.equal(
      london(afterWorkingDays(calendar, at('2026-11-28T11:30'), 1).dueAt),
      '2026-11-30T17:00',
    );
  });

  test("the start date is day 0 whatever the time, even after the working day's end", () => {
    assert.equal(
      london(afterWorkingDays(calendar, at('2026-11-25T23:59'), 1).dueAt),
      '2026-11-26T17:00',
    );
    assert.equal(
      london(afterWorkingDays(calendar, at('2026-11-25T00:00'), 1).dueAt),
      '2026-11-26T17:00',
    );
  });

  test('5 working days over Christmas skip the bank holidays and say which', () => {
    const due = afterWorkingDays(calendar, at('2026-12-23T14:00'), 5);
    assert.equal(london(due.dueAt), '2027-01-04T17:00');
    assert.equal(
      `${due.span}: by ${due.by}`,
      "5 working days from Wednesday 23 December 2026 (Christmas Day, Boxing Day substitute and New Year's Day are not working days): by 5pm on Monday 4 January 2027",
    );
  });

  test('5 working days over Easter skip Good Friday and Easter Monday', () => {
    const due = afterWorkingDays(calendar, at('2027-03-24T09:00'), 5);
    assert.equal(london(due.dueAt), '2027-04-02T17:00');
    assert.match(due.span, /\(Good Friday and Easter Monday are not working days\)$/);
  });

  test('a partnership closure day is not a working day and is named', () => {
    const closed = new WorkingCalendar({
      ...england,
      closureDays: [{ date: '2026-12-24', name: 'Partnership closure day' }],
    });
    const due = afterWorkingDays(closed, at('2026-12-23T14:00'), 1);
    assert.equal(london(due.dueAt), '2026-12-29T17:00');
    assert.match(
      due.span,
      /\(Partnership closure day, Christmas Day and Boxing Day substitute are not working days\)/,
    );
  });

  test("working days end at the partnership's own working-day end", () => {
    const early = new WorkingCalendar({
      ...england,
      workingHours: { start: '08:30', end: '16:30' },
    });
    assert.equal(
      london(afterWorkingDays(early, at('2026-11-25T10:00'), 2).dueAt),
      '2026-11-27T16:30',
    );
  });

  test('the due instant is 5pm London time in summer as in winter', () => {
    assert.equal(
      afterWorkingDays(calendar, at('2027-07-05T10:00'), 1).dueAt.toString(),
      '2027-07-06T16:00:00Z',
    );
    assert.equal(
      afterWorkingDays(calendar, at('2027-01-05T10:00'), 1).dueAt.toString(),
      '2027-01-06T17:00:00Z',
    );
  });

  test('Scotland and Northern Ireland count their own bank holidays', () => {
    const scotland = new WorkingCalendar({ ...england, region: 'scotland' });
    const northernIreland = new WorkingCalendar({ ...england, region: 'northern-ireland' });
    // 30 November 2026 is St Andrew's Day; 13 July 2026 the Battle of the Boyne substitute.
    assert.equal(
      london(afterWorkingDays(scotland, at('2026-11-27T10:00'), 1).dueAt),
      '2026-12-01T17:00',
    );
    assert.equal(
      london(afterWorkingDays(calendar, at('2026-11-27T10:00'), 1).dueAt),
      '2026-11-30T17:00',
    );
    assert.equal(
      london(afterWorkingDays(northernIreland, at('2026-07-10T10:00'), 1).dueAt),
      '2026-07-14T17:00',
    );
  });

  test('dates beyond the calendar are refused rather than guessed', () => {
    assert.throws(() => afterWorkingDays(calendar, at('2014-12-31T10:00'), 1), OutsideCalendar);
    assert.throws(() => afterWorkingDays(calendar, at('2041-12-31T10:00'), 1), OutsideCalendar);
  });
});

describe('working time beyond the defaults', () => {
  test('a partnership working Saturdays does not work on Christmas Day when it is a Saturday', () => {
    const saturdays = new WorkingCalendar({ ...england, workingWeekdays: [1, 2, 3, 4, 5, 6] });
    // Friday 24 December 2027: Saturday 25 is Christmas Day, Monday 27 and Tuesday 28 the substitutes.
    const due = afterWorkingDays(saturdays, at('2027-12-24T10:00'), 2);
    assert.equal(london(due.dueAt), '2027-12-30T17:00');
    assert.match(
      due.span,
      /\(Christmas Day, Christmas Day substitute and Boxing Day substitute are not working days\)/,
    );
  });

  test('a start on a bank holiday or a Sunday counts from that date as day 0', () => {
    assert.equal(
      london(afterWorkingDays(calendar, at('2026-12-25T12:00'), 1).dueAt),
      '2026-12-29T17:00',
    );
    assert.equal(
      london(afterWorkingDays(calendar, at('2026-11-29T12:00'), 1).dueAt),
      '2026-11-30T17:00',
    );
  });

  test('working days end at the working-day end of another time zone', () => {
    const paris = new WorkingCalendar({ ...england, timeZone: 'Europe/Paris' });
    const due = afterWorkingDays(paris, Temporal.Instant.from('2026-11-25T22:30:00Z'), 1);
    // 23:30 in Paris on Wednesday: day 0 is Wednesday there, so Thursday 17:00 Paris time.
    assert.equal(due.dueAt.toString(), '2026-11-26T16:00:00Z');
  });

  test('a due date past the end of 2041 is refused', () => {
    assert.throws(() => afterWorkingDays(calendar, at('2041-12-29T10:00'), 5), OutsideCalendar);
  });

  test('a shared calendar keeps its own copy of the settings it was made from', () => {
    const settings = { ...england, closureDays: [{ date: '2026-12-24', name: 'Closure day' }] };
    const shared = workingCalendarFor(settings);
    settings.closureDays.push({ date: '2026-12-29', name: 'Added later' });
    assert.equal(shared.settings.closureDays?.length, 1);
    assert.equal(
      workingCalendarFor({
        ...england,
        closureDays: [{ date: '2026-12-24', name: 'Closure day' }],
      }),
      shared,
    );
  });
});

describe('hours', () => {
  test('24 hours is exact elapsed time, even when the clocks go forward', () => {
    const due = afterHours(at('2027-03-27T15:15'), 24, 'Europe/London');
    assert.equal(london(due.dueAt), '2027-03-28T16:15');
    assert.equal(
      `${due.span}: by ${due.by}`,
      '24 hours from 3:15pm on Saturday 27 March 2027 (the clocks change in between): by 4:15pm on Sunday 28 March 2027',
    );
  });

  test('72 hours across the clocks going back lands an hour earlier on the clock', () => {
    assert.equal(
      london(afterHours(at('2026-10-23T10:00'), 72, 'Europe/London').dueAt),
      '2026-10-26T09:00',
    );
  });

  test('a span over both changes of the clocks says they change', () => {
    assert.match(
      afterHours(at('2027-03-20T12:00'), 24 * 220, 'Europe/London').span,
      /\(the clocks change in between\)/,
    );
    assert.doesNotMatch(afterHours(at('2027-04-20T12:00'), 24, 'Europe/London').span, /clocks/);
  });

  test('hours ignore weekends and bank holidays', () => {
    assert.equal(
      london(afterHours(at('2026-12-24T12:00'), 24, 'Europe/London').dueAt),
      '2026-12-25T12:00',
    );
  });
});

describe('working time', () => {
  test('is inside working hours on a working day only', () => {
    assert.equal(calendar.isWorkingTime(at('2026-11-25T09:00')), true);
    assert.equal(calendar.isWorkingTime(at('2026-11-25T16:59')), true);
    assert.equal(calendar.isWorkingTime(at('2026-11-25T17:00')), false);
    assert.equal(calendar.isWorkingTime(at('2026-11-25T08:59')), false);
    assert.equal(calendar.isWorkingTime(at('2026-11-28T12:00')), false);
    assert.equal(calendar.isWorkingTime(at('2026-12-25T12:00')), false);
  });
});

describe('counting working days between two dates', () => {
  const day = (iso: string) => Temporal.PlainDate.from(iso);
  test('counts the working days after the first date up to and including the second', () => {
    assert.equal(calendar.workingDaysBetween(day('2026-11-23'), day('2026-11-23')), 0);
    assert.equal(calendar.workingDaysBetween(day('2026-11-23'), day('2026-11-24')), 1);
    assert.equal(calendar.workingDaysBetween(day('2026-11-27'), day('2026-11-30')), 1, 'Fri → Mon');
    assert.equal(calendar.workingDaysBetween(day('2026-11-30'), day('2026-11-27')), 0);
    // 24 Dec 2026 (Thu) to 4 Jan 2027 (Mon): Christmas, Boxing Day (Monday 28th) and New Year's Day are not worked.
    assert.equal(calendar.workingDaysBetween(day('2026-12-24'), day('2027-01-04')), 4);
  });

  test('agrees with stepping day by day over a year of random spans', () => {
    let from = day('2026-01-01');
    for (let i = 0; i < 200; i++) {
      const to = from.add({ days: (i * 7) % 45 });
      let stepped = 0;
      for (
        let d = from.add({ days: 1 });
        Temporal.PlainDate.compare(d, to) <= 0;
        d = d.add({ days: 1 })
      ) {
        if (calendar.isWorkingDay(d)) stepped++;
      }
      assert.equal(calendar.workingDaysBetween(from, to), stepped, `${from} → ${to}`);
      from = from.add({ days: 3 });
    }
  });
});
