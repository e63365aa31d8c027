import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeWorkingTimeChange } from './describeWorkingTimeChange.ts';
import type { WorkingTimeSettings } from './workingCalendar.ts';

const before: WorkingTimeSettings = {
  region: 'england-and-wales',
  timeZone: 'Europe/London',
  workingHours: { start: '09:00', end: '17:00' },
  closureDays: [{ date: '2026-12-24', name: 'Office closure' }],
};

describe('a change of working time, in words', () => {
  test('names every change', () => {
    assert.equal(
      describeWorkingTimeChange(before, {
        region: 'scotland',
        timeZone: 'Europe/London',
        workingHours: { start: '08:30', end: '16:30' },
        workingWeekdays: [1, 2, 3, 4],
        closureDays: [{ date: '2026-12-31', name: 'Stocktake' }],
      }),
      'The bank holiday calendar changed from England and Wales to Scotland. Working hours changed from 9am to 5pm to 8:30am to 4:30pm. Working days changed from Monday, Tuesday, Wednesday, Thursday and Friday to Monday, Tuesday, Wednesday and Thursday. Closure day added: Thursday 31 December 2026 (Stocktake). Closure day removed: Thursday 24 December 2026 (Office closure).',
    );
  });

  test('the same working days in another order are no change', () => {
    assert.equal(
      describeWorkingTimeChange(
        { ...before, workingWeekdays: [1, 2, 3, 4, 5] },
        { ...before, workingWeekdays: [5, 4, 3, 2, 1] },
      ),
      'The working time did not change.',
    );
  });
});
