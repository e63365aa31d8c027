// The statements a request runs, recorded as it runs them, and each one's plan: SQLite's
// EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN. A plan that reads a whole large table (a SCAN of
// it without an index on SQLite, a Seq Scan on PostgreSQL) is the one that grows with volume.
import {
  type CompiledQuery,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from 'kysely';
import type { Database } from '../src/db/database.ts';

/**
 * The tables that stay small whatever the volume (a partnership's settings and organisations):
 * reading them whole is fine. Any other table read whole (or under an alias) is a finding.
 */
const smallTables = [
  'settings',
  'partnerships',
  'partnership_closure_days',
  'protocol_versions',
  'service_pages',
  'on_call_contacts',
  'local_authorities',
  'regions',
  'meeting_places',
  'agencies',
  'teams',
  'counters',
];

export type StatementRecorder = {
  /** The database to hand the app: the same connection, every statement recorded. */
  database: Database;
  /** Runs `work` and returns the statements it ran (by their SQL, each once). */
  during(work: () => Promise<unknown>): Promise<CompiledQuery[]>;
};

export function statementRecorder(database: Database): StatementRecorder {
  let recording: PluginTransformQueryArgs[] | null = null;
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      recording?.push(args);
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return args.result;
    },
  };
  return {
    database: { ...database, db: database.db.withPlugin(plugin) },
    async during(work) {
      const recorded: PluginTransformQueryArgs[] = [];
      recording = recorded;
      try {
        await work();
      } finally {
        recording = null;
      }
      const executor = database.db.getExecutor();
      const bySql = new Map<string, CompiledQuery>();
      for (const { node, queryId } of recorded) {
        const compiled = executor.compileQuery(node, queryId);
        if (!bySql.has(compiled.sql)) bySql.set(compiled.sql, compiled);
      }
      return [...bySql.values()];
    },
  };
}

export type Plan = { statement: string; plan: string[]; fullScans: string[] };

const explainable = (statement: string) => /^\s*(select|with|update|delete)\b/i.test(statement);

/** Each statement's plan and the large tables it reads whole. */
export async function plansOf(
  database: Database,
  statements: readonly CompiledQuery[],
): Promise<Plan[]> {
  const plans: Plan[] = [];
  const tables = await tablesOf(database);
  for (const statement of statements) {
    if (!explainable(statement.sql)) continue;
    const prefix = database.kind === 'sqlite' ? 'explain query plan ' : 'explain ';
    const { rows } = await database.db.executeQuery<Record<string, unknown>>({
      ...statement,
      sql: prefix + statement.sql,
      query: statement.query,
    });
    const plan = rows.map((row) =>
      database.kind === 'sqlite' ? String(row.detail) : String(row['QUERY PLAN']),
    );
    const fullScans = fullScansIn(database.kind, plan).filter(
      (table) => tables.has(table) && !readsItsLastRows(statement.sql, tables.get(table)),
    );
    plans.push({ statement: statement.sql, plan, fullScans });
  }
  return plans;
}

function fullScansIn(kind: Database['kind'], plan: readonly string[]): string[] {
  const scanned = plan.flatMap((line) => {
    const found =
      kind === 'sqlite' ? /^SCAN (\w+)$/.exec(line.trim()) : /Seq Scan on (\w+)/.exec(line);
    return found?.[1] ? [found[1]] : [];
  });
  return [...new Set(scanned.filter((table) => !smallTables.includes(table)))];
}

/**
 * The database's tables, each with its SQLite row id column if it has one: a scan of anything
 * else (a recursive query's own rows, a subquery) reads no table.
 */
async function tablesOf(database: Database): Promise<Map<string, string | undefined>> {
  const tables = new Map<string, string | undefined>();
  if (database.kind === 'postgres') {
    const { rows } = await sql<{
      name: string;
    }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(
      database.db,
    );
    for (const { name } of rows) tables.set(name, undefined);
    return tables;
  }
  const { rows } = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table'`.execute(database.db);
  for (const { name } of rows) {
    const columns = await sql<{
      name: string;
      type: string;
      pk: number;
    }>`select name, type, pk from pragma_table_info(${name})`.execute(database.db);
    const keys = columns.rows.filter((column) => column.pk > 0);
    const rowId =
      keys.length === 1 && /^integer$/i.test(keys[0]?.type ?? '') ? keys[0]?.name : undefined;
    tables.set(name, rowId);
  }
  return tables;
}

/** SQLite plans the newest rows by row id (`order by seq desc limit 1`) as a SCAN: it reads one. */
function readsItsLastRows(statement: string, rowId: string | undefined): boolean {
  return rowId !== undefined && new RegExp(`order by "${rowId}" desc limit`, 'i').test(statement);
}

/** A statement shortened for a report line: its first words, whitespace folded. */
export function shortened(statement: string, length = 160): string {
  const folded = statement.replace(/\s+/g, ' ').trim();
  return folded.length > length ? `${folded.slice(0, length)}…` : folded;
}

/** Makes sure planner statistics are fresh before plans are read (PostgreSQL's ANALYZE). */
export async function analysed(database: Database): Promise<void> {
  await sql`analyze`.execute(database.db);
}
