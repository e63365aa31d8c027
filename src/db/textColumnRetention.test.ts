import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { textColumnRetention } from '../domain/retention/textColumnRetention.ts';
import type { Database } from './database.ts';

/** Every column of the live schema that can hold text, as `table.column`. */
async function textColumns(database: Database): Promise<string[]> {
  if (database.kind === 'sqlite') {
    const { rows } = await sql<{ column: string }>`
      select t.name || '.' || c.name as "column"
      from sqlite_master t, pragma_table_info(t.name) c
      where t.type = 'table' and t.name not like 'sqlite_%'
        and (c.type like '%text%' or c.type like '%char%' or c.type like '%clob%' or c.type = '')
      order by 1`.execute(database.db);
    return rows.map((row) => row.column);
  }
  const { rows } = await sql<{ column: string }>`
    select table_name || '.' || column_name as "column"
    from information_schema.columns
    where table_schema = current_schema()
      and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'xml', 'bytea', 'ARRAY', 'USER-DEFINED')
    order by 1`.execute(database.db);
  return rows.map((row) => row.column);
}

describeOnEachDatabase('what every text column keeps after a retention period', (context) => {
  test('every text column of every table is kept or purged', async () => {
    const unnamed = (await textColumns(context.database)).filter(
      (column) => !(column in textColumnRetention),
    );
    assert.deepEqual(
      unnamed,
      [],
      `Say in textColumnRetention (src/domain/retention/textColumnRetention.ts) whether each of these columns is kept when a case's retention period runs out (and why it holds no case's free text or child's details) or purged (and make retentionRepository.purge in src/db/repositories/retentionRepository.ts empty it, and releasePurgedBytes vacuum its table): ${unnamed.join(', ')}`,
    );
  });

  test('every column named is a column of the schema', async () => {
    const columns = new Set(await textColumns(context.database));
    const { rows } = await sql<{ column: string }>`${
      context.database.kind === 'sqlite'
        ? sql`select t.name || '.' || c.name as "column" from sqlite_master t, pragma_table_info(t.name) c where t.type = 'table'`
        : sql`select table_name || '.' || column_name as "column" from information_schema.columns where table_schema = current_schema()`
    }`.execute(context.database.db);
    const all = new Set(rows.map((row) => row.column));
    assert.deepEqual(
      Object.keys(textColumnRetention).filter((column) => !all.has(column)),
      [],
    );
    assert.ok(columns.size > 0);
  });
});
