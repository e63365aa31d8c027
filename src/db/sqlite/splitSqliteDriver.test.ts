import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Generated, Kysely, sql } from 'kysely';
import { aheadOfOtherWrites, SplitSqliteDialect } from './splitSqliteDriver.ts';

type Schema = {
  counter: { id: number; value: number };
  note: { id: Generated<number>; text: string };
};

describe('the embedded database: one writer in a worker, readers on this thread', () => {
  let folder: string;
  let db: Kysely<Schema>;

  before(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'accord-split-'));
    db = new Kysely<Schema>({ dialect: new SplitSqliteDialect(path.join(folder, 'test.sqlite')) });
    await sql`create table counter (id integer primary key, value integer not null)`.execute(db);
    await sql`create table note (id integer primary key, text text not null)`.execute(db);
    await db.insertInto('counter').values({ id: 1, value: 0 }).execute();
  });

  after(async () => {
    await db.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  test('a read outside a transaction sees every change committed before it', async () => {
    for (let i = 0; i < 20; i++) {
      await db
        .insertInto('note')
        .values({ text: `note ${i}` })
        .execute();
      const { count } = await db
        .selectFrom('note')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      assert.equal(count, i + 1);
    }
  });

  test('transactions that change take turns: none overwrites another', async () => {
    await db.updateTable('counter').set({ value: 0 }).execute();
    await Promise.all(
      Array.from({ length: 25 }, () =>
        db.transaction().execute(async (trx) => {
          const { value } = await trx
            .selectFrom('counter')
            .select('value')
            .executeTakeFirstOrThrow();
          await sleep(1);
          await trx
            .updateTable('counter')
            .set({ value: value + 1 })
            .execute();
        }),
      ),
    );
    const { value } = await db.selectFrom('counter').select('value').executeTakeFirstOrThrow();
    assert.equal(value, 25);
  });

  test('a failed transaction is rolled back and lets the next one have its turn', async () => {
    await db.updateTable('counter').set({ value: 7 }).execute();
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('counter').set({ value: 8 }).execute();
        await trx.insertInto('counter').values({ id: 1, value: 9 }).execute();
      }),
      (error: Error & { errcode?: number }) =>
        /UNIQUE constraint failed: counter.id/.test(error.message) && error.errcode !== undefined,
    );
    const { value } = await db.selectFrom('counter').select('value').executeTakeFirstOrThrow();
    assert.equal(value, 7, 'the update before the failure was rolled back');
    await db
      .transaction()
      .execute((trx) => trx.updateTable('counter').set({ value: 10 }).execute());
    assert.equal(
      (await db.selectFrom('counter').select('value').executeTakeFirstOrThrow()).value,
      10,
    );
  });

  test('work marked ahead of other writes goes before the changes already waiting', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holding = db.transaction().execute(async (trx) => {
      await trx.insertInto('note').values({ text: 'holding' }).execute();
      await held;
      order.push('holding');
    });
    await sleep(5);
    const waiting = Array.from({ length: 5 }, (_, i) =>
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('note')
          .values({ text: `waiting ${i}` })
          .execute();
        order.push(`waiting ${i}`);
      }),
    );
    const urgent = aheadOfOtherWrites(() =>
      db.transaction().execute(async (trx) => {
        await trx.insertInto('note').values({ text: 'urgent' }).execute();
        order.push('urgent');
      }),
    );
    await sleep(5);
    release();
    await Promise.all([holding, ...waiting, urgent]);
    assert.deepEqual(order, [
      'holding',
      'urgent',
      'waiting 0',
      'waiting 1',
      'waiting 2',
      'waiting 3',
      'waiting 4',
    ]);
  });

  test('a read-only transaction reads one snapshot while changes are committed meanwhile', async () => {
    await db.updateTable('counter').set({ value: 100 }).execute();
    const seen = await db
      .transaction()
      .setAccessMode('read only')
      .execute(async (trx) => {
        const first = await trx.selectFrom('counter').select('value').executeTakeFirstOrThrow();
        await db.updateTable('counter').set({ value: 101 }).execute();
        const second = await trx.selectFrom('counter').select('value').executeTakeFirstOrThrow();
        return [first.value, second.value];
      });
    assert.deepEqual(seen, [100, 100]);
    assert.equal(
      (await db.selectFrom('counter').select('value').executeTakeFirstOrThrow()).value,
      101,
    );
  });

  test('a read-only transaction cannot change anything', async () => {
    await assert.rejects(
      db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => trx.insertInto('note').values({ text: 'not allowed' }).execute()),
      /readonly|read-only|attempt to write/i,
    );
  });

  test('a long change does not hold up this thread, nor the reads on it', async () => {
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 5);
    let writing = true;
    const write = sql`
      insert into note (text)
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 500000)
      select 'bulk ' || i from n`
      .execute(db)
      .finally(() => {
        writing = false;
      });
    await sleep(1);
    const readWhileWriting = await db.selectFrom('counter').select('value').executeTakeFirst();
    const stillWriting = writing;
    await write;
    clearInterval(ticking);
    assert.ok(readWhileWriting, 'the read was answered');
    assert.ok(stillWriting, 'the read was answered while the change was still being written');
    assert.ok(ticks >= 2, `timers ran during the change (${ticks} ticks)`);
  });
});
