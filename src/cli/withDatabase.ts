import type { Config } from '../config.ts';
import { type Database, databaseTargetFor, openDatabase } from '../db/database.ts';
import { prepareDatabase } from '../db/prepareDatabase.ts';
import { systemClock } from '../domain/clock.ts';
import { reindexCases } from '../services/reindexCases.ts';

/** Opens the configured database for one command, brought up to date, and always closes it again. */
export async function withDatabase<T>(
  config: Config,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const database = openDatabase(databaseTargetFor(config));
  try {
    await prepareDatabase(config, database);
    await reindexCases({ database, clock: systemClock });
    return await work(database);
  } finally {
    await database.close();
  }
}
