import type { WorkingTimeSettings } from '../calendar/workingCalendar.ts';
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
