import { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseSync } from 'node:sqlite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  RawNode,
  SelectQueryNode,
  SqliteAdapter,
  SqliteDialect,
  type TransactionSettings,
} from 'kysely';
import { toSqliteValue } from '../nodeSqliteDatabase.ts';
import { openReadingConnection } from './sqliteConnectionSettings.ts';
import { SqliteWriter } from './sqliteWriter.ts';
import { runStatement, StatementCache, type StatementResult } from './statementCache.ts';
import { TakingTurns } from './takingTurns.ts';

/**
 * The embedded database as one writer and several readers, so that neither a durable commit nor
 * a busy writer holds up the requests that only read:
 *
 * - every change (and every transaction not marked read only) goes to the one writing connection,
 *   in a worker thread (SqliteWriter), taking turns: a commit's fsync blocks only that thread;
 * - a select outside a transaction runs at once on this thread's reading connection, which never
 *   holds a transaction open, so it sees everything committed before it;
 * - a read-only transaction (`db.transaction().setAccessMode('read only')`) takes a reading
 *   connection of its own from a small pool, for a consistent snapshot across its queries.
 *
 * WAL lets the readers read while the writer writes. Each connection keeps its prepared statements.
 */
export class SplitSqliteDialect extends SqliteDialect {
  readonly #file: string;
  readonly #beforeOpening: () => void;

  /** `beforeOpening` runs once, when the first query needs the database (e.g. to make the file). */
  constructor(file: string, beforeOpening: () => void = () => {}) {
    super({ database: () => Promise.reject(new Error('SplitSqliteDialect opens its own')) });
    this.#file = file;
    this.#beforeOpening = beforeOpening;
  }

  override createDriver(): Driver {
    return new SplitSqliteDriver(this.#file, this.#beforeOpening);
  }

  override createAdapter(): SqliteAdapter {
    return new ConcurrentSqliteAdapter();
  }
}

const writingFirst = new AsyncLocalStorage<true>();

/**
 * Work whose transactions go ahead of the ordinary ones waiting for the writer: the commit of
 * many reads' audit entries, so that reads are not held up behind a queue of changes.
 */
export function aheadOfOtherWrites<Result>(work: () => Promise<Result>): Promise<Result> {
  return writingFirst.run(true, work);
}

/** Kysely serialises every query through one connection unless told there can be several. */
class ConcurrentSqliteAdapter extends SqliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

/** A reading connection, and the planner's statistics it was opened with (see refreshed below). */
type Reader = { database: DatabaseSync; statements: StatementCache; statistics: number };

/** Statements after which the planner's statistics differ (plannerStatistics.ts runs them). */
const REFRESHES_STATISTICS = /^\s*(pragma\s+optimize|analyze)\b/i;

const READING_TRANSACTIONS = 4;

class SplitSqliteDriver implements Driver {
  readonly #file: string;
  readonly #beforeOpening: () => void;
  #writer: SqliteWriter | undefined;
  readonly #writerTurns = new TakingTurns();
  #plainReader: Reader | undefined;
  readonly #allReaders: Reader[] = [];
  readonly #idleReaders: Reader[] = [];
  readonly #waitingForReader: ((reader: Reader) => void)[] = [];
  /**
   * How many times the writer has refreshed the planner's statistics. A connection reads them
   * only when it loads the schema, which ANALYZE does not change, and reloading them takes the
   * write lock: so a reader opened before is closed and opened again at its next use.
   */
  #statistics = 0;

  constructor(file: string, beforeOpening: () => void) {
    this.#file = file;
    this.#beforeOpening = beforeOpening;
  }

  async init(): Promise<void> {
    this.#beforeOpening();
    // The writer opens first: it creates the file and turns WAL on before anyone reads.
    this.#writer = await SqliteWriter.open(this.#file);
    this.#plainReader = this.#openReader();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new SplitSqliteConnection(this);
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const split = connection as SplitSqliteConnection;
    if (settings.accessMode === 'read only') {
      const reader = await this.#takeReader();
      try {
        reader.database.exec('begin');
      } catch (error) {
        this.returnReader(reader);
        throw error;
      }
      split.readInside(reader);
      return;
    }
    const endTurn = await this.#writerTurns.take({ first: writingFirst.getStore() === true });
    try {
      await this.writer.execute('begin immediate', []);
    } catch (error) {
      endTurn();
      throw error;
    }
    split.writeInside(endTurn);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as SplitSqliteConnection).end('commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as SplitSqliteConnection).end('rollback');
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // A transaction that could neither commit nor roll back still gives its connection back.
    await (connection as SplitSqliteConnection).end('rollback', { quietly: true });
  }

