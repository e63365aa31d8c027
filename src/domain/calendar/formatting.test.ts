import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatClockTime, formatDate, formatInstant, listInWords } from './formatting.ts';

describe('dates and times in words', () => {
  test('a date reads as weekday, day, month and year', () => {
    assert.equal(formatDate(Temporal.PlainDate.from('2027-01-04')), 'Monday 4 January 2027');
  });

  test('clock times follow GOV.UK style', () => {
    const time = (value: string) => formatClockTime(Temporal.PlainTime.from(value));
    assert.equal(time('17:00'), '5pm');
    assert.equal(time('09:30'), '9:30am');
    assert.equal(time('12:00'), 'midday');
    assert.equal(time('00:00'), 'midnight');
    assert.equal(time('12:05'), '12:05pm');
    assert.equal(time('00:45'), '12:45am');
  });

  test('an instant reads in the given time zone, in summer and in winter', () => {
    assert.equal(
      formatInstant(Temporal.Instant.from('2027-01-04T17:00:00Z'), 'Europe/London'),
      '5pm on Monday 4 January 2027',
    );
    assert.equal(
      formatInstant(Temporal.Instant.from('2027-07-05T16:00:00Z'), 'Europe/London'),
      '5pm on Monday 5 July 2027',
    );
  });

  test('an instant at midnight says it is the start of the day', () => {
    assert.equal(
      formatInstant(Temporal.Instant.from('2027-04-05T23:00:00Z'), 'Europe/London'),
      'midnight at the start of Tuesday 6 April 2027',
    );
  });

  test('lists join with commas and a final "and"', () => {
    assert.equal(listInWords([]), '');
    assert.equal(listInWords(['A']), 'A');
    assert.equal(listInWords(['A', 'B']), 'A and B');
    assert.equal(listInWords(['A', 'B', 'C']), 'A, B and C');
  });
});

test('a time that happens twice as the clocks go back says which; other times do not', () => {
  const london = (iso: string) => formatInstant(Temporal.Instant.from(iso), 'Europe/London');
  assert.equal(london('2026-10-25T00:30:00Z'), '1:30am BST on Sunday 25 October 2026');
  assert.equal(london('2026-10-25T01:30:00Z'), '1:30am GMT on Sunday 25 October 2026');
  assert.equal(london('2026-10-25T02:30:00Z'), '2:30am on Sunday 25 October 2026');
  assert.equal(london('2026-03-29T01:30:00Z'), '2:30am on Sunday 29 March 2026');
});
