import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { createMigratedDatabase } from '../../test/testDatabase.ts';
import { openDatabase } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { fixedClock } from '../domain/clock.ts';
import { generateCases } from './generation/generateCases.ts';
import { refreshPlannerStatistics } from './plannerStatistics.ts';

// SQLite's alone: PostgreSQL's autovacuum analyses what changes.

async function aSqliteDatabase(t: { after(fn: () => Promise<void>): void }) {
  const scratch = await createMigratedDatabase('sqlite');
  const database = openDatabase(scratch.target);
  t.after(async () => {
    await database.close();
    await scratch.remove();
  });
  return database;
}
test('SQLite: a practitioner’s few cases are read by their ids, not through the partnership’s many', async (t) => {
  const database = await aSqliteDatabase(t);
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

test('SQLite: figures made when the directory was small are made again once it has grown', async (t) => {
  const database = await aSqliteDatabase(t);
  const addPeople = async (from: number, to: number) => {
    const ids = Array.from({ length: to - from }, (_, i) => `person-${from + i}`);
    for (let at = 0; at < ids.length; at += 500) {
      const slice = ids.slice(at, at + 500);
      await database.db
        .insertInto('people')
        .values(
          slice.map((id) => ({
            id,
            partnership_id: null,
            name: id,
            email: `${id}@example.org`,
            active: true,
            created_at: '2026-11-24T09:00:00Z',
          })),
        )
        .execute();
      await database.db
        .insertInto('person_roles')
        .values(slice.map((id) => ({ person_id: id, role: 'practitioner' })))
        .execute();
    }
    return ids;
  };
  await addPeople(0, 30);
  await refreshPlannerStatistics(database);
  const ids = await addPeople(30, 5000);
  // The roles of 500 people, as peopleRepository reads them.
  const planOf = async () =>
    (
      await sql<{
        detail: string;
      }>`explain query plan select person_id, role from person_roles where person_id in (${sql.join(ids.slice(0, 500))})`.execute(
        database.db,
      )
    ).rows
      .map((row) => row.detail)
      .join('\n');
  assert.match(await planOf(), /^SCAN person_roles/, 'planned for 30 people');
  await refreshPlannerStatistics(database);
  assert.match(
    await planOf(),
    /SEARCH person_roles USING (COVERING )?INDEX sqlite_autoindex_person_roles_1/,
  );
});
