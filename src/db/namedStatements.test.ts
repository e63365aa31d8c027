import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { createScratchDatabase, databaseKindsToTest } from '../../test/testDatabase.ts';
import { nameStatementsOf } from './namedStatements.ts';
import { OwnSchemaPostgresDialect } from './ownSchemaPostgresDialect.ts';

const postgres = databaseKindsToTest().find(({ kind }) => kind === 'postgres');
const skip = postgres?.skip ?? 'no PostgreSQL';

/** One connection, so that what it has prepared can be asked of it. */
async function oneConnection(
  t: { after(fn: () => Promise<void>): void },
  capacity?: number,
  onConnect?: (client: pg.PoolClient) => void,
) {
  const scratch = await createScratchDatabase('postgres');
  if (scratch.target.kind !== 'postgres') throw new Error('not PostgreSQL');
  const pool = new pg.Pool({ connectionString: scratch.target.connectionString, max: 1 });
  // Before naming, so that it sees the queries naming sends to the connection.
  if (onConnect) pool.on('connect', onConnect);
  if (capacity !== undefined) nameStatementsOf(pool, capacity);
  const db = new Kysely<Record<string, Record<string, unknown>>>({
    dialect:
      capacity === undefined
        ? new OwnSchemaPostgresDialect({ pool })
        : new (class extends OwnSchemaPostgresDialect {})({ pool: unnamedPool(pool) }),
  });
  t.after(async () => {
    await db.destroy();
    await scratch.remove();
  });
  const prepared = async () =>
    (
      await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)
    ).rows.map((row) => row.statement);
  return { db, prepared };
}

// The dialect names the statements of every pool it is given; a test of another capacity
// names them itself and hands the dialect a pool that will not emit 'connect' to it again.
function unnamedPool(pool: pg.Pool): pg.Pool {
  return new Proxy(pool, {
    get(target, property) {
      if (property === 'on') return () => target;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

test('a statement run twice is parsed once: it stays prepared on its connection', {
  skip,
}, async (t) => {
  const { db, prepared } = await oneConnection(t);
  await sql`create table things (id text primary key, name text)`.execute(db);
  for (const id of ['a', 'b']) {
    await db
      .insertInto('things')
      .values({ id, name: `thing ${id}` })
      .execute();
  }
  const found = await db.selectFrom('things').selectAll().where('id', '=', 'b').execute();
  assert.deepEqual(found, [{ id: 'b', name: 'thing b' }]);
  const statements = await prepared();
  assert.ok(statements.some((text) => /^insert into "things"/.test(text)));
  assert.ok(statements.some((text) => /^select \* from "things" where "id" = \$1/.test(text)));
  assert.ok(!statements.some((text) => /create table/.test(text)), 'DDL is not named');
});

test('a connection keeps only its most recently used few, the rest deallocated', {
  skip,
}, async (t) => {
  const { db, prepared } = await oneConnection(t, 3);
  await sql`create table things (id text primary key, n integer)`.execute(db);
  // Five shapes: an `in` list of 1 to 5 ids.
  for (let n = 1; n <= 5; n++) {
    const ids = Array.from({ length: n }, (_, i) => `id-${i}`);
    await db.selectFrom('things').select('id').where('id', 'in', ids).execute();
  }
  // Deallocations run before the next statement outside a transaction.
  await db.selectFrom('things').select('id').where('id', 'in', ['x']).execute();
  const statements = await prepared();
  assert.ok(statements.length <= 3, `${statements.length} prepared:\n${statements.join('\n')}`);
  assert.ok(
    statements.some((text) => text.includes('in ($1, $2, $3, $4, $5)')),
    'the latest',
  );
  assert.ok(!statements.some((text) => /in \(\$1, \$2\)/.test(text)), 'an old one is gone');
});

test('deallocating waits its turn: never two queries at once on a connection', {
  skip,
}, async (t) => {
  let running = 0;
  let mostAtOnce = 0;
  const { db } = await oneConnection(t, 2, (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      return query(...args).finally(() => running--);
    };
  });
  await sql`create table things (id text primary key, n integer)`.execute(db);
  // Every statement evicts one, whose deallocation must go before the next statement.
  const shapes = Array.from({ length: 12 }, (_, n) => Array.from({ length: n + 1 }, (_, i) => i));
  for (const ns of shapes)
    await db.selectFrom('things').select('id').where('n', 'in', ns).execute();
  await Promise.all(
    shapes.map((ns) => db.selectFrom('things').select('id').where('n', 'in', ns).execute()),
  );
  assert.equal(mostAtOnce, 1);
});

test('evicted inside a transaction: deallocated after it ends, the transaction unharmed', {
  skip,
}, async (t) => {
  const { db, prepared } = await oneConnection(t, 2);
  await sql`create table things (id text primary key, n integer)`.execute(db);
  await db.transaction().execute(async (trx) => {
    for (let n = 1; n <= 4; n++) {
      await trx
        .insertInto('things')
        .values({ id: `id-${n}`, n })
        .execute();
      await trx.selectFrom('things').select('n').where('n', '=', n).execute();
      await trx.selectFrom('things').select('id').where('n', '<', n).execute();
    }
  });
  const rows = await db.selectFrom('things').select('id').execute();
  assert.equal(rows.length, 4);
  assert.ok((await prepared()).length <= 2);
});

test('a table changed under a prepared `select *` is read again, not refused', {
  skip,
}, async (t) => {
  const { db } = await oneConnection(t);
  await sql`create table things (id text primary key)`.execute(db);
  await db.insertInto('things').values({ id: 'a' }).execute();
  const read = () => db.selectFrom('things').selectAll().where('id', '=', 'a').execute();
  assert.deepEqual(await read(), [{ id: 'a' }]);
  // As a migration run by another instance would.
  await sql`alter table things add column name text`.execute(db);
  assert.deepEqual(await read(), [{ id: 'a', name: null }]);
  assert.deepEqual(await read(), [{ id: 'a', name: null }]);
});
