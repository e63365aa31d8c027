import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { openDatabase } from '../../../db/database.ts';

describeOnEachDatabase('health check', (context) => {
  test('answers 200 while the database is reachable', async () => {
    const app = await buildTestApp({ database: context.database });
    try {
      const response = await app.inject({ method: 'GET', url: '/health' });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { status: 'ok', database: true });
    } finally {
      await app.close();
    }
  });
});

test('the health check answers 503 when the database cannot be reached', async () => {
  const unreachable = openDatabase({
    kind: 'postgres',
    connectionString: 'postgres://postgres@127.0.0.1:1/none',
  });
  const app = await buildTestApp({ database: unreachable });
  try {
    const response = await app.inject({ method: 'GET', url: '/health' });
    assert.equal(response.statusCode, 503);
    assert.deepEqual(response.json(), { status: 'unavailable', database: false });
  } finally {
    await app.close();
    await unreachable.close();
  }
});
