import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * How many statements each PostgreSQL connection keeps prepared: the hot ones of every page
 * fit, while the shapes that differ only in the length of an `in (…)` list come and go.
 */
export const NAMED_STATEMENTS_PER_CONNECTION = 100;

const NAMABLE = /^\s*(select|insert|update|delete|with)\b/i;
const BEGINS = /^\s*(begin|start\s+transaction)\b/i;
const ENDS = /^\s*(commit|rollback|end|abort)\s*;?\s*$/i;

type QueryResult = pg.QueryResult<Record<string, unknown>>;
type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Names the statements of every connection the pool opens (pg's `{ name, text, values }`), so
 * that PostgreSQL parses and plans each once per connection, then only binds and runs it:
 * about half the time of the case read's selects (bench/preparedStatements.ts). pg cannot
 * forget a named statement itself, so each connection keeps only its most recently used few
 * and DEALLOCATEs the one that falls out, once no transaction is open on it.
 */
export function nameStatementsOf(pool: pg.Pool, capacity = NAMED_STATEMENTS_PER_CONNECTION) {
  pool.on('connect', (client) => nameStatements(client, capacity));
}

function nameStatements(client: pg.PoolClient, capacity: number): void {
  const query = client.query.bind(client) as Query;
  // Text → name, least recently used first.
  const named = new Map<string, string>();
  const toDeallocate = new Set<string>();
  let inTransaction = false;
  // pg's own record of what it has parsed on this connection: it must forget a name too, or it
  // would skip the parse the next time the name is used.
  const parsed = () =>
    (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection
      ?.parsedStatements;

  // One statement for all that fell out, awaited before the statement that follows: pg runs
  // one query at a time on a connection and will refuse a second sent while one is running.
  const deallocatePending = async () => {
    const known = parsed() ?? {};
    // Never parsed (its first use failed): nothing to forget.
    const names = [...toDeallocate].filter((name) => name in known);
    toDeallocate.clear();
    if (names.length === 0) return;
    // A failure here is the connection's: the statement that follows meets it too.
    await (query(names.map((name) => `deallocate ${name}`).join('; ')) as Promise<unknown>).catch(
      () => {},
    );
    for (const name of names) delete parsed()?.[name];
  };

  const nameOf = (text: string): string => {
    let name = named.get(text);
    if (name) {
      named.delete(text);
    } else {
      name = `accord_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
      toDeallocate.delete(name);
    }
    named.set(text, name);
    if (named.size > capacity) {
      const [oldest, oldestName] = named.entries().next().value as [string, string];
      named.delete(oldest);
      toDeallocate.add(oldestName);
    }
    return name;
  };

  (client as unknown as { query: Query }).query = (config, values, callback) => {
    if (typeof config === 'string') {
      if (BEGINS.test(config)) inTransaction = true;
      else if (ENDS.test(config)) inTransaction = false;
    }
    const name =
      typeof config === 'string' &&
      Array.isArray(values) &&
      callback === undefined &&
      NAMABLE.test(config)
        ? nameOf(config)
        : undefined;
    const run = () => {
      if (name === undefined || typeof config !== 'string') return query(config, values, callback);
      return (query({ name, text: config, values }) as Promise<QueryResult>).catch(
        async (error) => {
          if (!changedResultType(error)) throw error;
          // A migration changed the columns of a table this statement reads (`select *`): its
          // plan no longer fits. Forget it; outside a transaction, ask again unnamed.
          named.delete(config);
          toDeallocate.add(name);
          if (inTransaction) throw error;
          await deallocatePending();
          return query(config, values);
        },
      );
    };
    // Before the statement, so that a connection never holds more than its few (a query with a
    // callback, or a cursor, is left to go first: its caller does not wait on a promise).
    const promised = callback === undefined && typeof config === 'string';
    if (inTransaction || toDeallocate.size === 0 || !promised) return run();
    return deallocatePending().then(run);
  };
}

function changedResultType(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return code === '0A000' && /cached plan must not change result type/.test(message ?? '');
}
