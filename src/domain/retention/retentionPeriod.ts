import { z } from 'zod';

/**
 * A partnership's retention period: how many months after a case ended (closed, withdrawn, or
 * resolved and never closed) its details are kept (product.md point 12).
 */
export const DEFAULT_RETENTION_MONTHS = 72;
export const MIN_RETENTION_MONTHS = 1;
/** A hundred years: enough for any policy, and a bound on what the form accepts. */
export const MAX_RETENTION_MONTHS = 1200;

const monthsMessage = `Enter a whole number of months from ${MIN_RETENTION_MONTHS} to ${MAX_RETENTION_MONTHS}`;
export const retentionMonthsSchema = z
  .number({ error: monthsMessage })
  .int(monthsMessage)
  .min(MIN_RETENTION_MONTHS, monthsMessage)
  .max(MAX_RETENTION_MONTHS, monthsMessage);

/**
 * The moment a case must have ended before to be past its period now: `months` calendar months
 * back in the partnership's time zone (a case that ended on 31 March is past six months on
 * 30 September, the end of the shorter month).
 */
export function retentionCutoff(
  now: Temporal.Instant,
  months: number,
  timeZone: string,
): Temporal.Instant {
  return now.toZonedDateTimeISO(timeZone).subtract({ months }).toInstant();
}
