import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast, type Cast, TEST_PASSWORD } from '../../../test/factories.ts';
import { signIn } from '../../../test/signIn.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';
import { fixedClock } from '../../domain/clock.ts';
import { createApiToken } from '../../services/apiTokens.ts';
import { commandLine } from '../../services/requestContext.ts';

// One text rule for the API and the forms (domain/safeText.ts): what cannot be stored or shown
// faithfully is refused, naming the field, and nothing is stored.

describeOnEachDatabase('text the API and the forms refuse', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let token: string;
  const raiseBody = (overrides: Record<string, unknown>) => ({
    partnershipId: cast.partnershipId,
    raisedAt: '2026-11-23T09:00:00Z',
    otherAgencyIds: [cast.socialCare.agency.id],
    category: 'threshold',
    summary: 'The referral was not accepted.',
    impactOnChild: 'Robin misses school.',
    desiredOutcome: 'An assessment.',
    urgent: false,
    children: [{ firstName: 'Robin', lastName: 'Example' }],
    ...overrides,
  });
  const raiseThroughApi = (body: unknown) =>
    server.app.inject({
      method: 'POST',
      url: '/api/v1/disagreements',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      // As JSON escapes: a lone surrogate cannot be sent as UTF-8 at all.
      payload: JSON.stringify(body),
    });
  const casesNow = async () =>
    Number(
      (
        await context.database.db
          .selectFrom('disagreements')
          .select((eb) => eb.fn.countAll().as('count'))
          .executeTakeFirstOrThrow()
      ).count,
    );

  before(async () => {
    cast = await aDisagreementCast(context.database);
    token = (
      await createApiToken(
        { database: context.database, clock },
        { personId: cast.school.practitioner.id, name: 'text' },
        commandLine,
      )
    ).token;
  });

  test('a lone surrogate in a case field is a 400 naming the field, and nothing is stored', async () => {
    const before = await casesNow();
    for (const [overrides, path] of [
      [{ summary: 'Robin said \uD83D' }, 'summary'],
      [{ children: [{ firstName: 'Robin', lastName: '\uDE00Example' }] }, 'children.0.lastName'],
    ] as const) {
      const response = await raiseThroughApi(raiseBody(overrides));
      assert.equal(response.statusCode, 400, response.body);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      const problem = response.json();
      assert.deepEqual(
        problem.errors.map((error: { path: string }) => error.path),
        [path],
      );
      assert.match(problem.errors[0].message, /broken characters/);
    }
    assert.equal(await casesNow(), before);
  });

  test('control characters, direction overrides and invisible-only text are 400s naming the field', async () => {
    const before = await casesNow();
    for (const [overrides, path, message] of [
      [{ impactOnChild: 'Robin\u0007' }, 'impactOnChild', /control characters/],
      [{ desiredOutcome: 'An \u202Eassessment' }, 'desiredOutcome', /direction/],
      [{ evidence: '\u200B\u2060' }, 'evidence', /only invisible/],
      [
        { children: [{ firstName: 'Robin\nJames', lastName: 'Example' }] },
        'children.0.firstName',
        /control characters/,
      ],
    ] as const) {
      const response = await raiseThroughApi(raiseBody(overrides));
      assert.equal(response.statusCode, 400, response.body);
      const errors = response.json().errors as { path: string; message: string }[];
      assert.deepEqual(
        errors.map((error) => error.path),
        [path],
      );
      assert.match(errors[0]?.message ?? '', message);
    }
    assert.equal(await casesNow(), before);
  });

  test('a date of birth in the future is refused (422, naming it); an expected due date may be', async () => {
    const before = await casesNow();
    const born = await raiseThroughApi(
      raiseBody({
        children: [{ firstName: 'Robin', lastName: 'Example', dateOfBirth: '2026-11-25' }],
      }),
    );
    assert.equal(born.statusCode, 422, born.body);
    assert.match(born.json().detail, /date of birth cannot be in the future/);
    assert.equal(await casesNow(), before);
    const due = await raiseThroughApi(
      raiseBody({
        children: [{ firstName: 'Baby', lastName: 'Example', expectedDueDate: '2027-02-01' }],
      }),
    );
    assert.equal(due.statusCode, 201, due.body);
  });

  test('a form says what is wrong beside the field, and stores nothing', async () => {
    const disagreement = await aCase({ database: context.database, clock }, cast);
    const browser = await signIn(server.app, cast.school.practitioner.email);
    const response = await server.app.inject({
      method: 'POST',
      url: `/disagreements/${disagreement.id}/record-discussion`,
      headers: { cookie: browser.cookie },
      payload: {
        _csrf: browser.csrfToken,
        version: String(disagreement.version),
        mode: 'phone',
        participants: 'Both practitioners',
        summary: 'Agreed \u202Enothing',
        'occurredAt-day': '24',
        'occurredAt-month': '11',
        'occurredAt-year': '2026',
        'occurredAt-time': '09:30',
      },
    });
    assert.equal(response.statusCode, 400);
    const $ = cheerio.load(response.body);
    const summaryLinks = $('.govuk-error-summary a')
      .map((_, link) => `${$(link).attr('href')} ${$(link).text().trim()}`)
      .get();
    assert.equal(summaryLinks.length, 1);
    assert.match(
      summaryLinks[0] ?? '',
      /^#summary .*must not contain characters that change the direction/,
    );
    assert.match($('#summary-error').text(), /change the direction of the text/);
    const stored = await context.database.db
      .selectFrom('disagreements')
      .select('version')
      .where('id', '=', disagreement.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.version), disagreement.version);
  });

  test('the small fixed forms (a token’s name) refuse such text too, beside the field', async () => {
    const browser = await signIn(server.app, cast.school.manager.email);
    const response = await server.app.inject({
      method: 'POST',
      url: '/account/tokens',
      headers: { cookie: browser.cookie },
      payload: {
        _csrf: browser.csrfToken,
        name: 'Reports \u202Eelbat',
        password: TEST_PASSWORD,
      },
    });
    assert.equal(response.statusCode, 400);
    const $ = cheerio.load(response.body);
    assert.match($('#name-error').text(), /change the direction of the text/);
  });
});
