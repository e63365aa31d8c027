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

// `fromLabel` names the start when it is not obvious: "the start of stage 1",
// "when the disagreement was raised".

/**
 * "Within N working days" of an instant: the end of the working day on the N-th
 * working day after the instant's local date, which is day 0 whatever the time
 * and even when it is not a working day (protocols.md §2).
 */
export function afterWorkingDays(
  calendar: WorkingCalendar,
  from: Temporal.Instant,
  days: number,
  fromLabel?: string,
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
  const startLabel = fromLabel ? `${fromLabel} on ` : '';
  return {
    dueAt,
    span: `${days} working day${days === 1 ? '' : 's'} from ${startLabel}${formatDate(startDate)}${note}`,
    by: formatInstant(dueAt, calendar.timeZone),
  };
}

/** "Within N hours": exactly N × 60 minutes of elapsed time, whatever the day or the clocks. */
export function afterHours(
  from: Temporal.Instant,
  hours: number,
  timeZone: string,
  fromLabel?: string,
): Reckoning {
  const dueAt = from.add({ hours });
  const nextChange = from.toZonedDateTimeISO(timeZone).getTimeZoneTransition('next');
  const clocksChange =
    nextChange !== null && Temporal.Instant.compare(nextChange.toInstant(), dueAt) <= 0;
  const startLabel = fromLabel ? `${fromLabel} at ` : '';
  return {
    dueAt,
    span: `${hours} hour${hours === 1 ? '' : 's'} from ${startLabel}${formatInstant(from, timeZone)}${clocksChange ? ' (the clocks change in between)' : ''}`,
    by: formatInstant(dueAt, timeZone),
  };
}
