import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { FileMigrationProvider, Migrator } from 'kysely/migration';
import { createScratchDatabase, databaseKindsToTest } from '../../test/testDatabase.ts';
import { openDatabase } from './database.ts';
import { migrateToLatest, migrationNames } from './migrate.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tables as they stood before a migration, not today's schema
type TablesBeforeMigration = Kysely<any>;

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

for (const { kind, skip } of databaseKindsToTest()) {
  test(`cases stored with the old shared "ACC" references get their partnership's prefix [${kind}]`, {
    skip,
  }, async (t) => {
    const scratch = await createScratchDatabase(kind);
    const database = openDatabase(scratch.target);
    t.after(async () => {
      await database.close();
      await scratch.remove();
    });
    const db = database.db as unknown as TablesBeforeMigration;
    const migrator = new Migrator({
      db,
      provider: new FileMigrationProvider({
        fs,
        path,
        migrationFolder: path.join(import.meta.dirname, 'migrations'),
      }),
      ...(kind === 'postgres' ? { migrationTableSchema: await currentSchema(db) } : {}),
    });
    const before = await migrator.migrateTo('2026-11-24-07-notification-preferences');
    assert.equal(before.error, undefined);
    const at = '2026-11-24T09:00:00.000Z';
    const names = ['East Riding Safeguarding Children Partnership', 'East Riding (second)'];
    for (const [index, name] of names.entries()) {
      const partnershipId = `p${index}`;
      await db
        .insertInto('partnerships')
        .values({
          id: partnershipId,
          name,
          time_zone: 'Europe/London',
          calendar: 'england-and-wales',
          working_hours_start: '09:00',
          working_hours_end: '17:00',
          working_weekdays: '[1,2,3,4,5]',
          created_at: `2026-11-2${index}T09:00:00.000Z`,
        })
        .execute();
      await db
        .insertInto('people')
        .values({
          id: `raiser${index}`,
          name: 'Raiser',
          email: `r${index}@example.org`,
          active: kind === 'postgres' ? true : 1,
          created_at: at,
          partnership_id: partnershipId,
        })
        .execute();
      await db
        .insertInto('disagreements')
        .values({
          id: `case${index}`,
          reference: 'ACC-2026-0001',
          version: 1,
          partnership_id: partnershipId,
          protocol_version: 1,
          status: 'open',
          urgent: kind === 'postgres' ? false : 0,
          category: 'threshold',
          pathway: 'general',
          raised_at: at,
          raised_by: `raiser${index}`,
          other_side_can_see: kind === 'postgres' ? true : 1,
          awaiting_confirmation: kind === 'postgres' ? false : 0,
          document: JSON.stringify({ id: `case${index}`, reference: 'ACC-2026-0001' }),
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    await migrateToLatest(database.db);

    const rows = await db
      .selectFrom('disagreements')
      .select(['id', 'reference', 'document'])
      .orderBy('id')
      .execute();
    const documentReference = (document: unknown) =>
      (typeof document === 'string' ? JSON.parse(document) : document).reference;
    assert.deepEqual(
      rows.map((row) => [row.reference, documentReference(row.document)]),
      [
        ['ER-2026-0001', 'ER-2026-0001'],
        ['ER2-2026-0001', 'ER2-2026-0001'],
      ],
    );
    await assert.rejects(
      db
        .updateTable('disagreements')
        .set({ reference: 'ER-2026-0001' })
        .where('id', '=', 'case1')
        .execute(),
      'a reference is unique across the deployment',
    );
  });
}

async function currentSchema(db: TablesBeforeMigration): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema;
}
