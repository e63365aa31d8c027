import type { Config } from '../config.ts';
import { type Database, databaseTargetFor, openDatabase } from '../db/database.ts';
import { refuseWhileRestoreUnfinished } from '../db/dataFolderClaims.ts';
import { prepareDatabase } from '../db/prepareDatabase.ts';
import { systemClock } from '../domain/clock.ts';
import { reindexCases } from '../services/reindexCases.ts';

/**
 * Opens the configured database for one command, brought up to date, and always closes it
 * again. The embedded database is not opened while a restore replaces it, nor after one was
 * interrupted: a command would write to the file being set aside, or make a new empty one.
 */
export async function withDatabase<T>(
  config: Config,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  if (!config.databaseUrl) refuseWhileRestoreUnfinished(config.dataDir, 'run this command');
  const database = openDatabase(databaseTargetFor(config));
  try {
    await prepareDatabase(config, database);
    await reindexCases({ database, clock: systemClock });
    return await work(database);
  } finally {
    await database.close();
  }
}
