import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chosenInstant, clockTimeFrom, dateFromParts, readLocalTime } from './localDateTime.ts';

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
    const at = (day: Temporal.PlainDate) =>
      chosenInstant(readLocalTime(day, nine, 'Europe/London'), undefined)?.toString();
    assert.equal(at(summer), '2026-07-01T08:00:00Z');
    assert.equal(at(winter), '2026-12-01T09:00:00Z');
  });

  test('a time the clocks skip or repeat is never shifted: it is refused, or asked about', () => {
    const halfPastOne = new Temporal.PlainTime(1, 30);
    const spring = readLocalTime(
      Temporal.PlainDate.from('2026-03-29'),
      halfPastOne,
      'Europe/London',
    );
    assert.deepEqual(spring, {
      kind: 'skipped',
      message:
        'There is no 1:30am on Sunday 29 March 2026: the clocks go forward an hour at 1am. Enter a time before 1am or from 2am',
    });
    const autumn = readLocalTime(
      Temporal.PlainDate.from('2026-10-25'),
      halfPastOne,
      'Europe/London',
    );
    assert.equal(autumn.kind, 'twice');
    if (autumn.kind !== 'twice') return;
    assert.equal(
      autumn.question,
      '1:30am happens twice on Sunday 25 October 2026, when the clocks go back: say which you mean',
    );
    assert.equal(autumn.choices.first.text, '1:30am BST (the first)');
    assert.equal(autumn.choices.second.text, '1:30am GMT (the second)');
    assert.equal(chosenInstant(autumn, 'first')?.toString(), '2026-10-25T00:30:00Z');
    assert.equal(chosenInstant(autumn, 'second')?.toString(), '2026-10-25T01:30:00Z');
    assert.equal(chosenInstant(autumn, 'neither'), undefined);
  });
});
