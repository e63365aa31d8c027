/**
 * A report's period (api.md: from and to are dates, inclusive) as the sums report_counts keeps
 * by year, by month and by day: whole years and months from their rows, what is left from the
 * days, and, where a part year or part month is most of it, the whole less what is left out. So
 * a summary reads about the same few rows however many cases there are.
 */

export type Grain = 'y' | 'm' | 'd';

export type Bucket = {
  grain: Grain;
  /** YYYY for a year, YYYY-MM for a month, YYYY-MM-DD for a day. */
  period: string;
  /** +1 to add the bucket's counts, −1 to take them away. */
  sign: 1 | -1;
};

export type ReportPeriod = { from: Temporal.PlainDate; to: Temporal.PlainDate };

type PlainDate = Temporal.PlainDate;
const before = (a: PlainDate, b: PlainDate) => Temporal.PlainDate.compare(a, b) < 0;
const latest = (a: PlainDate, b: PlainDate) => (before(a, b) ? b : a);
const earliest = (a: PlainDate, b: PlainDate) => (before(a, b) ? a : b);
const daysIn = (from: PlainDate, to: PlainDate) => from.until(to).days + 1;
const flip = (buckets: Bucket[]): Bucket[] =>
  buckets.map((bucket) => ({ ...bucket, sign: bucket.sign === 1 ? -1 : 1 }));

/** The days of a span, one bucket each. */
function days(from: PlainDate, to: PlainDate): Bucket[] {
  const buckets: Bucket[] = [];
  for (let day = from; !before(to, day); day = day.add({ days: 1 })) {
    buckets.push({ grain: 'd', period: day.toString(), sign: 1 });
  }
  return buckets;
}

/**
 * A span inside one unit (a month of days, a year of months): the unit itself when the span is
 * all of it; the unit less the rest when the span is most of it; else the span's own parts.
 */
function within(
  unit: { grain: Grain; period: string; first: PlainDate; last: PlainDate },
  from: PlainDate,
  to: PlainDate,
  parts: (from: PlainDate, to: PlainDate) => Bucket[],
): Bucket[] {
  const whole: Bucket = { grain: unit.grain, period: unit.period, sign: 1 };
  const covered = daysIn(from, to);
  const all = daysIn(unit.first, unit.last);
  if (covered === all) return [whole];
  if (covered * 2 <= all) return parts(from, to);
  const left = [
    ...(before(unit.first, from) ? parts(unit.first, from.subtract({ days: 1 })) : []),
    ...(before(to, unit.last) ? parts(to.add({ days: 1 }), unit.last) : []),
  ];
  return [whole, ...flip(left)];
}

/** A span of days as months and days. */
function monthsAndDays(from: PlainDate, to: PlainDate): Bucket[] {
  const buckets: Bucket[] = [];
  for (
    let month = from.toPlainYearMonth();
    Temporal.PlainYearMonth.compare(month, to.toPlainYearMonth()) <= 0;
    month = month.add({ months: 1 })
  ) {
    const first = month.toPlainDate({ day: 1 });
    const last = month.toPlainDate({ day: month.daysInMonth });
    buckets.push(
      ...within(
        { grain: 'm', period: month.toString(), first, last },
        latest(from, first),
        earliest(to, last),
        days,
      ),
    );
  }
  return buckets;
}

/** The buckets whose signed sum is the period's count: years, months and days. */
export function bucketsOf({ from, to }: ReportPeriod): Bucket[] {
  const buckets: Bucket[] = [];
  if (before(to, from)) return buckets;
  for (let year = from.year; year <= to.year; year++) {
    const first = Temporal.PlainDate.from({ year, month: 1, day: 1 });
    const last = Temporal.PlainDate.from({ year, month: 12, day: 31 });
    buckets.push(
      ...within(
        { grain: 'y', period: String(year), first, last },
        latest(from, first),
        earliest(to, last),
        monthsAndDays,
      ),
    );
  }
  return buckets;
}

/** Every month the period touches, in order. */
export function monthsOf({ from, to }: ReportPeriod): string[] {
  const months: string[] = [];
  for (
    let month = from.toPlainYearMonth();
    Temporal.PlainYearMonth.compare(month, to.toPlainYearMonth()) <= 0;
    month = month.add({ months: 1 })
  ) {
    months.push(month.toString());
  }
  return months;
}

/** Each month of the period as month and day buckets, for counts by month. */
export function bucketsByMonth({ from, to }: ReportPeriod): Map<string, Bucket[]> {
  return new Map(
    monthsOf({ from, to }).map((month) => {
      const yearMonth = Temporal.PlainYearMonth.from(month);
      const first = yearMonth.toPlainDate({ day: 1 });
      const last = yearMonth.toPlainDate({ day: yearMonth.daysInMonth });
      return [month, monthsAndDays(latest(from, first), earliest(to, last))];
    }),
  );
}

/** api.md's default: the 12 months ending today, from the same date a year ago, inclusive. */
export function defaultPeriod(today: Temporal.PlainDate): ReportPeriod {
  return { from: today.subtract({ years: 1 }), to: today };
}
