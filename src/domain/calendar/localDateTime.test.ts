import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clockTimeFrom, dateFromParts, localInstant } from './localDateTime.ts';

const time = (text: string) => {
  const read = clockTimeFrom(text);
  return typeof read === 'string' ? read : read.toString({ smallestUnit: 'minute' });
};
const date = (day: string, month: string, year: string) => {
  const read = dateFromParts({ day, month, year });
  return typeof read === 'string' ? read : read.toString();
};

describe('reading a date and a time as people type them', () => {
  test('clock times in figures and in words, with the same meaning on every form', () => {
    assert.equal(time('14:30'), '14:30');
    assert.equal(time('14.30'), '14:30');
    assert.equal(time('2:30pm'), '14:30');
    assert.equal(time(' 2:30 PM '), '14:30');
    assert.equal(time('9am'), '09:00');
    assert.equal(time('12am'), '00:00');
    assert.equal(time('12pm'), '12:00');
    assert.equal(time('midday'), '12:00');
    assert.equal(time('noon'), '12:00');
    assert.equal(time('midnight'), '00:00', 'midnight is the start of the day');
    assert.equal(time(''), 'missing');
  });

  test('what is not a clock time is refused, not guessed', () => {
    for (const text of ['14', '25:00', '13pm', '0am', '9:60', 'teatime', '9:5']) {
      assert.equal(time(text), 'invalid', text);
    }
  });

  test('a date from its three boxes is a real date or is refused', () => {
    assert.equal(date('24', '11', '2026'), '2026-11-24');
    assert.equal(date('1', '2', '2027'), '2027-02-01');
    assert.equal(date('', ' ', ''), 'missing');
    for (const [day, month, year] of [
      ['31', '2', '2027'],
      ['24', '11', '26'],
      ['24', '', '2026'],
      ['x', '11', '2026'],
      ['24', '13', '2026'],
      ['1', '1', '1899'],
    ]) {
      assert.equal(
        date(day as string, month as string, year as string),
        'invalid',
        `${day} ${month} ${year}`,
      );
    }
  });

  test('a local time is the instant it names in the time zone, across a change of the clocks', () => {
    const summer = Temporal.PlainDate.from('2026-07-01');
    const winter = Temporal.PlainDate.from('2026-12-01');
    const nine = new Temporal.PlainTime(9, 0);
    assert.equal(localInstant(summer, nine, 'Europe/London').toString(), '2026-07-01T08:00:00Z');
    assert.equal(localInstant(winter, nine, 'Europe/London').toString(), '2026-12-01T09:00:00Z');
  });
});
