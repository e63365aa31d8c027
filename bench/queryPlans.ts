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
    plans.push({ statement: statement.sql, plan, fullScans: fullScansIn(database.kind, plan) });
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

/** A statement shortened for a report line: its first words, whitespace folded. */
export function shortened(statement: string, length = 160): string {
  const folded = statement.replace(/\s+/g, ' ').trim();
  return folded.length > length ? `${folded.slice(0, length)}…` : folded;
}

/** Makes sure planner statistics are fresh before plans are read (PostgreSQL's ANALYZE). */
export async function analysed(database: Database): Promise<void> {
  await sql`analyze`.execute(database.db);
}
