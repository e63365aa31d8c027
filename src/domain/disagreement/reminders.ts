import type { WorkingCalendar } from '../calendar/workingCalendar.ts';

/**
 * When the deadline messages of a stage (or an agreed action) fall due (issue 6, protocols.md
 * §1 "Delay"): a reminder at the start of the working day `workingDaysBefore` working days
 * before the due date, and, once it is overdue, a prompt at the due time and again at the start
 * of every working day after it until it ends. Each occurrence has a key, so it is sent once.
 */

export type Occurrence = { key: string; at: Temporal.Instant };

/** The reminder before `dueAt`, if it is due now: after its time, before the due time. */
export function reminderDue(
  calendar: WorkingCalendar,
  timing: { startedAt: Temporal.Instant; dueAt: Temporal.Instant },
  now: Temporal.Instant,
  workingDaysBefore = 1,
): Occurrence | null {
  const at = reminderTime(calendar, timing.dueAt, workingDaysBefore);
  // A stage shorter than the reminder's lead needs none: entering it told its people.
  if (Temporal.Instant.compare(at, timing.startedAt) <= 0) return null;
  if (Temporal.Instant.compare(now, at) < 0) return null;
  if (Temporal.Instant.compare(now, timing.dueAt) >= 0) return null;
  return { key: 'reminder', at };
}

export function reminderTime(
  calendar: WorkingCalendar,
  dueAt: Temporal.Instant,
  workingDaysBefore: number,
): Temporal.Instant {
  const day = calendar.nthWorkingDayBefore(calendar.localDate(dueAt), workingDaysBefore);
  return calendar.startOfWorkingDay(day);
}

/**
 * The latest overdue prompt due by now: at the due time, then 09:00 (the start of working
 * hours) on each later working day. A prompt missed while nothing ran is not sent late in a
 * batch: only the latest one is.
 */
export function overduePromptDue(
  calendar: WorkingCalendar,
  dueAt: Temporal.Instant,
  now: Temporal.Instant,
): Occurrence | null {
  if (Temporal.Instant.compare(now, dueAt) < 0) return null;
  const dueDate = calendar.localDate(dueAt);
  let day = calendar.localDate(now);
  for (let steps = 0; steps < 400 && Temporal.PlainDate.compare(day, dueDate) > 0; steps++) {
    const start = calendar.startOfWorkingDay(day);
    if (calendar.isWorkingDay(day) && Temporal.Instant.compare(start, now) <= 0) {
      return { key: `overdue-${day.toString()}`, at: start };
    }
    day = day.subtract({ days: 1 });
  }
  return { key: `overdue-${dueDate.toString()}`, at: dueAt };
}

/**
 * No later than the next moment after `now` at which a deadline's messages may fall due: its
 * reminder's time, its due time, or once it is overdue the start of working hours today or on
 * the next calendar day (a working day or not: a closure day removed later then cannot make a
 * prompt late). The reminder job need not look at the deadline again before then.
 */
export function nextDeadlineCheck(
  calendar: WorkingCalendar,
  dueAt: Temporal.Instant,
  now: Temporal.Instant,
  workingDaysBefore = 1,
): Temporal.Instant {
  const later = (at: Temporal.Instant) => Temporal.Instant.compare(at, now) > 0;
  const candidates = [reminderTime(calendar, dueAt, workingDaysBefore), dueAt].filter(later);
  if (!later(dueAt)) {
    const today = calendar.localDate(now);
    const startToday = calendar.startOfWorkingDay(today);
    candidates.push(
      later(startToday) ? startToday : calendar.startOfWorkingDay(today.add({ days: 1 })),
    );
  }
  return candidates.sort(Temporal.Instant.compare)[0] as Temporal.Instant;
}
