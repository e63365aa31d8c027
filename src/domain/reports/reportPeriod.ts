/**
 * A report's period (api.md: from and to are dates, inclusive) as the sums reportCounts keeps:
 * whole months from the month rows, the days of a part month from the day rows, or, where a
 * part month is most of it, the whole month less the days left out. So a summary reads about
 * the same few rows however many cases there are.
 */

export type Grain = 'd' | 'm';

export type Bucket = {
  grain: Grain;
  /** YYYY-MM for a month, YYYY-MM-DD for a day. */
  period: string;
  /** +1 to add the bucket's counts, −1 to take them away. */
  sign: 1 | -1;
  /** The month of the period the bucket counts towards, YYYY-MM. */
  month: string;
};

export type ReportPeriod = { from: Temporal.PlainDate; to: Temporal.PlainDate };

export function monthOf(date: Temporal.PlainDate): string {
  return date.toPlainYearMonth().toString();
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

/** The buckets whose signed sum is the period's count. */
export function bucketsOf({ from, to }: ReportPeriod): Bucket[] {
  const buckets: Bucket[] = [];
  if (Temporal.PlainDate.compare(from, to) > 0) return buckets;
  for (
    let month = from.toPlainYearMonth();
    Temporal.PlainYearMonth.compare(month, to.toPlainYearMonth()) <= 0;
    month = month.add({ months: 1 })
  ) {
    const key = month.toString();
    const first = month.toPlainDate({ day: 1 });
    const last = month.toPlainDate({ day: month.daysInMonth });
    const start = Temporal.PlainDate.compare(from, first) > 0 ? from : first;
    const end = Temporal.PlainDate.compare(to, last) < 0 ? to : last;
    const covered = start.until(end).days + 1;
    if (covered === month.daysInMonth) {
      buckets.push({ grain: 'm', period: key, sign: 1, month: key });
    } else if (covered > month.daysInMonth / 2) {
      buckets.push({ grain: 'm', period: key, sign: 1, month: key });
      for (
        let day = first;
        Temporal.PlainDate.compare(day, last) <= 0;
        day = day.add({ days: 1 })
      ) {
        const inside =
          Temporal.PlainDate.compare(day, start) >= 0 && Temporal.PlainDate.compare(day, end) <= 0;
        if (!inside) buckets.push({ grain: 'd', period: day.toString(), sign: -1, month: key });
      }
    } else {
      for (let day = start; Temporal.PlainDate.compare(day, end) <= 0; day = day.add({ days: 1 })) {
        buckets.push({ grain: 'd', period: day.toString(), sign: 1, month: key });
      }
    }
  }
  return buckets;
}

/** api.md's default: the 12 months ending today, from the same date a year ago, inclusive. */
export function defaultPeriod(today: Temporal.PlainDate): ReportPeriod {
  return { from: today.subtract({ years: 1 }), to: today };
}