  async destroy(): Promise<void> {
    await this.#writerTurns.take();
    for (const reader of this.#allReaders) if (reader.database.isOpen) reader.database.close();
    await this.#writer?.close();
  }

  get writer(): SqliteWriter {
    if (!this.#writer) throw new Error('The database is not open');
    return this.#writer;
  }

  get plainReader(): Reader {
    if (!this.#plainReader) throw new Error('The database is not open');
    // Its statements run to the end on this thread, so between two it holds nothing.
    this.#plainReader = this.#current(this.#plainReader);
    return this.#plainReader;
  }

  /** A change outside any transaction: one statement, in the writer's turn. */
  async writeAlone(sql: string, parameters: ReturnType<typeof toSqliteValue>[]) {
    const endTurn = await this.#writerTurns.take();
    try {
      return await this.written(sql, await this.writer.execute(sql, parameters));
    } finally {
      endTurn();
    }
  }

  /** What the writer ran, noted; its result handed on. */
  written<Result>(sql: string, result: Result): Result {
    if (REFRESHES_STATISTICS.test(sql)) this.#statistics++;
    return result;
  }

  #openReader(): Reader {
    const database = openReadingConnection(this.#file);
    const reader = {
      database,
      statements: new StatementCache(database),
      statistics: this.#statistics,
    };
    this.#allReaders.push(reader);
    return reader;
  }

  /** The reader, or (when the statistics changed since it opened) a new one in its place. */
  #current(reader: Reader): Reader {
    if (reader.statistics === this.#statistics) return reader;
    this.#allReaders.splice(this.#allReaders.indexOf(reader), 1);
    reader.database.close();
    return this.#openReader();
  }

  #takeReader(): Promise<Reader> {
    const idle = this.#idleReaders.pop();
    if (idle) return Promise.resolve(this.#current(idle));
    if (this.#allReaders.length <= READING_TRANSACTIONS) {
      return Promise.resolve(this.#openReader());
    }
    return new Promise((resolve) => this.#waitingForReader.push(resolve));
  }

  returnReader(reader: Reader): void {
    const waiting = this.#waitingForReader.shift();
    if (waiting) waiting(this.#current(reader));
    else this.#idleReaders.push(reader);
  }
}

class SplitSqliteConnection implements DatabaseConnection {
  readonly #driver: SplitSqliteDriver;
  #reading: Reader | undefined;
  #endWriterTurn: (() => void) | undefined;

  constructor(driver: SplitSqliteDriver) {
    this.#driver = driver;
  }

  readInside(reader: Reader): void {
    this.#reading = reader;
  }

  writeInside(endTurn: () => void): void {
    this.#endWriterTurn = endTurn;
  }

  async end(how: 'commit' | 'rollback', options: { quietly?: boolean } = {}): Promise<void> {
    const reader = this.#reading;
    if (reader) {
      try {
        if (reader.database.isTransaction) reader.database.exec(how);
      } catch (error) {
        if (how === 'commit') throw error;
      }
      this.#reading = undefined;
      this.#driver.returnReader(reader);
      return;
    }
    const endTurn = this.#endWriterTurn;
    if (!endTurn) return;
    try {
      await this.#driver.writer.execute(how, []);
    } catch (error) {
      // A failed commit leaves the transaction open for Kysely's rollback, in this same turn.
      if (how === 'commit') throw error;
      if (!options.quietly && !/no transaction is active/.test((error as Error).message)) {
        throw error;
      }
    }
    this.#endWriterTurn = undefined;
    endTurn();
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const parameters = compiledQuery.parameters.map(toSqliteValue);
    const { sql } = compiledQuery;
    if (this.#reading)
      return asQueryResult(runStatement(this.#reading.statements, sql, parameters));
    if (this.#endWriterTurn) {
      return asQueryResult(
        this.#driver.written(sql, await this.#driver.writer.execute(sql, parameters)),
      );
    }
    if (onlyReads(compiledQuery)) {
      return asQueryResult(runStatement(this.#driver.plainReader.statements, sql, parameters));
    }
    return asQueryResult(await this.#driver.writeAlone(sql, parameters));
  }

  // Nothing in Accord streams (exports page by keyset), so a stream is the whole result in chunks.
  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 100,
  ): AsyncIterableIterator<QueryResult<R>> {
    const { rows } = await this.executeQuery<R>(compiledQuery);
    for (let at = 0; at < rows.length; at += chunkSize) {
      yield { rows: rows.slice(at, at + chunkSize) };
    }
  }
}

function onlyReads(compiledQuery: CompiledQuery): boolean {
  if (SelectQueryNode.is(compiledQuery.query)) return true;
  // EXPLAIN too: the plan a reader would take is the one asked about.
  return RawNode.is(compiledQuery.query) && /^\s*(select|explain)\b/i.test(compiledQuery.sql);
}

function asQueryResult<R>(result: StatementResult): QueryResult<R> {
  if (result.changes === undefined) return { rows: result.rows as R[] };
  return {
    rows: result.rows as R[],
    numAffectedRows: BigInt(result.changes),
    ...(result.lastInsertRowid != null ? { insertId: BigInt(result.lastInsertRowid) } : {}),
  };
}
