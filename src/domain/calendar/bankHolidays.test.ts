import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bankHolidays, type CalendarRegion } from './bankHolidays.ts';

// The bank holidays GOV.UK published for 2022 to 2027 (weekday dates; a holiday at a weekend
// is listed by its substitute day), typed in from gov.uk/bank-holidays, not derived from code.
const govukBankHolidays: Record<CalendarRegion, Record<number, string[]>> = {
  'england-and-wales': {
    2022: [
      '01-03',
      '04-15',
      '04-18',
      '05-02',
      '06-02',
      '06-03',
      '08-29',
      '09-19',
      '12-26',
      '12-27',
    ],
    2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
    2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
    2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
    2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
    2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
  },
  scotland: {
    2022: [
      '01-03',
      '01-04',
      '04-15',
      '05-02',
      '06-02',
      '06-03',
      '08-01',
      '09-19',
      '11-30',
      '12-26',
      '12-27',
    ],
    2023: [
      '01-02',
      '01-03',
      '04-07',
      '05-01',
      '05-08',
      '05-29',
      '08-07',
      '11-30',
      '12-25',
      '12-26',
    ],
    2024: ['01-01', '01-02', '03-29', '05-06', '05-27', '08-05', '12-02', '12-25', '12-26'],
    2025: ['01-01', '01-02', '04-18', '05-05', '05-26', '08-04', '12-01', '12-25', '12-26'],
    2026: ['01-01', '01-02', '04-03', '05-04', '05-25', '08-03', '11-30', '12-25', '12-28'],
    2027: ['01-01', '01-04', '03-26', '05-03', '05-31', '08-02', '11-30', '12-27', '12-28'],
  },
  'northern-ireland': {
    2022: [
      '01-03',
      '03-17',
      '04-15',
      '04-18',
      '05-02',
      '06-02',
      '06-03',
      '07-12',
      '08-29',
      '09-19',
      '12-26',
      '12-27',
    ],
    2023: [
      '01-02',
      '03-17',
      '04-07',
      '04-10',
      '05-01',
      '05-08',
      '05-29',
      '07-12',
      '08-28',
      '12-25',
      '12-26',
    ],
    2024: [
      '01-01',
      '03-18',
      '03-29',
      '04-01',
      '05-06',
      '05-27',
      '07-12',
      '08-26',
      '12-25',
      '12-26',
    ],
    2025: [
      '01-01',
      '03-17',
      '04-18',
      '04-21',
      '05-05',
      '05-26',
      '07-14',
      '08-25',
      '12-25',
      '12-26',
    ],
    2026: [
      '01-01',
      '03-17',
      '04-03',
      '04-06',
      '05-04',
      '05-25',
      '07-13',
      '08-31',
      '12-25',
      '12-28',
    ],
    2027: [
      '01-01',
      '03-17',
      '03-26',
      '03-29',
      '05-03',
      '05-31',
      '07-12',
      '08-30',
      '12-27',
      '12-28',
    ],
  },
};

describe('bank holidays', () => {
  for (const [region, years] of Object.entries(govukBankHolidays) as [
    CalendarRegion,
    Record<number, string[]>,
  ][]) {
    for (const [year, days] of Object.entries(years)) {
      test(`${region} ${year} matches GOV.UK`, () => {
        const ours = [...bankHolidays(region).keys()].filter(
          (date) => date.startsWith(`${year}-`) && Temporal.PlainDate.from(date).dayOfWeek <= 5,
        );
        assert.deepEqual(
          ours,
          days.map((day) => `${year}-${day}`),
        );
      });
    }
  }

  test('the one-off days of 2022 and 2023 are in every calendar', () => {
    for (const region of Object.keys(govukBankHolidays) as CalendarRegion[]) {
      for (const date of ['2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08']) {
        assert.ok(bankHolidays(region).has(date), `${region} ${date}`);
      }
    }
  });

  test('every year from 2015 to 2041 has the usual bank holidays in every calendar', () => {
    for (const region of Object.keys(govukBankHolidays) as CalendarRegion[]) {
      for (let year = 2015; year <= 2041; year++) {
        const weekdays = [...bankHolidays(region).keys()].filter(
          (date) => date.startsWith(`${year}-`) && Temporal.PlainDate.from(date).dayOfWeek <= 5,
        ).length;
        assert.ok(weekdays >= 8 && weekdays <= 13, `${region} ${year} has ${weekdays}`);
      }
    }
  });

  test('a holiday at a weekend is kept on its own date as well as on its substitute day', () => {
    const holidays = bankHolidays('england-and-wales');
    assert.equal(holidays.get('2027-12-25'), 'Christmas Day');
    assert.equal(holidays.get('2027-12-27'), 'Christmas Day substitute');
  });

  test('substitute days are named for the day they stand in for', () => {
    const holidays = bankHolidays('england-and-wales');
    assert.equal(holidays.get('2026-12-28'), 'Boxing Day substitute');
    assert.equal(holidays.get('2026-12-25'), 'Christmas Day');
    assert.equal(holidays.get('2027-01-01'), "New Year's Day");
  });
});
