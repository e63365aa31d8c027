import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { keptCookieOf, recordAnswers as record } from '../../../../test/keptAnswersKit.ts';
import { cookieFrom, csrfTokenIn, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';

const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('a form sent from a page whose token had expired', (context) => {
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let disagreement: Disagreement;
  const recordPath = () => `/disagreements/${disagreement.id}/record-discussion`;
  const get = (url: string, cookie: string) =>
    server.app.inject({ method: 'GET', url, headers: { cookie } });

  before(async () => {
    cast = await aDisagreementCast(context.database);
    disagreement = await aCase({ database: context.database, clock }, cast, {
      raisedAt: '2026-11-23T14:00:00Z',
    });
  });

  /** The page's token is from a session since ended: they signed in again in another tab. */
  async function signedInAgainElsewhere(email: string) {
    const oldPage = await signIn(server.app, email);
    const now = await signIn(server.app, email);
    return { staleToken: oldPage.csrfToken, cookie: now.cookie };
  }

  test('a signed-in person’s answers are kept and the form shown again, never applied', async () => {
    const { staleToken, cookie } = await signedInAgainElsewhere(cast.school.practitioner.email);
    const sent = await server.app.inject({
      method: 'POST',
      url: recordPath(),
      headers: { cookie },
      payload: { _csrf: staleToken, ...record },
    });
    // Before: a 403 "It is for people with another role".
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, recordPath());
    const kept = keptCookieOf(sent);
    assert.ok(kept);

    const $ = cheerio.load((await get(recordPath(), `${cookie}; ${kept}`)).body);
    assert.equal($('#summary').text(), record.summary);
    assert.equal($('input[name="mode"]:checked').val(), 'phone');
    assert.match(
      $('[data-testid="kept-answers-notice"]').text(),
      /This page had expired\. Your answers are below: check them and send again\./,
    );
    const stored = await context.database.db
      .selectFrom('disagreements')
      .select('version')
      .where('id', '=', disagreement.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.version), 1, 'nothing was recorded');
    const after = cheerio.load((await get(recordPath(), cookie)).body);
    assert.equal(after('[data-testid="kept-answers-notice"]').length, 0, 'said once');
  });

  test('a button with nothing typed goes back to its page, which says it had expired', async () => {
    const { staleToken, cookie } = await signedInAgainElsewhere(cast.school.practitioner.email);
    const sent = await server.app.inject({
      method: 'POST',
      url: '/account/sign-out-everywhere',
      headers: { cookie, host: 'localhost', referer: 'http://localhost/account' },
      payload: { _csrf: staleToken },
    });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, '/account');
    const account = await get('/account', cookie);
    assert.equal(account.statusCode, 200, 'still signed in: nothing was done');
    assert.match(
      cheerio.load(account.body)('[data-testid="page-expired-notice"]').text(),
      /This page had expired, so nothing was sent/,
    );
  });

  test('a stale form another site sent keeps nothing, and the page speaks of no roles', async () => {
    const { staleToken, cookie } = await signedInAgainElsewhere(cast.school.practitioner.email);
    const sent = await server.app.inject({
      method: 'POST',
      url: recordPath(),
      headers: { cookie, origin: 'https://elsewhere.example' },
      payload: { _csrf: staleToken, ...record },
    });
    assert.equal(sent.statusCode, 403);
    assert.equal(keptCookieOf(sent), undefined);
    assert.match(sent.body, /This page had expired/);
    assert.doesNotMatch(sent.body, /another role/);

    const tokenless = await server.app.inject({
      method: 'POST',
      url: recordPath(),
      headers: { cookie },
      payload: record,
    });
    assert.equal(tokenless.statusCode, 403, 'a post with no token came from no page of ours');
    assert.equal(keptCookieOf(tokenless), undefined);
    assert.match(tokenless.body, /This page had expired/);
  });

  test('a stale sign-in page shows the sign-in page again, saying it had expired', async () => {
    const page = await server.app.inject({ method: 'GET', url: '/sign-in' });
    assert.ok(cookieFrom(page));
    // The session that held the page's secret is gone (its cookie expired): no secret.
    const sent = await server.app.inject({
      method: 'POST',
      url: '/sign-in',
      payload: {
        _csrf: csrfTokenIn(page.body),
        email: cast.school.practitioner.email,
        password: 'not checked',
        returnTo: recordPath(),
      },
    });
    assert.equal(sent.statusCode, 303);
    const location = new URL(String(sent.headers.location), 'http://localhost');
    assert.equal(location.pathname, '/sign-in');
    assert.equal(location.searchParams.get('returnTo'), recordPath());
    const again = await server.app.inject({ method: 'GET', url: String(sent.headers.location) });
    const $ = cheerio.load(again.body);
    assert.equal(
      $('[data-testid="signed-out-notice"] .govuk-notification-banner__content').text().trim(),
      'The page had expired; sign in again.',
    );
    assert.doesNotMatch(again.body, /another role/);
  });

  test('the API is unaffected: a cookie without a token is still a 401 problem', async () => {
    const { cookie } = await signedInAgainElsewhere(cast.school.practitioner.email);
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/v1/disagreements/${disagreement.id}/records`,
      headers: { cookie },
      payload: record,
    });
    assert.equal(response.statusCode, 401);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  });
});
