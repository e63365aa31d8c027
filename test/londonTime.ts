/** The instant of a local time in London, and back: how the protocol tests state due times. */
export const london = (local: string): Temporal.Instant =>
  Temporal.PlainDateTime.from(local).toZonedDateTime('Europe/London').toInstant();

export const inLondon = (instant: Temporal.Instant | null | undefined): string | null =>
  instant
    ?.toZonedDateTimeISO('Europe/London')
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' }) ?? null;
