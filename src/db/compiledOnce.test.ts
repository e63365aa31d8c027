import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Kysely } from 'kysely';
import { aPartnership, aPerson } from '../../test/factories.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { compiledOnce } from './compiledOnce.ts';
import type { DatabaseSchema } from './schema.ts';

describeOnEachDatabase('hot queries compiled once', (context) => {
  test('each shape is built once, then run with new values, giving what building gives', async () => {
    const { id: partnershipId } = await aPartnership(context.database);
    const people = [];
    for (let i = 0; i < 4; i++) {
      people.push(await aPerson(context.database, { partnershipId, password: null }));
    }
    let builds = 0;
    const build = (db: Kysely<DatabaseSchema>, partnership: string, ids: readonly string[]) => {
      builds++;
      return db
        .selectFrom('people')
        .select(['id', 'name'])
        .where('partnership_id', '=', partnership)
        .where('id', 'in', ids)
        .where('active', '=', true)
        .orderBy('name');
    };
    const named = compiledOnce(build);
    const db = context.database.db;
    const ids = people.map((person) => person.id);

    for (const chosen of [ids.slice(0, 2), ids.slice(2, 4), ids.slice(1, 4), ids.slice(0, 3)]) {
      const expected = await build(db, partnershipId, chosen).execute();
      assert.deepEqual(await named(db, partnershipId, chosen), expected);
    }
    // Two shapes (lists of two and of three) were compiled with markers; the rest were built
    // above for the expected rows only.
    assert.equal(builds, 4 + 2);
    assert.deepEqual(await named(db, 'another partnership', ids.slice(0, 2)), []);
    await db.transaction().execute(async (trx) => {
      assert.equal((await named(trx, partnershipId, ids.slice(0, 2))).length, 2);
    });
    assert.equal(builds, 4 + 2, 'a transaction reuses what was compiled');
  });

  test('an argument that chooses part of the query, not a value, is built every time', async () => {
    const { id: partnershipId } = await aPartnership(context.database);
    const person = await aPerson(context.database, { partnershipId, password: null });
    let builds = 0;
    const byColumn = compiledOnce((db: Kysely<DatabaseSchema>, column: string, value: string) => {
      builds++;
      return db
        .selectFrom('people')
        .select('id')
        .where(column as 'id' | 'email', '=', value);
    });
    const db = context.database.db;
    assert.deepEqual(
      (await byColumn(db, 'email', person.email)).map((row) => row.id),
      [person.id],
    );
    assert.deepEqual(
      (await byColumn(db, 'id', person.id)).map((row) => row.id),
      [person.id],
    );
    assert.equal(builds, 3, 'one marker compile, then built for each call');
  });
});
