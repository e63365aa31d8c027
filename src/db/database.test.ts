import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { migrateToLatest } from './migrate.ts';
import { settingsRepository } from './repositories/settingsRepository.ts';

describeOnEachDatabase('database', (context) => {
  test('migrating an up-to-date database applies nothing', async () => {
    assert.deepEqual(await migrateToLatest(context.database.db), []);
  });

  test('the settings table exists after migration', async () => {
    // Throws if the table is missing.
    const { rows } = await sql`select key from settings where key = 'no such key'`.execute(
      context.database.db,
    );
    assert.deepEqual(rows, []);
  });

  test('a stored setting reads back with its instant as an ISO string in UTC', async () => {
    const settings = settingsRepository(context.database.db);
    await settings.put('greeting', 'hello', Temporal.Instant.from('2026-11-24T10:15:30.25+01:00'));
    assert.deepEqual(await settings.get('greeting'), {
      key: 'greeting',
      value: 'hello',
      updatedAt: '2026-11-24T09:15:30.250Z',
    });
  });

  test('storing a setting again replaces its value and time', async () => {
    const settings = settingsRepository(context.database.db);
    await settings.put('theme', 'light', Temporal.Instant.from('2026-11-24T09:00:00Z'));
    await settings.put('theme', 'dark', Temporal.Instant.from('2026-11-25T09:00:00Z'));
    assert.deepEqual(await settings.get('theme'), {
      key: 'theme',
      value: 'dark',
      updatedAt: '2026-11-25T09:00:00.000Z',
    });
  });

  test('an unknown setting reads as undefined', async () => {
    assert.equal(await settingsRepository(context.database.db).get('missing'), undefined);
  });

  test('the database is reachable while open', async () => {
    assert.equal(await context.database.isReachable(), true);
  });

  test('a failed transaction stores nothing', async () => {
    const settings = settingsRepository(context.database.db);
    await assert.rejects(
      context.database.db.transaction().execute(async (trx) => {
        await settingsRepository(trx).put('half-done', 'x', Temporal.Now.instant());
        throw new Error('stop');
      }),
      /stop/,
    );
    assert.equal(await settings.get('half-done'), undefined);
  });

  if (context.kind === 'sqlite') {
    test('SQLite runs with WAL, full sync, foreign keys and a busy timeout', async () => {
      const { db } = context.database;
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
      assert.equal(await pragma('journal_mode'), 'wal');
      assert.equal(await pragma('synchronous'), 2);
      assert.equal(await pragma('foreign_keys'), 1);
      assert.equal(await pragma('busy_timeout'), 5000);
    });
  }
});
