import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { createScratchDatabase, databaseKindsToTest } from '../../test/testDatabase.ts';
import { openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';

const postgres = databaseKindsToTest().find(({ kind }) => kind === 'postgres');
const skip = postgres?.skip ?? 'no PostgreSQL';

test('introspection sees only the connection’s own schema', { skip }, async (t) => {
  const mine = await createScratchDatabase('postgres');
  const theirs = await createScratchDatabase('postgres');
  const database = openDatabase(mine.target);
  const other = openDatabase(theirs.target);
  t.after(async () => {
    await Promise.all([database.close(), other.close()]);
    await Promise.all([mine.remove(), theirs.remove()]);
  });
  await migrateToLatest(database.db);
  await other.db.schema.createTable('only_theirs').addColumn('id', 'text').execute();
  const names = (await database.db.introspection.getTables()).map((table) => table.name);
  assert.ok(names.includes('people'));
  assert.ok(!names.includes('only_theirs'));
});

test('migrations succeed while other schemas are created and dropped all the time', {
  skip,
}, async (t) => {
  // Another deployment (or test run) churning schemas: this broke Kysely's own introspector.
  const churner = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await churner.connect();
  let churning = true;
  const churn = (async () => {
    for (let n = 0; churning; n++) {
      const schema = `accord_churn_${process.pid}_${n}`;
      await churner.query(`create schema ${schema}`);
      await churner.query(`create table ${schema}.t (a text, b text, c text)`);
      await churner.query(`drop schema ${schema} cascade`);
    }
  })();
  t.after(async () => {
    churning = false;
    await churn;
    await churner.end();
  });
  let failures = 0;
  for (let run = 0; run < 12; run++) {
    const scratch = await createScratchDatabase('postgres');
    const database = openDatabase(scratch.target);
    try {
      await migrateToLatest(database.db);
    } catch {
      failures++;
    } finally {
      await database.close();
      await scratch.remove();
    }
  }
  assert.equal(failures, 0);
});
