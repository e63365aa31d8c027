import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { openWritingConnection } from './sqlite/sqliteConnectionSettings.ts';

/**
 * Presents `node:sqlite` through the better-sqlite3-shaped interface Kysely's
 * SQLite dialect expects: one connection on this thread, for a database in memory (a file
 * is opened by SplitSqliteDialect, which commits off this thread).
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  readonly #database: DatabaseSync;

  constructor(file: string) {
    this.#database = openWritingConnection(file);
  }

  prepare(sql: string): SqliteStatement {
    const statement = this.#database.prepare(sql);
    return new NodeSqliteStatement(statement);
  }

  close(): void {
    if (this.#database.isOpen) this.#database.close();
  }
}

class NodeSqliteStatement implements SqliteStatement {
  readonly #statement: StatementSync;
  readonly reader: boolean;

  constructor(statement: StatementSync) {
    this.#statement = statement;
    this.reader = statement.columns().length > 0;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.#statement.all(...parameters.map(toSqliteValue));
  }

  run(parameters: ReadonlyArray<unknown>) {
    const { changes, lastInsertRowid } = this.#statement.run(...parameters.map(toSqliteValue));
    return { changes, lastInsertRowid };
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.#statement.iterate(...parameters.map(toSqliteValue));
  }
}

// node:sqlite silently stores NULL for a Date or a plain object, so convert them first.
export function toSqliteValue(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string') {
    return value;
  }
  if (value instanceof Uint8Array) return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Temporal.Instant) return value.toString({ smallestUnit: 'millisecond' });
  return JSON.stringify(value);
}
