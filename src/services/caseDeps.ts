import type { Database } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';

/** What every use case on a case needs: the database, the clock, and where Accord is served. */
export type CaseDeps = {
  database: Database;
  clock: Clock;
  /** Where Accord is served, for links in messages. */
  baseUrl?: string;
  /** Queue no messages: for loading cases that happened in the past (the demo data set). */
  quiet?: boolean;
};

export const DEFAULT_BASE_URL = 'http://localhost:3000';
