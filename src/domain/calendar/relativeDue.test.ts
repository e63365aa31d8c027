import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { relativeDue } from './relativeDue.ts';
import { WorkingCalendar, type WorkingTimeSettings } from './workingCalendar.ts';

const england: WorkingTimeSettings = {
  region: 'england-and-wales',
  timeZone: 'Europe/London',
  workingHours: { start: '09:00', end: '17:00' },
};
const calendar = new WorkingCalendar(england);
const at = (local: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime('Europe/London').toInstant();
const words = (due: string, now: string, on = calendar) => relativeDue(on, at(due), at(now)).words;

describe('a due time relative to now, in working days', () => {
  test('counts the working days to go, the due date being the last of them', () => {
    // Tuesday 1 December 2026 to Monday 7 December: Wednesday, Thursday, Friday and Monday.
    const due = relativeDue(calendar, at('2026-12-07T17:00'), at('2026-12-01T10:00'));
    assert.deepEqual(due, {
      overdue: false,
      workingDays: 4,
      words: 'in 4 working days',
      by: '5pm on Monday 7 December 2026',
    });
    assert.equal(words('2026-12-02T17:00', '2026-12-01T16:59'), 'in 1 working day');
  });

  test('skips bank holidays: Christmas Day and the Boxing Day substitute are not counted', () => {
    // Wednesday 23 December 2026 to Tuesday 29 December: only Thursday 24 and Tuesday 29 count.
    assert.equal(words('2026-12-29T17:00', '2026-12-23T10:00'), 'in 2 working days');
    // Easter 2027: Good Friday 26 March and Easter Monday 29 March.
    assert.equal(words('2027-04-01T17:00', '2027-03-25T09:00'), 'in 3 working days');
  });

  test('counts overdue time the same way, bank holidays left out', () => {
    // Due Thursday 24 December 2026; on Tuesday 29 December one working day has gone by.
    const late = relativeDue(calendar, at('2026-12-24T17:00'), at('2026-12-29T10:00'));
    assert.equal(late.overdue, true);
    assert.equal(late.workingDays, 1);
    assert.equal(late.words, 'overdue by 1 working day');
    // Due Monday 30 November 2026, now Tuesday 8 December: six working days later.
    assert.equal(words('2026-11-30T17:00', '2026-12-08T11:00'), 'overdue by 6 working days');
  });

  test('the bank holidays are those of the partnership’s region', () => {
    const scotland = new WorkingCalendar({ ...england, region: 'scotland' });
    // 2 January 2027 is a bank holiday in Scotland only; it is a Saturday, so Monday 4 is its substitute.
    assert.equal(words('2027-01-05T17:00', '2026-12-31T10:00'), 'in 2 working days');
    assert.equal(words('2027-01-05T17:00', '2026-12-31T10:00', scotland), 'in 1 working day');
  });

  test("the partnership's closure days and working weekdays count", () => {
    const closed = new WorkingCalendar({
      ...england,
      closureDays: [{ date: '2026-12-03', name: 'Staff training day' }],
    });
    assert.equal(words('2026-12-07T17:00', '2026-12-01T10:00', closed), 'in 3 working days');
    const sixDays = new WorkingCalendar({ ...england, workingWeekdays: [1, 2, 3, 4, 5, 6] });
    assert.equal(words('2026-12-07T17:00', '2026-12-01T10:00', sixDays), 'in 5 working days');
  });

  test('due today, before the next working day, or overdue since today', () => {
    assert.equal(words('2026-12-01T17:00', '2026-12-01T08:00'), 'today');
    assert.equal(
      relativeDue(calendar, at('2026-12-01T17:00'), at('2026-12-01T17:00')).overdue,
      false,
    );
    // An urgent case's 24 hours can end on a Sunday.
    assert.equal(words('2026-12-06T10:00', '2026-12-05T10:00'), 'before the next working day');
    assert.equal(words('2026-12-01T12:00', '2026-12-01T15:00'), 'overdue since earlier today');
    assert.equal(
      words('2026-12-04T17:00', '2026-12-06T09:00'),
      'overdue by less than 1 working day',
    );
    // Due Friday, now Monday morning: Monday is the first working day after it.
    assert.equal(words('2026-12-04T17:00', '2026-12-07T09:00'), 'overdue by 1 working day');
  });

  test('a due time at or before the working day starts counts as the end of the day before', () => {
    // Due 9am Monday 7 December, seen 4pm Friday 4th: only Friday's last hour is left to work in.
    assert.equal(words('2026-12-07T09:00', '2026-12-04T16:00'), 'before the next working day');
    // Due 9am Tuesday 8th, seen Friday: Monday is the one working day left.
    assert.equal(words('2026-12-08T09:00', '2026-12-04T16:00'), 'in 1 working day');
    // An urgent 24 hours due 9am Friday 4th, seen 4pm Sunday 6th: all of Friday was lost.
    assert.equal(words('2026-12-04T09:00', '2026-12-06T16:00'), 'overdue by 1 working day');
    // Seen that Friday afternoon: overdue since the morning.
    assert.equal(words('2026-12-04T09:00', '2026-12-04T15:00'), 'overdue since earlier today');
    // Due 9am Monday seen at 8am that Monday: due today, as it reads.
    assert.equal(words('2026-12-07T09:00', '2026-12-07T08:00'), 'today');
    // A due time after the day starts is unchanged: 9:30am Monday, seen Friday.
    assert.equal(words('2026-12-07T09:30', '2026-12-04T16:00'), 'in 1 working day');
  });

  test('reads the dates in the partnership’s time zone, not UTC', () => {
    // 12:30am on Tuesday 2 June in London is 11:30pm on Monday in UTC: London's date counts.
    const due = Temporal.Instant.from('2026-06-03T16:00:00Z'); // 5pm on Wednesday 3 June, BST
    const now = Temporal.Instant.from('2026-06-01T23:30:00Z'); // 12:30am on Tuesday 2 June, BST
    assert.equal(relativeDue(calendar, due, now).words, 'in 1 working day');
  });
});
