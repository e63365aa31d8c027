/**
 * The one reading of a date and a time as people type them into a GOV.UK form: a date in three
 * boxes (day, month, year) and a clock time in words or figures, in the partnership's time
 * zone. Every form's date and time fields go through here, so they agree on what "midnight"
 * or "31 2 2027" means.
 */

export type DateParts = { day: string; month: string; year: string };
export type Unreadable = 'missing' | 'invalid';

const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2100;

/** A real date from its three boxes: 'missing' when all three are empty, 'invalid' when not a date. */
export function dateFromParts(parts: DateParts): Temporal.PlainDate | Unreadable {
  const [day, month, year] = [parts.day, parts.month, parts.year].map((part) => part.trim());
  if (!day && !month && !year) return 'missing';
  if (
    !/^\d{1,2}$/.test(day ?? '') ||
    !/^\d{1,2}$/.test(month ?? '') ||
    !/^\d{4}$/.test(year ?? '')
  ) {
    return 'invalid';
  }
  try {
    const date = Temporal.PlainDate.from(
      { year: Number(year), month: Number(month), day: Number(day) },
      { overflow: 'reject' },
    );
    return date.year < EARLIEST_YEAR || date.year > LATEST_YEAR ? 'invalid' : date;
  } catch {
    return 'invalid';
  }
}

/**
 * A clock time: "14:30", "14.30", "2:30pm", "2pm", "9 am", "midday" or "noon" (12:00),
 * "midnight" (00:00, the start of the day). A bare hour without am or pm is ambiguous.
 */
export function clockTimeFrom(text: string): Temporal.PlainTime | Unreadable {
  const value = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!value) return 'missing';
  if (value === 'midday' || value === 'noon') return new Temporal.PlainTime(12, 0);
  if (value === 'midnight') return new Temporal.PlainTime(0, 0);
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(value);
  if (!match) return 'invalid';
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  const half = match[3];
  if (minute > 59) return 'invalid';
  if (half) {
    if (hour < 1 || hour > 12) return 'invalid';
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (hour > 23 || match[2] === undefined) {
    return 'invalid';
  }
  return new Temporal.PlainTime(hour, minute);
}

/** The instant a local date and time name in a time zone (the earlier one if the clocks go back). */
export function localInstant(
  date: Temporal.PlainDate,
  time: Temporal.PlainTime,
  timeZone: string,
): Temporal.Instant {
  return date.toZonedDateTime({ timeZone, plainTime: time }).toInstant();
}
