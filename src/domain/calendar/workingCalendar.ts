import {
  bankHolidays,
  type CalendarRegion,
  FIRST_CALENDAR_YEAR,
  LAST_CALENDAR_YEAR,
} from './bankHolidays.ts';
import { fromEpochDay, toEpochDay, weekdayOfEpochDay } from './epochDay.ts';

/** How a partnership counts working time. */
export type WorkingTimeSettings = {
  region: CalendarRegion;
  /** An IANA time zone; Europe/London for every English partnership. */
  timeZone: string;
  /** Local clock times, "HH:MM". */
  workingHours: { start: string; end: string };
  /** ISO weekdays that are working days (1 is Monday); Monday to Friday when absent. */
  workingWeekdays?: readonly number[];
  /** Days the partnership adds as non-working, by ISO date. */
  closureDays?: readonly { date: string; name: string }[];
};

export type NonWorkingDay = { date: Temporal.PlainDate; name: string };

export class OutsideCalendar extends RangeError {
  override name = 'OutsideCalendar';
}

const firstEpochDay = toEpochDay({ year: FIRST_CALENDAR_YEAR, month: 1, day: 1 });
const lastEpochDay = toEpochDay({ year: LAST_CALENDAR_YEAR, month: 12, day: 31 });

/**
 * Working days and hours of one partnership. Counting N working days is a
 * lookup in a precomputed index of the calendar's working days, so it costs
 * the same for 1 day as for 15.
 */
export class WorkingCalendar {
  readonly settings: WorkingTimeSettings;
  readonly timeZone: string;
  readonly dayStart: Temporal.PlainTime;
  readonly dayEnd: Temporal.PlainTime;
  /** Bank holidays and closure days, by epoch day. */
  readonly #holidays: ReadonlyMap<number, string>;
  readonly #weekdays: ReadonlySet<number>;
  #index: { workingCountUpTo: Int32Array; workingDays: Int32Array } | undefined;

  constructor(given: WorkingTimeSettings) {
    const settings = structuredClone(given);
    this.settings = Object.freeze(settings);
    this.timeZone = settings.timeZone;
    this.dayStart = Temporal.PlainTime.from(settings.workingHours.start);
    this.dayEnd = Temporal.PlainTime.from(settings.workingHours.end);
    const holidays = new Map(bankHolidaysByEpochDay(settings.region));
    for (const closure of settings.closureDays ?? []) {
      const epochDay = toEpochDay(Temporal.PlainDate.from(closure.date));
      holidays.set(epochDay, holidays.get(epochDay) ?? closure.name);
    }
    this.#holidays = holidays;
    this.#weekdays = new Set(settings.workingWeekdays ?? [1, 2, 3, 4, 5]);
  }

  /** Why a weekday that is normally worked is not a working day (its holiday or closure), if it is not. */
  holidayOn(date: Temporal.PlainDate): string | undefined {
    return this.#holidays.get(toEpochDay(date));
  }

  isWorkingDay(date: Temporal.PlainDate): boolean {
    this.#checkInRange(toEpochDay(date));
    return this.#weekdays.has(date.dayOfWeek) && this.holidayOn(date) === undefined;
  }

  /** The n-th working day after `date` (which is day 0, whatever it is); n ≥ 1. */
  nthWorkingDayAfter(date: Temporal.PlainDate, n: number): Temporal.PlainDate {
    const start = toEpochDay(date);
    this.#checkInRange(start);
    const index = this.#workingDayIndex();
    const position = index.workingCountUpTo[start - firstEpochDay] ?? 0;
    const found = index.workingDays[position + n - 1];
    if (found === undefined) {
      throw new OutsideCalendar(
        `${n} working days after ${date} is beyond the end of ${LAST_CALENDAR_YEAR}`,
      );
    }
    return fromEpochDay(found);
  }

  /** How many working days there are after `from` up to and including `to` (0 if `to` is not later). */
  workingDaysBetween(from: Temporal.PlainDate, to: Temporal.PlainDate): number {
    const start = toEpochDay(from);
    const end = toEpochDay(to);
    this.#checkInRange(start);
    this.#checkInRange(end);
    if (end <= start) return 0;
    const counts = this.#workingDayIndex().workingCountUpTo;
    return (counts[end - firstEpochDay] ?? 0) - (counts[start - firstEpochDay] ?? 0);
  }

  /** The same answer as nthWorkingDayAfter, by stepping one day at a time: the reference it is tested against. */
  nthWorkingDayAfterByLoop(date: Temporal.PlainDate, n: number): Temporal.PlainDate {
    let day = date;
    for (let counted = 0; counted < n; ) {
      day = day.add({ days: 1 });
      if (this.isWorkingDay(day)) counted++;
    }
    return day;
  }

