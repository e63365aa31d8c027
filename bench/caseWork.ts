// How quickly people work cases once a partnership has many: raising, escalating, a case read
// and a page of the visible list, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { fixedClock } from '../src/domain/clock.ts';
import type { Person } from '../src/domain/directory/directory.ts';
import { escalate } from '../src/domain/disagreement/actions/escalate.ts';
import { loadActor } from '../src/services/loadActor.ts';
import {
  getDisagreement,
  listDisagreements,
  waitingFor,
} from '../src/services/readDisagreements.ts';
import { runCaseAction } from '../src/services/runCaseAction.ts';
import { aCase, aDisagreementCast } from '../test/factories.ts';
import { createScratchDatabase, databaseKindsToTest } from '../test/testDatabase.ts';

const CASES = 2000;
const clock = fixedClock('2026-11-24T10:00:00Z');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function timed<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  samples.push(performance.now() - started);
  return result;
}

const describe = (name: string, samples: number[]) =>
  `${name} p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms`;

export async function runCaseWorkBenchmarks(): Promise<void> {
  for (const { kind, skip } of databaseKindsToTest()) {
    if (skip) continue;
    const scratch = await createScratchDatabase(kind);
    const database = openDatabase(scratch.target);
    try {
      await migrateToLatest(database.db);
      const cast = await aDisagreementCast(database);
      const deps = { database, clock };
      const as = async (person: Person) => ({
        actor: await loadActor(database, person.id),
        via: 'cli' as const,
        requestId: null,
      });
      const manager = await as(cast.school.manager);
      const raiser = await as(cast.school.practitioner);
      const raised: number[] = [];
      const escalated: number[] = [];
      const ids: string[] = [];
      for (let n = 0; n < CASES; n++) {
        const disagreement = await timed(raised, () =>
          aCase(deps, cast, {
            context: raiser,
            raisedAt: '2026-11-23T09:00:00Z',
            urgent: n % 10 === 0,
            children: [
              {
                firstName: 'Bench',
                lastName: `Child ${n}`,
                dateOfBirth: null,
                expectedDueDate: null,
              },
            ],
            summary: 'A benchmark case',
            impactOnChild: 'None',
            desiredOutcome: 'None',
          }),
        );
        ids.push(disagreement.id);
        if (n % 2 === 0) {
          await timed(escalated, () =>
            runCaseAction(
              deps,
              escalate,
              {
                id: disagreement.id,
                version: 1,
                input: { occurredAt: '2026-11-24T09:00:00Z', reason: 'Bench' },
              },
              manager,
            ),
          );
        }
      }
      // PostgreSQL's autovacuum gathers statistics as a real partnership's cases accumulate; a
      // bulk load outruns it, so gather them now, as it would have.
      if (kind === 'postgres') await sql`analyze`.execute(database.db);
      const reads: number[] = [];
      const lists: number[] = [];
      const waiting: number[] = [];
      const team = await as(cast.team);
      for (let n = 0; n < 100; n++) {
        await timed(reads, () =>
          getDisagreement(deps, ids[(n * 17) % ids.length] as string, manager),
        );
        await timed(lists, () => listDisagreements(deps, { limit: 50 }, n % 2 ? team : manager));
      }
      for (let n = 0; n < 10; n++) await timed(waiting, () => waitingFor(deps, manager));
      console.log(
        `[${kind}] ${CASES} cases: ${describe('raise', raised)}; ${describe('escalate', escalated)}; ${describe('read a case', reads)}; ${describe('a page of 50 visible cases', lists)}; ${describe('waiting for you (200 open cases)', waiting)}`,
      );
    } finally {
      await database.close();
      await scratch.remove();
    }
  }
}
