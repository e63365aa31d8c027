import { LAST_CALENDAR_YEAR } from './bankHolidays.ts';
import { formatDayMonthYear } from './formatting.ts';

/**
 * The dates a closure day may be added on: from a year before today (a day the partnership was
 * closed may be recorded late) to the last day the calendar data covers (bankHolidays.ts), after
 * which no working day can be counted. Null when the date may be added, else the problem in words.
 */
export function closureDateProblem(
  date: Temporal.PlainDate,
  today: Temporal.PlainDate,
): string | null {
  const earliest = today.subtract({ years: 1 });
  const latest = new Temporal.PlainDate(LAST_CALENDAR_YEAR, 12, 31);
  return Temporal.PlainDate.compare(date, earliest) < 0 ||
    Temporal.PlainDate.compare(date, latest) > 0
    ? `The date must be between ${formatDayMonthYear(earliest)} and ${formatDayMonthYear(latest)}`
    : null;
}
