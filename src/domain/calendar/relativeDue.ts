import { formatInstant } from './formatting.ts';
import type { WorkingCalendar } from './workingCalendar.ts';

/** A due time as it stands now, in the partnership's working time. */
export type RelativeDue = {
  /** Whether the due time has passed. */
  overdue: boolean;
  /**
   * Whole working days still to go, or gone by since it was due: the working days after the
   * earlier local date up to and including the later one (the due date is day 0, as
   * "within N working days" counts them). 0 on the due day itself.
   */
  workingDays: number;
  /** "in 4 working days", "today", "overdue by 6 working days". */
  words: string;
  /** "5pm on Tuesday 8 December 2026". */
  by: string;
};

const days = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;

/**
 * How far off a due time is, or how far past, in working days of the partnership's calendar
 * (its bank holidays, closure days and working weekdays): the words of Waiting for you's "Due"
 * column. A due time on a day that is not worked (an urgent case's hours can end on a Sunday)
 * is "before the next working day", or "overdue by less than 1 working day" until one passes.
 * A due time at or before the start of a working day (an urgent case's 9am) leaves nothing of
 * that day to work in: it counts as the end of the working day before it.
 */
export function relativeDue(
  calendar: WorkingCalendar,
  dueAt: Temporal.Instant,
  now: Temporal.Instant,
): RelativeDue {
  const by = formatInstant(dueAt, calendar.timeZone);
  const dueDate = calendar.localDate(dueAt);
  const today = calendar.localDate(now);
  const sameDay = Temporal.PlainDate.compare(dueDate, today) === 0;
  const lastDayToWorkIn = dueBeforeItsDayStarts(calendar, dueAt)
    ? calendar.nthWorkingDayBefore(dueDate, 1)
    : dueDate;
  if (Temporal.Instant.compare(dueAt, now) >= 0) {
    const workingDays = sameDay
      ? 0
      : Math.max(0, calendar.workingDaysBetween(today, lastDayToWorkIn));
    const words = sameDay
      ? 'today'
      : workingDays === 0
        ? 'before the next working day'
        : `in ${days(workingDays)}`;
    return { overdue: false, workingDays, words, by };
  }
  const workingDays = calendar.workingDaysBetween(lastDayToWorkIn, today);
  const words = sameDay
    ? 'overdue since earlier today'
    : workingDays === 0
      ? 'overdue by less than 1 working day'
      : `overdue by ${days(workingDays)}`;
  return { overdue: true, workingDays, words, by };
}

/** Whether a due time falls on a working day at or before its working hours begin. */
function dueBeforeItsDayStarts(calendar: WorkingCalendar, dueAt: Temporal.Instant): boolean {
  const local = dueAt.toZonedDateTimeISO(calendar.timeZone);
  return (
    calendar.isWorkingDay(local.toPlainDate()) &&
    Temporal.PlainTime.compare(local.toPlainTime(), calendar.dayStart) <= 0
  );
}
