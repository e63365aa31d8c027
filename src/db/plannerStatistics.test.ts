import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { createMigratedDatabase } from '../../test/testDatabase.ts';
import { fixedClock } from '../domain/clock.ts';
import { generateCases } from '../services/generation/generateCases.ts';
import { openDatabase } from './database.ts';
import { refreshPlannerStatistics } from './plannerStatistics.ts';
import type { DatabaseSchema } from './schema.ts';

// SQLite's alone: PostgreSQL's autovacuum analyses what changes.
test('SQLite: a practitioner’s few cases are read by their ids, not through the partnership’s many', async (t) => {
  const scratch = await createMigratedDatabase('sqlite');
  const database = openDatabase(scratch.target);
  t.after(async () => {
    await database.close();
    await scratch.remove();
  });
  await generateCases(
    { database, clock: fixedClock('2026-11-24T10:00:00Z') },
    { cases: 400, partnerships: 1, years: 3, seed: 7 },
  );
  const partnership = await database.db
    .selectFrom('disagreements')
    .select('partnership_id')
    .executeTakeFirstOrThrow();
  // The shape of caseReads.openConcerning's read: their cases by id, still asking something.
  const planOf = async (db: Kysely<DatabaseSchema> = database.db) => {
    const query = sql<{
      detail: string;
    }>`explain query plan select document from disagreements where id in (${'a'}, ${'b'}, ${'c'}) and status in ('open', 'resolved') and partnership_id = ${partnership.partnership_id}`;
    return (await query.execute(db)).rows.map((row) => row.detail).join('\n');
  };
  assert.match(await planOf(), /USING INDEX disagreements_awaiting/, 'a guess, before');
  // Read through a connection opened before, once more so that it has the statement prepared.
  const inTransaction = () =>
    database.db
      .transaction()
      .setAccessMode('read only')
      .execute((trx) => planOf(trx));
  assert.match(await inTransaction(), /USING INDEX disagreements_awaiting/);
  await refreshPlannerStatistics(database);
  const byId = /USING INDEX sqlite_autoindex_disagreements_1 \(id=\?\)/;
  // On this thread's reading connection, and on those of read-only transactions.
  assert.match(await planOf(), byId);
  assert.match(await inTransaction(), byId);
  // Twice: a second run, with nothing changed, keeps what the first found.
  await refreshPlannerStatistics(database);
  assert.match(await planOf(), byId);
  assert.match(await inTransaction(), byId);
});
