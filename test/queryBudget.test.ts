import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../src/domain/clock.ts';
import type { Person } from '../src/domain/directory/directory.ts';
import { createApiToken } from '../src/services/apiTokens.ts';
import { commandLine } from '../src/services/requestContext.ts';
import { aCase, aDisagreementCast, aPerson, type Cast } from './factories.ts';
import { signIn } from './signIn.ts';
import { type StatementCounter, statementCounter } from './statementCounter.ts';
import { buildTestApp } from './testApp.ts';
import { type DatabaseKind, describeOnEachDatabase } from './testDatabase.ts';

// The statements each hot request runs: at most its budget, and as many with many cases and
// people in the partnership as with few (a statement a case or a person would show as growth).
// Counted at the connection, so a transaction's BEGIN and COMMIT count too.
//
// Where the audit is counted: a read's entries are committed by the group-commit batcher
// (src/services/auditedReads.ts) while the request waits for them, so the batch's statements are
// counted here, one request at a time being a batch of one (the chain's head, the insert, the
// head's update; on PostgreSQL also begin, the chain's lock and commit). Under load a batch
// serves many reads, so a read's own share is far less.

// Each budget is what the request takes now, on each database. Reads on PostgreSQL run without
// a transaction (readTogether); SQLite's driver begins and ends its transactions itself, so
// they are not among the statements counted there.
type Budget = Record<DatabaseKind, number>;

/** GET /api/v1/disagreements/:id, as the partnership team. */
export const API_CASE_READ_BUDGET: Budget = { sqlite: 11, postgres: 14 };
/** GET /api/v1/disagreements?limit=50, as the partnership team. */
export const API_LIST_BUDGET: Budget = { sqlite: 9, postgres: 12 };
/** The case page, /disagreements/:id, as the raiser's line manager (header included). */
export const CASE_PAGE_BUDGET: Budget = { sqlite: 28, postgres: 34 };
/** The list page, /disagreements, as the partnership team (header included). */
export const LIST_PAGE_BUDGET: Budget = { sqlite: 16, postgres: 19 };
/**
 * A signed-in page with little of its own to read (the cookies page, as the raiser's line
 * manager): the session, the header's name and its Waiting for you count, the page's text.
 */
export const HEADER_BUDGET: Budget = { sqlite: 16, postgres: 16 };

describeOnEachDatabase('the statements each hot request runs', (context) => {
  // Two weeks on, every case is overdue: Waiting for you and the header have most to show.
  const clock = fixedClock('2026-12-08T10:00:00Z');
  let counter: StatementCounter;
  let app: FastifyInstance;
  let cast: Cast;
  let token: string;
  let manager: string;
  let team: string;
  let firstCaseId: string;
  let casesSoFar = 0;
  let peopleSoFar = 0;

  const addCases = async (upTo: number) => {
    for (; casesSoFar < upTo; casesSoFar++) {
      const made = await aCase({ database: context.database, clock }, cast, {
        escalations: [{ at: '2026-11-24T09:00:00Z' }],
      });
      firstCaseId ??= made.id;
    }
  };
  // Colleagues in both agencies: Waiting for you reads the people of its cases' agencies.
  const addPeople = async (upTo: number) => {
    for (; peopleSoFar < upTo; peopleSoFar++) {
      const side: Person = peopleSoFar % 2 ? cast.school.manager : cast.socialCare.manager;
      await aPerson(context.database, {
        partnershipId: cast.partnershipId,
        agencyId: side.agencyId,
        lineManagerId: side.id,
      });
    }
  };

  const requests = () =>
    ({
      apiCaseRead: {
        url: `/api/v1/disagreements/${firstCaseId}`,
        as: 'api',
        budget: API_CASE_READ_BUDGET,
      },
      apiList: { url: '/api/v1/disagreements?limit=50', as: 'api', budget: API_LIST_BUDGET },
      casePage: { url: `/disagreements/${firstCaseId}`, as: manager, budget: CASE_PAGE_BUDGET },
      listPage: { url: '/disagreements', as: team, budget: LIST_PAGE_BUDGET },
      header: { url: '/cookies', as: manager, budget: HEADER_BUDGET },
    }) as const;
  type RequestName = keyof ReturnType<typeof requests>;

  const statementsOf = async (name: RequestName) => {
    const { url, as } = requests()[name];
    const headers = as === 'api' ? { authorization: `Bearer ${token}` } : { cookie: as as string };
    const { result, statements } = await counter.during(() =>
      app.inject({ method: 'GET', url, headers }),
    );
    assert.equal(result.statusCode, 200, `${name}: ${result.body.slice(0, 300)}`);
    return statements;
  };

  before(async () => {
    cast = await aDisagreementCast(context.database);
    counter = statementCounter(context.database);
    app = await buildTestApp({ database: counter.database, clock });
    token = (
      await createApiToken(
        { database: context.database, clock },
        { personId: cast.team.id, name: 'budget' },
        commandLine,
      )
    ).token;
    manager = (await signIn(app, cast.school.manager.email)).cookie;
    team = (await signIn(app, cast.team.email)).cookie;
  });

  test('each within its budget, and as many with 40 cases and 60 people as with 3 and 5', async () => {
    await addCases(3);
    await addPeople(5);
    const names = Object.keys(requests()) as RequestName[];
    // Once first, uncounted: a token's first use is written down (then at most once a minute).
    for (const name of names) await statementsOf(name);
    const few = new Map<RequestName, string[]>();
    for (const name of names) few.set(name, await statementsOf(name));
    await addCases(40);
    await addPeople(60);
    const many = new Map<RequestName, string[]>();
    for (const name of names) many.set(name, await statementsOf(name));
    for (const name of names) {
      const [before, after] = [few.get(name) ?? [], many.get(name) ?? []];
      const listed = `\n  ${after.map((statement) => statement.slice(0, 120)).join('\n  ')}`;
      if (process.env.SHOW_STATEMENTS) console.log(`${name} [${context.kind}]: ${listed}`);
      assert.equal(after.length, before.length, `${name}: ${before.length}, then ${after.length}`);
      const budget = requests()[name].budget[context.kind];
      assert.ok(after.length <= budget, `${name}: ${after.length} over ${budget}:${listed}`);
    }
  });
});
