import type { CompiledQuery, DatabaseConnection, Kysely } from 'kysely';
import type { Database } from '../src/db/database.ts';

/** The SQL of every statement a database ran while it was being counted, BEGIN and COMMIT too. */
export type StatementCounter = {
  /** The same database, its statements counted. Give it to the app under test. */
  database: Database;
  /** The statements run so far, in order. */
  readonly statements: readonly string[];
  /** The same, with their parameters: to run them again (bench/preparedStatements.ts). */
  readonly queries: readonly CompiledQuery[];
  /** The statements `run` caused, and what it returned. */
  during<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
};

type Executor = ReturnType<Kysely<unknown>['getExecutor']>;

/**
 * Counts at the connection, where Kysely sends every statement: a query, and a transaction's
 * BEGIN, COMMIT and ROLLBACK (which no plugin sees). Kysely has no public way to wrap the
 * connections of a database it has already opened, so this replaces the provider of
 * connections on the executor of a copy of the database (`withPlugin` makes one of its own):
 * every query and transaction of that copy takes its connection from there.
 */
export function statementCounter(database: Database): StatementCounter {
  const statements: string[] = [];
  const queries: CompiledQuery[] = [];
  const db = database.db.withPlugin({
    transformQuery: (args) => args.node,
    transformResult: async (args) => args.result,
  });
  const executor = db.getExecutor() as Executor & {
    provideConnection: Executor['provideConnection'];
  };
  const provide = executor.provideConnection.bind(executor);
  executor.provideConnection = (consumer, options) =>
    provide((connection) => consumer(counted(connection, statements, queries)), options);
  return {
    database: { ...database, db },
    statements,
    queries,
    async during(run) {
      const from = statements.length;
      const result = await run();
      return { result, statements: statements.slice(from) };
    },
  };
}

// A proxy, so that what a driver calls besides these (pg's own release and discard) still works.
function counted(
  connection: DatabaseConnection,
  statements: string[],
  queries: CompiledQuery[],
): DatabaseConnection {
  return new Proxy(connection, {
    get(target, property) {
      if (property === 'executeQuery' || property === 'streamQuery') {
        return (query: CompiledQuery, ...rest: unknown[]) => {
          statements.push(query.sql);
          queries.push(query);
          return (target[property] as (...args: unknown[]) => unknown).call(target, query, ...rest);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
