import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workingCalendarFor } from '../calendar/workingCalendar.ts';
import { nextDeadlineCheck, overduePromptDue, reminderDue, reminderTime } from './reminders.ts';

const calendar = workingCalendarFor({
  region: 'england-and-wales',
  timeZone: 'Europe/London',
  workingHours: { start: '09:00', end: '17:00' },
});
const at = (iso: string) => Temporal.Instant.from(iso);
const reminderFor = (due: string, workingDaysBefore = 1) =>
  reminderTime(calendar, at(due), workingDaysBefore).toString();

test('the reminder comes at 9am on the working day before the due date, over bank holidays', () => {
  // Due 5pm Tuesday 1 December 2026: Monday 30 November, 9am.
  assert.equal(reminderFor('2026-12-01T17:00:00Z'), '2026-11-30T09:00:00Z');
  // Due Tuesday 29 December: Monday 28 (Boxing Day's substitute) and Friday 25 are holidays.
  assert.equal(reminderFor('2026-12-29T17:00:00Z'), '2026-12-24T09:00:00Z');
  // Due Tuesday 7 April 2026: Easter Monday and Good Friday pass, so Thursday 2 April, 9am BST.
  assert.equal(reminderFor('2026-04-07T16:00:00Z'), '2026-04-02T08:00:00Z');
  // Two working days before Monday 4 January 2027: Wednesday 30 and Thursday 31 December.
  assert.equal(reminderFor('2027-01-04T17:00:00Z', 2), '2026-12-30T09:00:00Z');
});

test('the reminder keeps to local 9am across the clock changes', () => {
  // Due Monday 30 March 2026, 5pm BST: the reminder is Friday 27 March, 9am GMT.
  assert.equal(reminderFor('2026-03-30T16:00:00Z'), '2026-03-27T09:00:00Z');
  // Due Monday 26 October 2026, 5pm GMT: the reminder is Friday 23 October, 9am BST.
  assert.equal(reminderFor('2026-10-26T17:00:00Z'), '2026-10-23T08:00:00Z');
});

test('a reminder is due between its time and the due time, and never for a stage shorter than its lead', () => {
  const timing = { startedAt: at('2026-11-24T09:00:00Z'), dueAt: at('2026-12-01T17:00:00Z') };
  assert.equal(reminderDue(calendar, timing, at('2026-11-30T08:59:00Z')), null);
  assert.deepEqual(reminderDue(calendar, timing, at('2026-11-30T09:00:00Z'))?.key, 'reminder');
  assert.equal(reminderDue(calendar, timing, at('2026-12-01T17:00:00Z')), null, 'overdue instead');
  const short = { startedAt: at('2026-11-30T10:00:00Z'), dueAt: at('2026-12-01T17:00:00Z') };
  assert.equal(reminderDue(calendar, short, at('2026-11-30T11:00:00Z')), null);
});

test('the overdue prompt comes at the due time, then at 9am each working day, holidays skipped', () => {
  const due = at('2026-11-27T17:00:00Z'); // Friday
  const key = (now: string) => overduePromptDue(calendar, due, at(now))?.key;
  assert.equal(key('2026-11-27T16:59:00Z'), undefined);
  assert.equal(key('2026-11-27T17:30:00Z'), 'overdue-2026-11-27');
  assert.equal(key('2026-11-28T12:00:00Z'), 'overdue-2026-11-27', 'not on Saturday');
  assert.equal(key('2026-11-30T08:59:00Z'), 'overdue-2026-11-27');
  assert.equal(key('2026-11-30T09:00:00Z'), 'overdue-2026-11-30');
  assert.equal(key('2026-12-01T15:00:00Z'), 'overdue-2026-12-01');

  const christmasEve = at('2026-12-24T17:00:00Z');
  const keyAt = (now: string) => overduePromptDue(calendar, christmasEve, at(now))?.key;
  assert.equal(
    keyAt('2026-12-28T10:00:00Z'),
    'overdue-2026-12-24',
    'Boxing Day’s substitute is no working day',
  );
  assert.equal(keyAt('2026-12-29T09:30:00Z'), 'overdue-2026-12-29');
});

test('the overdue prompt keeps to local 9am across the clock change', () => {
  const due = at('2026-03-27T17:00:00Z'); // Friday 27 March 2026, 5pm GMT; clocks go forward on Sunday 29
  assert.equal(
    overduePromptDue(calendar, due, at('2026-03-30T07:59:00Z'))?.key,
    'overdue-2026-03-27',
  );
  assert.equal(
    overduePromptDue(calendar, due, at('2026-03-30T08:00:00Z'))?.key,
    'overdue-2026-03-30',
  );
});

test('the next check is never later than the next reminder or prompt', () => {
  const due = at('2026-12-01T17:00:00Z'); // 5pm Tuesday 1 December 2026
  const next = (now: string) => nextDeadlineCheck(calendar, due, at(now)).toString();
  // Before the reminder (9am Monday 30 November): at it.
  assert.equal(next('2026-11-24T10:00:00Z'), '2026-11-30T09:00:00Z');
  // After the reminder: at the due time, the first overdue prompt.
  assert.equal(next('2026-11-30T09:00:00Z'), '2026-12-01T17:00:00Z');
  // Overdue, after the day's start: 9am the next day.
  assert.equal(next('2026-12-01T17:00:00Z'), '2026-12-02T09:00:00Z');
  // Overdue, before the day's start: 9am that day.
  assert.equal(next('2026-12-02T07:00:00Z'), '2026-12-02T09:00:00Z');
  // Overdue on Friday afternoon: Saturday 9am (no prompt then; a closure day removed later
  // cannot make Monday's late), earlier than Monday's prompt.
  assert.equal(next('2026-12-04T15:00:00Z'), '2026-12-05T09:00:00Z');
  // Every prompt and reminder falls at or after the check that precedes it.
  for (let hour = 0; hour < 24 * 14; hour += 5) {
    const now = at('2026-11-24T00:30:00Z').add({ hours: hour });
    const check = nextDeadlineCheck(calendar, due, now);
    for (
      let minutes = 1;
      minutes * 60_000 < check.epochMilliseconds - now.epochMilliseconds;
      minutes += 37
    ) {
      const between = now.add({ minutes });
      const prompt = overduePromptDue(calendar, due, between);
      const before = overduePromptDue(calendar, due, now);
      assert.equal(prompt?.key, before?.key, `no new prompt between ${now} and ${check}`);
      const reminder = reminderDue(
        calendar,
        { startedAt: at('2026-11-20T09:00:00Z'), dueAt: due },
        between,
      );
      const reminderBefore = reminderDue(
        calendar,
        { startedAt: at('2026-11-20T09:00:00Z'), dueAt: due },
        now,
      );
      assert.equal(
        reminder?.key,
        reminderBefore?.key,
        `no new reminder between ${now} and ${check}`,
      );
    }
  }
});
