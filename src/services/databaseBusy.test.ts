import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import pg from 'pg';
import { aCase, aDisagreementCast } from '../../test/factories.ts';
import { buildTestApp } from '../../test/testApp.ts';
import { createMigratedDatabase, databaseKindsToTest } from '../../test/testDatabase.ts';
import { openDatabase } from '../db/database.ts';
import { fixedClock } from '../domain/clock.ts';
import { createApiToken } from './apiTokens.ts';
import { databaseBusy } from './databaseBusy.ts';
import { commandLine } from './requestContext.ts';

const postgres = databaseKindsToTest().find(({ kind }) => kind === 'postgres');

function thrownBy(act: () => void): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
}

test('SQLite: a write refused because another holds the lock is busy; a bad statement is not', async (t) => {
  const scratch = await createMigratedDatabase('sqlite');
  t.after(() => scratch.remove());
  if (scratch.target.kind !== 'sqlite') throw new Error('not SQLite');
  const holding = new DatabaseSync(scratch.target.file);
  const waiting = new DatabaseSync(scratch.target.file);
  t.after(() => {
    holding.close();
    waiting.close();
  });
  holding.exec('begin immediate');
  const refused = thrownBy(() => waiting.exec('begin immediate'));
  assert.ok(refused, 'the second writer is refused');
  assert.equal(databaseBusy(refused), true);
  holding.exec('rollback');
  const wrong = thrownBy(() => waiting.exec('select * from no_such_table'));
  assert.equal(databaseBusy(wrong), false);
  assert.equal(databaseBusy(new Error('anything else')), false);
  assert.equal(databaseBusy(undefined), false);
});

test('PostgreSQL: every connection of the pool in use past its wait is busy; a bad statement is not', {
  skip: postgres?.skip ?? 'no PostgreSQL',
}, async (t) => {
  const pool = new pg.Pool({
    connectionString: process.env.TEST_DATABASE_URL,
    max: 1,
    connectionTimeoutMillis: 50,
  });
  t.after(() => pool.end());
  const held = await pool.connect();
  const refused = await pool.query('select 1').then(
    () => undefined,
    (error: unknown) => error,
  );
  held.release();
  assert.ok(refused, 'the query waited for a connection in vain');
  assert.equal(databaseBusy(refused), true);
  const wrong = await pool.query('select * from no_such_table').then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.equal(databaseBusy(wrong), false);
});

test('a request that finds the database busy past its wait is answered 503 with Retry-After', async (t) => {
  const scratch = await createMigratedDatabase('sqlite');
  const database = openDatabase(scratch.target);
  const app = await buildTestApp({ database });
  t.after(async () => {
    await app.close();
    await database.close();
    await scratch.remove();
  });
  const cast = await aDisagreementCast(database);
  const deps = { database, clock: fixedClock('2026-11-24T10:00:00Z') };
  // A case, so that listing it is audited: a write.
  await aCase(deps, cast);
  const { token } = await createApiToken(
    deps,
    { personId: cast.team.id, name: 'busy' },
    commandLine,
  );
  const list = () =>
    app.inject({
      method: 'GET',
      url: '/api/v1/disagreements',
      headers: { authorization: `Bearer ${token}` },
    });
  assert.equal((await list()).statusCode, 200);
  if (scratch.target.kind !== 'sqlite') throw new Error('not SQLite');
  // Another process holds the write lock past the writer's five seconds' wait: the read's
  // audit entry cannot be written, so the read is not answered.
  const other = new DatabaseSync(scratch.target.file);
  t.after(() => other.close());
  other.exec('begin immediate');
  const refused = await list();
  other.exec('rollback');
  assert.equal(refused.statusCode, 503, refused.body);
  assert.equal(refused.headers['retry-after'], '2');
  assert.equal(refused.json().status, 503);
  assert.equal((await list()).statusCode, 200, 'answered again once the lock is let go');
});
