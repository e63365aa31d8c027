import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NodeSqliteDatabase, toSqliteValue } from './nodeSqliteDatabase.ts';

describe('values bound to node:sqlite', () => {
  test('a Date becomes its ISO string instead of NULL', () => {
    assert.equal(toSqliteValue(new Date('2026-11-24T10:00:00Z')), '2026-11-24T10:00:00.000Z');
  });

  test('a Temporal instant becomes an ISO string with milliseconds', () => {
    assert.equal(
      toSqliteValue(Temporal.Instant.from('2026-11-24T10:00:00+00:00')),
      '2026-11-24T10:00:00.000Z',
    );
  });

  test('booleans become 1 and 0', () => {
    assert.equal(toSqliteValue(true), 1);
    assert.equal(toSqliteValue(false), 0);
  });

  test('objects and arrays become JSON text', () => {
    assert.equal(toSqliteValue({ a: [1, 'b'] }), '{"a":[1,"b"]}');
    assert.equal(toSqliteValue(['x']), '["x"]');
  });

  test('undefined becomes NULL and plain values pass through', () => {
    assert.equal(toSqliteValue(undefined), null);
    assert.equal(toSqliteValue(7), 7);
    assert.equal(toSqliteValue('text'), 'text');
  });

  test('a statement reports whether it returns rows, and binds converted values', () => {
    const database = new NodeSqliteDatabase(':memory:');
    try {
      const create = database.prepare('create table t (at text, flag integer, data text)');
      assert.equal(create.reader, false);
      create.run([]);
      database
        .prepare('insert into t values (?, ?, ?)')
        .run([new Date('2026-01-02T03:04:05Z'), true, { child: 'one' }]);
      const select = database.prepare('select at, flag, data from t');
      assert.equal(select.reader, true);
      assert.deepEqual(
        select.all([]).map((row) => ({ ...(row as object) })),
        [{ at: '2026-01-02T03:04:05.000Z', flag: 1, data: '{"child":"one"}' }],
      );
    } finally {
      database.close();
    }
  });
});
