import { formatClockTime, formatDate, zoneName } from './formatting.ts';

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

/**
 * The instant a local date and time name in a time zone (the earlier one if the clocks go back,
 * shifted an hour on if they go forward): for times the service sets itself, such as a working
 * day's end. What a person typed is read by readLocalTime, which asks or refuses instead.
 */
export function localInstant(
  date: Temporal.PlainDate,
  time: Temporal.PlainTime,
  timeZone: string,
): Temporal.Instant {
  return date.toZonedDateTime({ timeZone, plainTime: time }).toInstant();
}

/** Which of a time that happens twice (the clocks go back) a person means. */
export type WhichTime = 'first' | 'second';

/**
 * What a local date and clock time name in a time zone: one instant; none, where the clocks
 * go forward over it (1:30am on the last Sunday of March in Europe/London), with the words that
 * say so; or two, where the clocks go back over it (1:30am on the last Sunday of October), with
 * the question that asks which and its two answers. Never shifted silently: every form reads a
 * typed date and time through this, and asks or refuses rather than guess.
 */
export type LocalTimeReading =
  | { kind: 'one'; instant: Temporal.Instant }
  | { kind: 'skipped'; message: string }
  | {
      kind: 'twice';
      question: string;
      choices: Record<WhichTime, { instant: Temporal.Instant; text: string }>;
    };

export function readLocalTime(
  date: Temporal.PlainDate,
  time: Temporal.PlainTime,
  timeZone: string,
): LocalTimeReading {
  const local = date.toPlainDateTime(time);
  const earlier = local.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  const later = local.toZonedDateTime(timeZone, { disambiguation: 'later' });
  const clock = formatClockTime(time);
  const day = formatDate(date);
  if (!earlier.toPlainDateTime().equals(local)) {
    // In a gap, 'earlier' and 'later' land an offset's change either side of the typed time.
    const forward = Temporal.Duration.from({
      nanoseconds: later.offsetNanoseconds - earlier.offsetNanoseconds,
    }).round({ largestUnit: 'hour' });
    // The clocks change at the transition after `earlier` (2am BST, the instant of 1am GMT).
    const gapEnd = (earlier.getTimeZoneTransition('next') ?? later).toPlainTime();
    const gapStart = gapEnd.subtract(forward);
    return {
      kind: 'skipped',
      message: `There is no ${clock} on ${day}: the clocks go forward ${durationWords(forward)} at ${formatClockTime(gapStart)}. Enter a time before ${formatClockTime(gapStart)} or from ${formatClockTime(gapEnd)}`,
    };
  }
  if (earlier.offsetNanoseconds === later.offsetNanoseconds) {
    return { kind: 'one', instant: earlier.toInstant() };
  }
  return {
    kind: 'twice',
    question: `${capitalised(clock)} happens twice on ${day}, when the clocks go back: say which you mean`,
    choices: {
      first: {
        instant: earlier.toInstant(),
        text: `${clock} ${zoneName(earlier)} (the first)`,
      },
      second: {
        instant: later.toInstant(),
        text: `${clock} ${zoneName(later)} (the second)`,
      },
    },
  };
}

/** The one instant a reading names, given the answer to its question where it asked one. */
export function chosenInstant(
  reading: LocalTimeReading,
  which: unknown,
): Temporal.Instant | undefined {
  if (reading.kind === 'one') return reading.instant;
  if (reading.kind === 'twice' && (which === 'first' || which === 'second')) {
    return reading.choices[which].instant;
  }
  return undefined;
}

function durationWords(duration: Temporal.Duration): string {
  if (duration.minutes === 0 && duration.hours === 1) return 'an hour';
  const hours = duration.hours ? `${duration.hours} hour${duration.hours === 1 ? '' : 's'}` : '';
  const minutes = duration.minutes
    ? `${duration.minutes} minute${duration.minutes === 1 ? '' : 's'}`
    : '';
  return [hours, minutes].filter(Boolean).join(' and ');
}

const capitalised = (text: string) => `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;

/** Which of a doubled local time an instant is, where its local time happens twice that day. */
export function whichOf(instant: Temporal.Instant, timeZone: string): WhichTime | undefined {
  const local = instant.toZonedDateTimeISO(timeZone);
  const reading = readLocalTime(local.toPlainDate(), local.toPlainTime(), timeZone);
  if (reading.kind !== 'twice') return undefined;
  return reading.choices.first.instant.equals(instant) ? 'first' : 'second';
}
