import { type Compilable, CompiledQuery, type Kysely, type RootOperationNode } from 'kysely';

type Argument = string | number | bigint | boolean | null | readonly (string | number)[];
type Position = { argument: number; item?: number } | { constant: unknown };
type Compiled = { sql: string; query: RootOperationNode; positions: Position[] } | 'not-reusable';

const SENTINEL = '\u0000compiled-once:';

/**
 * A hot query compiled once for each dialect and shape, then run with new values: Kysely builds
 * and compiles every query anew on every call, which was a sixth of an API case read's CPU.
 *
 * `build` must use its arguments only as values. An array's length is part of the shape (an
 * `in (…)` list of three compiles apart from one of four). The first call compiles `build` with
 * marker values and records where each argument lands among the query's parameters; a query in
 * which an argument does not land exactly once is simply built every time.
 */
export function compiledOnce<Database, Args extends Argument[], Row>(
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
): (db: Kysely<Database>, ...args: Args) => Promise<Row[]> {
  const byDialect = new WeakMap<object, Map<string, Compiled>>();
  return async (db, ...args) => {
    const dialect = db.getExecutor().adapter.constructor;
    let shapes = byDialect.get(dialect);
    if (!shapes) {
      shapes = new Map();
      byDialect.set(dialect, shapes);
    }
    const shape = args.map((arg) => (Array.isArray(arg) ? arg.length : '.')).join(',');
    let compiled = shapes.get(shape);
    if (!compiled) {
      compiled = compileWithMarkers(db, build, args);
      shapes.set(shape, compiled);
    }
    if (compiled === 'not-reusable') return (await db.executeQuery(build(db, ...args))).rows;
    const parameters = compiled.positions.map((position) => {
      if ('constant' in position) return position.constant;
      const argument = args[position.argument];
      return position.item === undefined
        ? argument
        : (argument as readonly unknown[])[position.item];
    });
    const query = { ...CompiledQuery.raw(compiled.sql, parameters), query: compiled.query };
    return (await db.executeQuery<Row>(query)).rows;
  };
}

function compileWithMarkers<Database, Args extends Argument[], Row>(
  db: Kysely<Database>,
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
  args: Args,
): Compiled {
  const markers = args.map((arg, argument) =>
    Array.isArray(arg)
      ? arg.map((_, item) => `${SENTINEL}${argument}:${item}`)
      : `${SENTINEL}${argument}`,
  ) as unknown as Args;
  const { sql, parameters, query } = build(db, ...markers).compile();
  const positions: Position[] = parameters.map((parameter) => {
    if (typeof parameter !== 'string' || !parameter.startsWith(SENTINEL)) {
      return { constant: parameter };
    }
    const [argument, item] = parameter.slice(SENTINEL.length).split(':').map(Number);
    return item === undefined
      ? { argument: argument as number }
      : { argument: argument as number, item };
  });
  const expected = args.reduce<number>((n, arg) => n + (Array.isArray(arg) ? arg.length : 1), 0);
  const used = positions.filter((position) => !('constant' in position)).length;
  const markerInText = sql.includes(SENTINEL);
  return used === expected && !markerInText ? { sql, query, positions } : 'not-reusable';
}
