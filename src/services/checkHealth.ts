import type { Database } from '../db/database.ts';

/** Whether the service can do its work: for now, whether the database answers. */
export function checkHealth(database: Database): Promise<boolean> {
  return database.isReachable();
}
