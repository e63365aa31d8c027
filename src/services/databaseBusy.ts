/**
 * Whether a query failed because the database is busy rather than wrong: every PostgreSQL
 * connection of the pool in use for longer than its wait, too many clients, a server starting
 * or stopping, or SQLite's lock held past its busy timeout. Such a request may be asked again
 * in a moment: it is answered 503 with Retry-After, not 500.
 */
export function databaseBusy(error: unknown): boolean {
  const { message, code, errcode } = (error ?? {}) as {
    message?: unknown;
    code?: unknown;
    errcode?: unknown;
  };
  if (typeof message === 'string' && /timeout exceeded when trying to connect/i.test(message)) {
    return true;
  }
  // PostgreSQL: too many connections, cannot connect now (starting or shutting down).
  if (code === '53300' || code === '57P03') return true;
  // SQLite's SQLITE_BUSY and SQLITE_LOCKED, with their extended codes.
  return typeof errcode === 'number' && [5, 6].includes(errcode & 0xff);
}

/** How long a client is asked to wait before trying again, in seconds. */
export const BUSY_RETRY_AFTER_SECONDS = 2;
