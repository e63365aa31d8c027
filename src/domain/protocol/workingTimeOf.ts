import type { WorkingTimeSettings } from '../calendar/workingCalendar.ts';
import type { Weekday } from '../vocabulary.ts';
import { type Protocol, weekdayNumbers } from './protocolSchema.ts';

/** The working time a protocol file sets; a partnership starts from it and adds its closure days. */
export function workingTimeOf(protocol: Protocol): WorkingTimeSettings {
  const { region, timeZone, workingHours, workingWeekdays } = protocol.calendar;
  return {
    region,
    timeZone,
    workingHours,
    ...(workingWeekdays
      ? { workingWeekdays: workingWeekdays.map((day) => weekdayNumbers[day]) }
      : {}),
    closureDays: [],
  };
}

/**
 * The other way: a protocol file's calendar saying the working time in force (its region, time
 * zone, hours and weekdays; closure days stay the partnership's own), so a draft started from
 * the protocol in force keeps what the working-time page set since it was adopted.
 */
export function calendarOf(settings: WorkingTimeSettings): Protocol['calendar'] {
  const names = Object.entries(weekdayNumbers) as [Weekday, number][];
  return {
    region: settings.region,
    timeZone: settings.timeZone,
    workingHours: { start: settings.workingHours.start, end: settings.workingHours.end },
    ...(settings.workingWeekdays
      ? {
          workingWeekdays: names
            .filter(([, number]) => settings.workingWeekdays?.includes(number))
            .map(([name]) => name),
        }
      : {}),
  };
}
