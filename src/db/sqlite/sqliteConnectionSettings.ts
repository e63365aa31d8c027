import { DatabaseSync } from 'node:sqlite';

/**
 * The one connection that writes. A 64 MB page cache (SQLite's own is 2 MB), so the indexes a
 * page reads stay in memory. secure_delete: what is deleted or overwritten is zeroed in the file,
 * not left in free space, so a case purged under its retention period leaves no trace
 * (retentionRepository). synchronous = FULL: a commit is on disk before it is acknowledged.
 */
export function openWritingConnection(file: string): DatabaseSync {
  const database = new DatabaseSync(file);
  database.exec(`
    PRAGMA secure_delete = ON;
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = FULL;
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = 5000;
    PRAGMA cache_size = -65536;
  `);
  return database;
}

/** A connection that only reads (query_only refuses any write sent to it by mistake). */
export function openReadingConnection(file: string, cacheMegabytes = 64): DatabaseSync {
  const database = new DatabaseSync(file);
  database.exec(`
    PRAGMA query_only = ON;
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = 5000;
    PRAGMA cache_size = -${cacheMegabytes * 1024};
  `);
  return database;
}
