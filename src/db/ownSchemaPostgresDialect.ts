import {
  type DatabaseIntrospector,
  type Kysely,
  PostgresDialect,
  type PostgresDialectConfig,
  sql,
  type TableMetadata,
} from 'kysely';
import type pg from 'pg';
import { nameStatementsOf } from './namedStatements.ts';

/**
 * Kysely's PostgreSQL introspector reads the catalog of every schema and calls functions on
 * each row, so it fails ("schema … does not exist", "column … does not exist") when another
 * deployment or test run drops a schema meanwhile. Its Migrator only needs the names of this
 * connection's own tables, so this one looks at the current schema alone, in pg_catalog.
 * It reports no columns: nothing in Accord introspects them.
 */
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<unknown>;

  constructor(db: Kysely<unknown>) {
    this.#db = db;
  }

  async getSchemas() {
    const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(this.#db);
    return rows.filter((row) => row.name !== null);
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; kind: string }>`
      select c.relname as name, n.nspname as schema, c.relkind as kind
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'f')
      order by c.relname`.execute(this.#db);
    return rows.map((row) => ({
      name: row.name,
      schema: row.schema,
      isView: row.kind === 'v' || row.kind === 'm',
      isForeign: row.kind === 'f',
      columns: [],
    }));
  }
}

/**
 * PostgreSQL through pg, introspecting only the connection's own schema, each connection's
 * statements named so that they are parsed and planned once (namedStatements.ts).
 */
export class OwnSchemaPostgresDialect extends PostgresDialect {
  /** `pool` may be made when the first query needs it (so pg loads only then). */
  constructor(
    config: Omit<PostgresDialectConfig, 'pool'> & { pool: pg.Pool | (() => Promise<pg.Pool>) },
  ) {
    const { pool } = config;
    super({
      ...config,
      pool: async () => {
        const made = typeof pool === 'function' ? await pool() : pool;
        nameStatementsOf(made);
        return made;
      },
    });
  }

  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}
