import { formatClockTime, formatDate, listInWords, weekdayName } from './formatting.ts';
import type { WorkingTimeSettings } from './workingCalendar.ts';

const regionNames: Record<WorkingTimeSettings['region'], string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

const NO_CHANGE = 'The working time did not change.';

/**
 * What changed between two sets of working time, in words: the reason recorded on re-projected
 * cases; `ahead`, what a change about to be made changes ("Working hours change from …").
 */
export function describeWorkingTimeChange(
  before: WorkingTimeSettings,
  after: WorkingTimeSettings,
  tense: 'done' | 'ahead' = 'done',
): string {
  const changed = (one: boolean) => (tense === 'done' ? 'changed' : one ? 'changes' : 'change');
  const changes: string[] = [];
  if (before.region !== after.region) {
    changes.push(
      `The bank holiday calendar ${changed(true)} from ${regionNames[before.region]} to ${regionNames[after.region]}.`,
    );
  }
  if (before.timeZone !== after.timeZone) {
    changes.push(`The time zone ${changed(true)} from ${before.timeZone} to ${after.timeZone}.`);
  }
  const hours = (settings: WorkingTimeSettings) =>
    `${formatClockTime(Temporal.PlainTime.from(settings.workingHours.start))} to ${formatClockTime(Temporal.PlainTime.from(settings.workingHours.end))}`;
  if (hours(before) !== hours(after)) {
    changes.push(`Working hours ${changed(false)} from ${hours(before)} to ${hours(after)}.`);
  }
  const weekdays = (settings: WorkingTimeSettings) =>
    listInWords(
      [...(settings.workingWeekdays ?? [1, 2, 3, 4, 5])].sort((a, b) => a - b).map(weekdayName),
    );
  if (weekdays(before) !== weekdays(after)) {
    changes.push(`Working days ${changed(false)} from ${weekdays(before)} to ${weekdays(after)}.`);
  }
  const closures = (settings: WorkingTimeSettings) =>
    new Map((settings.closureDays ?? []).map((day) => [day.date, day.name]));
  const was = closures(before);
  const now = closures(after);
  const describe = (date: string, name: string) =>
    `${formatDate(Temporal.PlainDate.from(date))} (${name})`;
  const added = [...now].filter(([date]) => !was.has(date)).sort(([a], [b]) => a.localeCompare(b));
  const removed = [...was]
    .filter(([date]) => !now.has(date))
    .sort(([a], [b]) => a.localeCompare(b));
  if (added.length > 0) {
    changes.push(
      `Closure day${added.length === 1 ? '' : 's'} added: ${listInWords(added.map(([date, name]) => describe(date, name)))}.`,
    );
  }
  if (removed.length > 0) {
    changes.push(
      `Closure day${removed.length === 1 ? '' : 's'} removed: ${listInWords(removed.map(([date, name]) => describe(date, name)))}.`,
    );
  }
  if (changes.length > 0) return changes.join(' ');
  return tense === 'done' ? NO_CHANGE : '';
}

/** Whether two sets of working time differ in anything that moves a due time. */
export function workingTimeChanged(
  before: WorkingTimeSettings,
  after: WorkingTimeSettings,
): boolean {
  return describeWorkingTimeChange(before, after) !== NO_CHANGE;
}
