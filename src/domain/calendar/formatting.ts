/**
 * The one place dates and times become words, in GOV.UK style:
 * "5pm on Monday 4 January 2027", "9:30am", "midday".
 */
const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A day of the week by its ISO number (1 is Monday): "Monday". */
export function weekdayName(isoWeekday: number): string {
  return weekdays[isoWeekday - 1] ?? '';
}

export function formatDate(date: Temporal.PlainDate): string {
  return `${weekdays[date.dayOfWeek - 1]} ${formatDayMonthYear(date)}`;
}

/** A date without its weekday, as a range's ends read: "6 December 2025". */
export function formatDayMonthYear(date: Temporal.PlainDate): string {
  return `${date.day} ${months[date.month - 1]} ${date.year}`;
}

export function formatClockTime(time: Temporal.PlainTime): string {
  if (time.hour === 12 && time.minute === 0) return 'midday';
  if (time.hour === 0 && time.minute === 0) return 'midnight';
  const hour = time.hour % 12 === 0 ? 12 : time.hour % 12;
  const minutes = time.minute === 0 ? '' : `:${String(time.minute).padStart(2, '0')}`;
  return `${hour}${minutes}${time.hour < 12 ? 'am' : 'pm'}`;
}

/** "5pm on Monday 4 January 2027", in the given time zone. */
export function formatInstant(instant: Temporal.Instant, timeZone: string): string {
  const local = instant.toZonedDateTimeISO(timeZone);
  const time = local.toPlainTime();
  // "Midnight on Tuesday" is read as the end of Tuesday; 00:00 is its start.
  if (time.hour === 0 && time.minute === 0) {
    return `midnight at the start of ${formatDate(local.toPlainDate())}`;
  }
  return `${formatClockTime(time)}${doubledZone(local)} on ${formatDate(local.toPlainDate())}`;
}

/**
 * " BST" or " GMT" after a clock time that happens twice that day (the clocks go back), so
 * the words name one instant; nothing otherwise.
 */
function doubledZone(local: Temporal.ZonedDateTime): string {
  const wall = local.toPlainDateTime();
  const earlier = wall.toZonedDateTime(local.timeZoneId, { disambiguation: 'earlier' });
  const later = wall.toZonedDateTime(local.timeZoneId, { disambiguation: 'later' });
  return earlier.offsetNanoseconds === later.offsetNanoseconds ? '' : ` ${zoneName(local)}`;
}

/** "BST", "GMT": the zone's short name at that moment, or its offset where it has none. */
export function zoneName(zoned: Temporal.ZonedDateTime): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zoned.timeZoneId,
    timeZoneName: 'short',
  }).formatToParts(zoned.epochMilliseconds);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? zoned.offset;
}

/** "A", "A and B", "A, B and C". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
