import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrateToLatest, migrationNames } from '../src/db/migrate.ts';
import {
  createMigratedDatabase,
  createScratchDatabase,
  type DatabaseKind,
  databaseKindsToTest,
} from './testDatabase.ts';

// biome-ignore lint/suspicious/noExplicitAny: the catalog's tables, not Accord's schema
type AnyTables = Kysely<any>;

async function rows(db: AnyTables, query: ReturnType<typeof sql>): Promise<unknown[]> {
  return (await query.execute(db)).rows;
}

/** Everything the migrations made, with the schema's own name taken out. */
async function schemaOf(database: Database): Promise<unknown> {
  const db = database.db as unknown as AnyTables;
  const migrations = await rows(db, sql`select name from kysely_migration order by name`);
  const tables: string[] =
    database.kind === 'sqlite'
      ? (
          await rows(db, sql`select name from sqlite_master where type = 'table' order by name`)
        ).map((row) => (row as { name: string }).name)
      : (
          await rows(
            db,
            sql`select tablename as name from pg_tables
            where schemaname = current_schema() order by tablename`,
          )
        ).map((row) => (row as { name: string }).name);
  const rowCounts = Object.fromEntries(
    await Promise.all(
      tables.map(async (table) => [
        table,
        (await rows(db, sql`select count(*) as n from ${sql.table(table)}`))[0],
      ]),
    ),
  );
  if (database.kind === 'sqlite') {
    const objects = await rows(
      db,
      sql`select type, name, tbl_name, sql from sqlite_master order by type, name`,
    );
    return { migrations, rowCounts, objects };
  }
  const [{ schema }] = (await rows(db, sql`select current_schema() as schema`)) as [
    { schema: string },
  ];
  const catalog = await Promise.all([
    rows(
      db,
      sql`select table_name, column_name, ordinal_position, data_type, column_default,
      is_nullable, is_identity, identity_generation, is_generated, generation_expression
      from information_schema.columns where table_schema = current_schema()
      order by table_name, ordinal_position`,
    ),
    rows(
      db,
      sql`select conrelid::regclass::text as on_table, conname,
      pg_get_constraintdef(oid) as definition from pg_constraint
      where connamespace = current_schema()::regnamespace order by on_table, conname`,
    ),
    rows(
      db,
      sql`select indexname, indexdef from pg_indexes
      where schemaname = current_schema() order by indexname`,
    ),
    rows(
      db,
      sql`select tgname, pg_get_triggerdef(t.oid) as definition from pg_trigger t
      join pg_class c on c.oid = t.tgrelid
      where c.relnamespace = current_schema()::regnamespace and not tgisinternal
      order by tgname`,
    ),
    rows(
      db,
      sql`select proname, pg_get_functiondef(oid) as definition from pg_proc
      where pronamespace = current_schema()::regnamespace order by proname`,
    ),
    rows(
      db,
      sql`select sequence_name, data_type, start_value, increment from
      information_schema.sequences where sequence_schema = current_schema()
      order by sequence_name`,
    ),
  ]);
  return JSON.parse(
    JSON.stringify({ migrations, rowCounts, catalog }).replaceAll(schema, '(schema)'),
  );
}

async function withDatabase<T>(
  kind: DatabaseKind,
  create: typeof createScratchDatabase,
  use: (database: Database) => Promise<T>,
): Promise<T> {
  const scratch = await create(kind);
  const database = openDatabase(scratch.target);
  try {
    return await use(database);
  } finally {
    await database.close();
    await scratch.remove();
  }
}

for (const { kind, skip } of databaseKindsToTest()) {
  test(`a migrated test database is what running every migration makes [${kind}]`, {
    skip,
  }, async () => {
    const migratedHere = await withDatabase(kind, createScratchDatabase, async (database) => {
      assert.deepEqual(await migrateToLatest(database.db), await migrationNames());
      return schemaOf(database);
    });
    const copied = await withDatabase(kind, createMigratedDatabase, async (database) => {
      assert.deepEqual(await migrateToLatest(database.db), [], 'no migration is left to run');
      return schemaOf(database);
    });
    assert.deepEqual(copied, migratedHere);
  });

  test(`each migrated test database is a copy of its own [${kind}]`, { skip }, async () => {
    await withDatabase(kind, createMigratedDatabase, (first) =>
      withDatabase(kind, createMigratedDatabase, async (second) => {
        await sql`insert into settings (key, value, updated_at)
          values ('only-in-first', '1', '2026-11-24T09:00:00.000Z')`.execute(first.db);
        const stored = sql`select key from settings where key = 'only-in-first'`;
        assert.equal((await stored.execute(first.db)).rows.length, 1);
        assert.equal((await stored.execute(second.db)).rows.length, 0);
      }),
    );
  });
}
