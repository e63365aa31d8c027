import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast, type Cast, contextOf } from '../../../../test/factories.ts';
import { signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { close } from '../../../domain/disagreement/actions/close.ts';
import { confirmOutcome } from '../../../domain/disagreement/actions/confirmOutcome.ts';
import { proposeOutcome } from '../../../domain/disagreement/actions/proposeOutcome.ts';
import { withdraw } from '../../../domain/disagreement/actions/withdraw.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';
import { createApiToken } from '../../../services/apiTokens.ts';
import { commandLine } from '../../../services/requestContext.ts';
import { runRetention } from '../../../services/retention/runRetention.ts';
import { runCaseAction } from '../../../services/runCaseAction.ts';

// Tuesday 24 November 2026, 10:00 in London.
const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('a case purged under the retention policy', (context) => {
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let purged: Disagreement;

  before(async () => {
    cast = await aDisagreementCast(context.database);
    const deps = { database: context.database, clock: fixedClock('2019-03-05T12:00:00Z') };
    const raised = await aCase(deps, cast, {
      raisedAt: '2019-03-04T10:00:00Z',
      children: [{ firstName: 'Zebedee', lastName: 'Example', dateOfBirth: '2015-04-01' }],
      family: { parents: ['Jo Example'], address: '1 Example Street' },
    });
    purged = await runCaseAction(
      deps,
      withdraw,
      { id: raised.id, version: raised.version, input: { reason: 'Agreed after all' } },
      await contextOf(context.database, cast.school.manager),
    );
    let closed = await aCase(deps, cast, { raisedAt: '2019-03-04T11:00:00Z' });
    const asManager = (agency: 'school' | 'socialCare') =>
      contextOf(context.database, cast[agency].manager);
    closed = await runCaseAction(
      deps,
      proposeOutcome,
      {
        id: closed.id,
        version: closed.version,
        input: { occurredAt: '2019-03-05T09:00:00Z', agreedOutcome: 'A visit', actions: [] },
      },
      await asManager('school'),
    );
    closed = await runCaseAction(
      deps,
      confirmOutcome,
      { id: closed.id, version: closed.version, input: {} },
      await asManager('socialCare'),
    );
    await runCaseAction(
      deps,
      close,
      {
        id: closed.id,
        version: closed.version,
        input: { lessons: [{ themes: ['training'], text: 'Zebedee needed a visit' }] },
      },
      await asManager('school'),
    );
    assert.equal((await runRetention({ database: context.database, clock })).purged, 2);
  });

  test('the learning log keeps its lesson, and says its words were removed', async () => {
    const browser = await signIn(server.app, cast.team.email);
    const response = await server.app.inject({
      method: 'GET',
      url: '/learning-log',
      headers: { cookie: browser.cookie },
    });
    assert.equal(response.statusCode, 200);
    assert.ok(!response.body.includes('Zebedee'));
    assert.match(
      cheerio.load(response.body)('[data-testid="lessons"]').text(),
      /Its words were removed under the partnership's retention policy\./,
    );
  });

  test('its page says when its details were removed, and shows none of them', async () => {
    const browser = await signIn(server.app, cast.school.practitioner.email);
    const response = await server.app.inject({
      method: 'GET',
      url: `/disagreements/${purged.id}`,
      headers: { cookie: browser.cookie },
    });
    assert.equal(response.statusCode, 200);
    const $ = cheerio.load(response.body);
    assert.equal(
      $('[data-testid="purged-notice"]').text().trim(),
      "Details removed on Tuesday 24 November 2026 under the partnership's retention policy",
    );
    assert.ok(!response.body.includes('Zebedee'));
    assert.equal($('[data-testid="case-child"]').length, 0, 'the top of the page names no child');
    const details = $('.govuk-summary-list').first().text();
    assert.match(details, /Children\s+Removed/);
    assert.match(details, /The concern\s+Removed/);
    const entries = $('[data-testid="timeline"] h3')
      .toArray()
      .map((entry) => $(entry).text().trim());
    assert.ok(entries.includes('Withdrawn'), 'each entry of the timeline says what happened');
    assert.ok(entries.every((entry) => entry !== ''));
    assert.equal($('a[href$="/refer-lesson"]').length, 0, 'nothing is offered to do with it');
    assert.ok(response.body.includes(purged.reference));
  });

  test('it can no longer be changed: a lesson referred to it is refused, and stores nothing', async () => {
    const { token } = await createApiToken(
      { database: context.database, clock },
      { personId: cast.school.practitioner.id, name: 'refer' },
      commandLine,
    );
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/v1/disagreements/${purged.id}/lessons`,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        version: purged.version + 1,
        lesson: { themes: ['training'], text: 'Zebedee again' },
      },
    });
    assert.equal(response.statusCode, 422, response.body);
    assert.match(response.json().detail, /removed under the partnership’s retention policy/);
    const after = await server.app.inject({
      method: 'GET',
      url: `/api/v1/disagreements/${purged.id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(after.json().version, purged.version + 1);
    assert.ok(!after.body.includes('Zebedee'));
  });

  test('the API keeps its shape: texts "", lists [] and purgedAt', async () => {
    const { token } = await createApiToken(
      { database: context.database, clock },
      { personId: cast.school.practitioner.id, name: 'test' },
      commandLine,
    );
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/v1/disagreements/${purged.id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.purgedAt, '2026-11-24T10:00:00.000Z');
    assert.deepEqual(body.children, []);
    assert.equal(body.summary, '');
    assert.equal(body.withdrawnReason, '');
    assert.deepEqual(body.family, { parents: [], address: '' });
    assert.equal(body.reference, purged.reference);
    assert.equal(body.status, 'withdrawn');
  });
});
