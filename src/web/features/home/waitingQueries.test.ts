import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { aCase, aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { signIn } from '../../../../test/signIn.ts';
import { type StatementCounter, statementCounter } from '../../../../test/statementCounter.ts';
import { buildTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';

// The home page must not run a query per case: the same statements for 2 cases as for 12.
describeOnEachDatabase('home: the statements Waiting for you runs', (context) => {
  // Read two weeks on, so that every case is overdue and the team's list of them is full.
  const clock = fixedClock('2026-12-08T10:00:00Z');
  let counter: StatementCounter;
  let app: FastifyInstance;
  let cast: Cast;
  const addCases = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await aCase({ database: context.database, clock }, cast, {
        escalations: [{ at: '2026-11-24T09:00:00Z' }],
      });
    }
  };

  before(async () => {
    cast = await aDisagreementCast(context.database);
    counter = statementCounter(context.database);
    app = await buildTestApp({ database: counter.database, clock });
  });

  const statementsFor = async (cookie: string) => {
    const { result: response, statements } = await counter.during(() =>
      app.inject({ method: 'GET', url: '/', headers: { cookie } }),
    );
    assert.equal(response.statusCode, 200);
    const rows = response.body.match(/<tr class="govuk-table__row">/g)?.length ?? 0;
    return { statements: statements.length, rows };
  };

  test('the same few statements for 2 cases as for 12, for a person and for the team', async () => {
    await addCases(2);
    const manager = await signIn(app, cast.school.manager.email);
    const team = await signIn(app, cast.team.email);
    const few = await statementsFor(manager.cookie);
    const teamFew = await statementsFor(team.cookie);
    await addCases(10);
    const many = await statementsFor(manager.cookie);
    const teamMany = await statementsFor(team.cookie);
    // A header row and a row a case.
    assert.equal(few.rows, 1 + 2);
    assert.equal(many.rows, 1 + 12);
    assert.equal(many.statements, few.statements, 'no statement a case');
    // The team's list of what is overdue reads cases with no due time only when those with one
    // do not fill it: a statement fewer once they do, never more.
    assert.ok(
      teamMany.statements <= teamFew.statements,
      `no statement a case for the team: ${teamFew.statements}, then ${teamMany.statements}`,
    );
    assert.ok(few.statements < 30, `${few.statements} statements`);
    assert.match(
      (await app.inject({ method: 'GET', url: '/', headers: { cookie: team.cookie } })).body,
      /Overdue: 12 disagreements/,
    );
  });
});
