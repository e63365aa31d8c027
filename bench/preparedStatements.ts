// Does naming PostgreSQL's statements (pg's { name, text, values }: parsed and planned once per
// connection, then only bound and executed) make the hot reads faster? The case read's own
// selects, captured from the real use case, run again on one pooled connection, unnamed and
// named in turn (A, B, A, B…), so that the machine's drift falls on both alike.
import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { getDisagreement } from '../src/services/readDisagreements.ts';
import { aCase, aDisagreementCast, contextOf } from '../test/factories.ts';
import { statementCounter } from '../test/statementCounter.ts';
import { createScratchDatabase, databaseKindsToTest } from '../test/testDatabase.ts';

const ROUNDS = 20;
const READS_PER_ROUND = 300;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function runPreparedStatementBenchmarks(): Promise<void> {
  const postgres = databaseKindsToTest().find((database) => database.kind === 'postgres');
  if (!postgres || postgres.skip) {
    console.log(`prepared statements: PostgreSQL skipped (${postgres?.skip})`);
    return;
  }
  const scratch = await createScratchDatabase('postgres');
  const database = openDatabase(scratch.target);
  try {
    await migrateToLatest(database.db);
    const clock = fixedClock('2026-11-24T10:00:00Z');
    const cast = await aDisagreementCast(database);
    const disagreement = await aCase({ database, clock }, cast);
    const counter = statementCounter(database);
    const context = await contextOf(database, cast.team);
    await getDisagreement({ database: counter.database, clock }, disagreement.id, context);
    const reads = counter.queries.filter((query) => /^\s*select\b/i.test(query.sql));
    if (scratch.target.kind !== 'postgres') throw new Error('not PostgreSQL');
    const pool = new pg.Pool({ connectionString: scratch.target.connectionString, max: 1 });
    const client = await pool.connect();
    try {
      const nameOf = (text: string) =>
        `accord_${createHash('sha256').update(text).digest('base64url').slice(0, 20)}`;
      const run = async (named: boolean) => {
        const started = performance.now();
        for (let i = 0; i < READS_PER_ROUND; i++) {
          for (const { sql: text, parameters } of reads) {
            const values = [...parameters];
            await (named
              ? client.query({ name: nameOf(text), text, values })
              : client.query(text, values));
          }
        }
        return ((performance.now() - started) * 1000) / READS_PER_ROUND;
      };
      await run(false);
      await run(true);
      const unnamed: number[] = [];
      const named: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        unnamed.push(await run(false));
        named.push(await run(true));
      }
      const [a, b] = [median(unnamed), median(named)];
      console.log(
        `prepared statements (PostgreSQL, the case read's ${reads.length} selects, one connection, ` +
          `${ROUNDS} interleaved rounds of ${READS_PER_ROUND}): unnamed ${a.toFixed(0)} µs, ` +
          `named ${b.toFixed(0)} µs a read (median of rounds), ${(((a - b) / a) * 100).toFixed(1)} % less; ` +
          `rounds unnamed ${Math.min(...unnamed).toFixed(0)}–${Math.max(...unnamed).toFixed(0)} µs, ` +
          `named ${Math.min(...named).toFixed(0)}–${Math.max(...named).toFixed(0)} µs`,
      );
    } finally {
      client.release();
      await pool.end();
    }
    await wholeCaseReads(database, scratch.target.connectionString, async (db) => {
      await getDisagreement({ database: db, clock }, disagreement.id, context);
    });
  } finally {
    await database.close();
    await scratch.remove();
  }
}

/** The whole audited case read through Kysely: the dialect's named statements against pg's unnamed. */
async function wholeCaseReads(
  named: Database,
  connectionString: string,
  read: (database: Database) => Promise<void>,
) {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const unnamed: Database = {
    ...named,
    db: new Kysely({ dialect: new PostgresDialect({ pool }) }),
  };
  try {
    const time = async (database: Database) => {
      const started = performance.now();
      for (let i = 0; i < 100; i++) await read(database);
      return (performance.now() - started) * 10;
    };
    await time(unnamed);
    await time(named);
    const a: number[] = [];
    const b: number[] = [];
    for (let round = 0; round < 10; round++) {
      a.push(await time(unnamed));
      b.push(await time(named));
    }
    const [ma, mb] = [median(a), median(b)];
    console.log(
      `  the whole audited case read (getDisagreement, 10 interleaved rounds of 100): unnamed ` +
        `${ma.toFixed(0)} µs, named ${mb.toFixed(0)} µs, ${(((ma - mb) / ma) * 100).toFixed(1)} % less`,
    );
  } finally {
    await unnamed.db.destroy();
  }
}

if (import.meta.main) await runPreparedStatementBenchmarks();
