// A CPU profile of Accord's own work on a hot read, without the network, of the loaded phase
// alone: `npx node bench/profileCaseRead.ts [sqlite|postgres] [url]` writes case-read.cpuprofile
// (open it in Chrome's DevTools).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { SqliteWriter } from '../src/db/sqlite/sqliteWriter.ts';
import { StatementCache } from '../src/db/sqlite/statementCache.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { createApiToken } from '../src/services/apiTokens.ts';
import { commandLine } from '../src/services/requestContext.ts';
import { aCase, aDisagreementCast } from '../test/factories.ts';
import { buildTestApp } from '../test/testApp.ts';
import { createScratchDatabase } from '../test/testDatabase.ts';

const kind = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const clock = fixedClock('2026-11-24T10:00:00Z');
const scratch = await createScratchDatabase(kind);
const database = openDatabase(scratch.target);
await migrateToLatest(database.db);
const cast = await aDisagreementCast(database);
const cases = [];
for (let i = 0; i < 36; i++) cases.push(await aCase({ database, clock }, cast));
const { token } = await createApiToken(
  { database, clock },
  { personId: cast.team.id, name: 'profile' },
  commandLine,
);
const app = await buildTestApp({ database, clock });
const headers = { authorization: `Bearer ${token}` };
const url = process.argv[3] ?? `/api/v1/disagreements/${cases[0]?.id}`;
const total = Number(process.env.REQUESTS ?? 3000);
// Statements run while loaded, by their SQL: PostgreSQL's queries, SQLite's readers and writer.
const statements = new Map<string, number>();
const counted = (sql: unknown) => {
  const text = String(typeof sql === 'object' && sql ? (sql as { text: string }).text : sql);
  statements.set(text, (statements.get(text) ?? 0) + 1);
};
function countCallsOf(owner: object, method: string) {
  const methods = owner as Record<string, (...args: unknown[]) => unknown>;
  const original = methods[method] as (...args: unknown[]) => unknown;
  methods[method] = function (this: unknown, ...args: unknown[]) {
    counted(args[0]);
    return original.apply(this, args);
  };
}
countCallsOf(pg.Client.prototype, 'query');
countCallsOf(StatementCache.prototype, 'get');
countCallsOf(SqliteWriter.prototype, 'execute');
statements.clear();
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
let sent = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (sent < total) {
      sent++;
      const response = await app.inject({ method: 'GET', url, headers });
      if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const { profile } = await session.post('Profiler.stop');
writeFileSync('case-read.cpuprofile', JSON.stringify(profile));
console.log(`${kind} ${url}: ${(total / seconds).toFixed(0)} req/s in-process`);
const perRequest = [...statements].sort((a, b) => b[1] - a[1]);
console.log(
  `${perRequest.reduce((sum, [, n]) => sum + n, 0) / total} statements a request:\n${perRequest
    .map(
      ([text, n]) =>
        `${(n / total).toFixed(2).padStart(6)}  ${text.replace(/\s+/g, ' ').slice(0, 110)}`,
    )
    .join('\n')}`,
);
await app.close();
await database.close();
await scratch.remove();
