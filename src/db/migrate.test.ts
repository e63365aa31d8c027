import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createScratchDatabase, databaseKindsToTest } from '../../test/testDatabase.ts';
import { openDatabase } from './database.ts';
import { migrateToLatest, migrationNames } from './migrate.ts';

const postgres = databaseKindsToTest().find(({ kind }) => kind === 'postgres');

test('two deployments in different PostgreSQL schemas of one database each get their own tables', {
  skip: postgres?.skip ?? 'no PostgreSQL',
}, async (t) => {
  const first = await createScratchDatabase('postgres');
  const second = await createScratchDatabase('postgres');
  t.after(() => Promise.all([first.remove(), second.remove()]));
  const firstDatabase = openDatabase(first.target);
  const secondDatabase = openDatabase(second.target);
  t.after(() => Promise.all([firstDatabase.close(), secondDatabase.close()]));

  const all = await migrationNames();
  assert.ok(all.length >= 2);
  assert.deepEqual(await migrateToLatest(firstDatabase.db), all);
  assert.deepEqual(await migrateToLatest(secondDatabase.db), all);
  assert.deepEqual(await migrateToLatest(secondDatabase.db), []);
});