  /** Holidays and closures on weekdays that would otherwise be worked, after `from` up to and including `to`. */
  holidaysBetween(from: Temporal.PlainDate, to: Temporal.PlainDate): NonWorkingDay[] {
    const days: NonWorkingDay[] = [];
    for (let epochDay = toEpochDay(from) + 1, last = toEpochDay(to); epochDay <= last; epochDay++) {
      const name = this.#holidays.get(epochDay);
      if (name && this.#weekdays.has(weekdayOfEpochDay(epochDay))) {
        days.push({ date: fromEpochDay(epochDay), name });
      }
    }
    return days;
  }

  /** The instant the working day on `date` ends, in the partnership's time zone. */
  endOfWorkingDay(date: Temporal.PlainDate): Temporal.Instant {
    return date.toZonedDateTime({ timeZone: this.timeZone, plainTime: this.dayEnd }).toInstant();
  }

  /** The instant the working day on `date` starts, in the partnership's time zone. */
  startOfWorkingDay(date: Temporal.PlainDate): Temporal.Instant {
    return date.toZonedDateTime({ timeZone: this.timeZone, plainTime: this.dayStart }).toInstant();
  }

  /** The n-th working day before `date` (day 0); n ≥ 1. Reminders look a few days back at most. */
  nthWorkingDayBefore(date: Temporal.PlainDate, n: number): Temporal.PlainDate {
    let day = date;
    for (let counted = 0; counted < n; ) {
      day = day.subtract({ days: 1 });
      if (this.isWorkingDay(day)) counted++;
    }
    return day;
  }

  localDate(instant: Temporal.Instant): Temporal.PlainDate {
    return instant.toZonedDateTimeISO(this.timeZone).toPlainDate();
  }

  /** Whether the instant falls in working hours on a working day. */
  isWorkingTime(instant: Temporal.Instant): boolean {
    const local = instant.toZonedDateTimeISO(this.timeZone);
    if (!this.isWorkingDay(local.toPlainDate())) return false;
    const time = local.toPlainTime();
    return (
      Temporal.PlainTime.compare(time, this.dayStart) >= 0 &&
      Temporal.PlainTime.compare(time, this.dayEnd) < 0
    );
  }

  #checkInRange(epochDay: number): void {
    if (epochDay < firstEpochDay || epochDay > lastEpochDay) {
      throw new OutsideCalendar(
        `${fromEpochDay(epochDay)} is outside the bank holiday calendar (${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR})`,
      );
    }
  }

  #workingDayIndex() {
    if (!this.#index) {
      const span = lastEpochDay - firstEpochDay + 1;
      const workingCountUpTo = new Int32Array(span);
      const workingDays: number[] = [];
      for (let offset = 0; offset < span; offset++) {
        const epochDay = firstEpochDay + offset;
        if (this.#weekdays.has(weekdayOfEpochDay(epochDay)) && !this.#holidays.has(epochDay)) {
          workingDays.push(epochDay);
        }
        workingCountUpTo[offset] = workingDays.length;
      }
      this.#index = { workingCountUpTo, workingDays: Int32Array.from(workingDays) };
    }
    return this.#index;
  }
}

const bankHolidayEpochDays = new Map<CalendarRegion, ReadonlyMap<number, string>>();

function bankHolidaysByEpochDay(region: CalendarRegion): ReadonlyMap<number, string> {
  let byEpochDay = bankHolidayEpochDays.get(region);
  if (!byEpochDay) {
    byEpochDay = new Map(
      [...bankHolidays(region)].map(([date, name]) => [
        toEpochDay(Temporal.PlainDate.from(date)),
        name,
      ]),
    );
    bankHolidayEpochDays.set(region, byEpochDay);
  }
  return byEpochDay;
}

const calendars = new Map<string, WorkingCalendar>();

/** One shared calendar per distinct settings, so its index is built once. */
export function workingCalendarFor(settings: WorkingTimeSettings): WorkingCalendar {
  const key = JSON.stringify([
    settings.region,
    settings.timeZone,
    settings.workingHours,
    settings.workingWeekdays ?? null,
    settings.closureDays ?? [],
  ]);
  let calendar = calendars.get(key);
  if (!calendar) {
    if (calendars.size >= 200) calendars.clear();
    calendar = new WorkingCalendar(settings);
    calendars.set(key, calendar);
  }
  return calendar;
}
