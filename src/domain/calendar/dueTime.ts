import { formatDate, formatInstant, listInWords } from './formatting.ts';
import type { WorkingCalendar } from './workingCalendar.ts';

/** A due instant with the words that explain it. */
export type Reckoning = {
  dueAt: Temporal.Instant;
  /** "5 working days from Wednesday 23 December 2026 (Christmas Day … are not working days)" */
  span: string;
  /** "5pm on Monday 4 January 2027" */
  by: string;
};

/**
 * "Within N working days" of an instant: the end of the working day on the N-th
 * working day after the instant's local date, which is day 0 whatever the time
 * and even when it is not a working day (protocols.md §2).
 */
export function afterWorkingDays(
  calendar: WorkingCalendar,
  from: Temporal.Instant,
  days: number,
  fromLabel = '',
): Reckoning {
  const startDate = calendar.localDate(from);
  const dueDate = calendar.nthWorkingDayAfter(startDate, days);
  const dueAt = calendar.endOfWorkingDay(dueDate);
  const holidays = [
    ...new Set(calendar.holidaysBetween(startDate, dueDate).map((day) => day.name)),
  ];
  const note =
    holidays.length === 0
      ? ''
      : ` (${listInWords(holidays)} ${holidays.length === 1 ? 'is not a working day' : 'are not working days'})`;
  return {
    dueAt,
    span: `${days} working day${days === 1 ? '' : 's'} from ${fromLabel}${formatDate(startDate)}${note}`,
    by: formatInstant(dueAt, calendar.timeZone),
  };
}

/** "Within N hours": exactly N × 60 minutes of elapsed time, whatever the day or the clocks. */
export function afterHours(
  from: Temporal.Instant,
  hours: number,
  timeZone: string,
  fromLabel = '',
): Reckoning {
  const dueAt = from.add({ hours });
  const clocksChange =
    from.toZonedDateTimeISO(timeZone).offsetNanoseconds !==
    dueAt.toZonedDateTimeISO(timeZone).offsetNanoseconds;
  return {
    dueAt,
    span: `${hours} hour${hours === 1 ? '' : 's'} from ${fromLabel}${formatInstant(from, timeZone)}${clocksChange ? ' (the clocks change in between)' : ''}`,
    by: formatInstant(dueAt, timeZone),
  };
}
