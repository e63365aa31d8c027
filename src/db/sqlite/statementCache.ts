import type { DatabaseSync, StatementSync } from 'node:sqlite';

export type CachedStatement = { statement: StatementSync; returnsRows: boolean };

/**
 * Prepared statements kept by their SQL, least recently used dropped first: preparing is a
 * large part of a short query's cost, and Accord's queries come from a few hundred shapes.
 */
export class StatementCache {
  readonly #database: DatabaseSync;
  readonly #capacity: number;
  readonly #statements = new Map<string, CachedStatement>();

  constructor(database: DatabaseSync, capacity = 500) {
    this.#database = database;
    this.#capacity = capacity;
  }

  get(sql: string): CachedStatement {
    const cached = this.#statements.get(sql);
    if (cached) {
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = this.#database.prepare(sql);
    const prepared = { statement, returnsRows: statement.columns().length > 0 };
    this.#statements.set(sql, prepared);
    if (this.#statements.size > this.#capacity) {
      const oldest = this.#statements.keys().next().value as string;
      this.#statements.delete(oldest);
    }
    return prepared;
  }

  get size(): number {
    return this.#statements.size;
  }
}

export type StatementResult = {
  rows: unknown[];
  changes?: number | bigint;
  lastInsertRowid?: number | bigint;
};

/** Runs one statement the way Kysely's SQLite connection does: rows if it returns any. */
export function runStatement(
  cache: StatementCache,
  sql: string,
  parameters: readonly import('node:sqlite').SQLInputValue[],
): StatementResult {
  const { statement, returnsRows } = cache.get(sql);
  if (returnsRows) return { rows: statement.all(...parameters) };
  const { changes, lastInsertRowid } = statement.run(...parameters);
  return { rows: [], changes, lastInsertRowid };
}
