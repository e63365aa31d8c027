import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { keptCookieOf, recordAnswers as record } from '../../../../test/keptAnswersKit.ts';
import { pagesFor, walkTo, withFamily } from '../../../../test/raiseJourney.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';

const start = '2026-11-24T10:00:00Z';
const clock = fixedClock(start);
const minutesLater = (minutes: number) =>
  clock.set(Temporal.Instant.from(start).add({ minutes }).toString());

describeOnEachDatabase('a form sent after the session ended', (context) => {
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let disagreement: Disagreement;
  const recordPath = () => `/disagreements/${disagreement.id}/record-discussion`;

  const get = (url: string, cookie: string) =>
    server.app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (
    url: string,
    browser: Browser,
    payload: Record<string, string>,
    headers: Record<string, string> = {},
  ) =>
    server.app.inject({
      method: 'POST',
      url,
      headers: { cookie: browser.cookie, ...headers },
      payload: { _csrf: browser.csrfToken, ...payload },
    });

  /** Signed in at the start, the form filled in 31 minutes later and sent. */
  async function sentAfterTheEnd(
    email: string,
    url: () => string,
    answers: Record<string, string>,
  ) {
    minutesLater(0);
    const browser = await signIn(server.app, email);
    await get(url(), browser.cookie);
    minutesLater(31);
    return { browser, response: await post(url(), browser, answers) };
  }

  before(async () => {
    minutesLater(0);
    cast = await aDisagreementCast(context.database);
    disagreement = await aCase({ database: context.database, clock }, cast, {
      raisedAt: '2026-11-23T14:00:00Z',
    });
  });

  test('the answers are kept, the person signs in again and finds the form filled in, once', async () => {
    const { response } = await sentAfterTheEnd(cast.school.practitioner.email, recordPath, record);

    // Before: a 403 "It is for people with another role", because the ended session took the
    // form's CSRF secret with it and the token check refused the post before anything else.
    assert.equal(response.statusCode, 303);
    const location = new URL(String(response.headers.location), 'http://localhost');
    assert.equal(location.pathname, '/sign-in');
    assert.equal(location.searchParams.get('returnTo'), recordPath());
    const kept = keptCookieOf(response);
    assert.ok(kept, 'the browser is given the kept answers’ cookie');
    assert.match(String([response.headers['set-cookie']].flat().join()), /HttpOnly/);

    const signInPage = cheerio.load((await get(String(response.headers.location), '')).body);
    assert.equal(
      signInPage('[data-testid="signed-out-notice"] .govuk-notification-banner__content')
        .text()
        .trim(),
      'You were signed out. Sign in again to carry on: your answers have been kept.',
    );
    assert.equal(signInPage('input[name="returnTo"]').val(), recordPath());

    const again = await signIn(server.app, cast.school.practitioner.email);
    const form = await get(recordPath(), `${again.cookie}; ${kept}`);
    assert.equal(form.statusCode, 200);
    const $ = cheerio.load(form.body);
    assert.equal($('#summary').text(), record.summary);
    assert.equal($('#participants').val(), record.participants);
    assert.equal($('input[name="mode"]:checked').val(), 'phone');
    assert.equal($('#occurredAt-time').val(), '09:30');
    assert.equal($('input[name="version"]').val(), '1', 'the version the person saw');
    assert.match($('[data-testid="kept-answers-notice"]').text(), /check them, then send the form/);
    const stored = await context.database.db
      .selectFrom('disagreements')
      .select('version')
      .where('id', '=', disagreement.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.version), 1, 'nothing was recorded for them');

    const twice = cheerio.load((await get(recordPath(), `${again.cookie}; ${kept}`)).body);
    assert.equal(twice('#summary').text(), '', 'given back once');
    assert.equal(twice('[data-testid="kept-answers-notice"]').length, 0);
  });

  test('another person signing in on the same browser is not given them', async () => {
    const { response } = await sentAfterTheEnd(cast.school.practitioner.email, recordPath, record);
    const kept = keptCookieOf(response);
    assert.ok(kept);

    const colleague = await signIn(server.app, cast.school.manager.email);
    const theirs = cheerio.load((await get(recordPath(), `${colleague.cookie}; ${kept}`)).body);
    assert.equal(theirs('#summary').text(), '');
    assert.equal(theirs('[data-testid="kept-answers-notice"]').length, 0);

    const owner = await signIn(server.app, cast.school.practitioner.email);
    const mine = cheerio.load((await get(recordPath(), `${owner.cookie}; ${kept}`)).body);
    assert.equal(mine('#summary').text(), record.summary, 'still there for their person');
  });

  test('kept answers are gone once they expire', async () => {
    const { response } = await sentAfterTheEnd(cast.school.practitioner.email, recordPath, record);
    const kept = keptCookieOf(response);
    minutesLater(31 + 121);
    const late = await signIn(server.app, cast.school.practitioner.email);
    const $ = cheerio.load((await get(recordPath(), `${late.cookie}; ${kept}`)).body);
    assert.equal($('#summary').text(), '');
  });

  test('a post with no session behind it, or from another site, keeps nothing', async () => {
    const count = async () =>
      (await context.database.db.selectFrom('kept_answers').select('id').execute()).length;
    const before = await count();
    const stranger = await server.app.inject({
      method: 'POST',
      url: recordPath(),
      payload: record,
    });
    assert.equal(stranger.statusCode, 303);
    assert.match(String(stranger.headers.location), /^\/sign-in\?returnTo=[^&]+$/);
    assert.equal(keptCookieOf(stranger), undefined);

    minutesLater(0);
    const browser = await signIn(server.app, cast.school.practitioner.email);
    minutesLater(31);
    const forged = await post(recordPath(), browser, record, {
      origin: 'https://elsewhere.example',
    });
    assert.equal(forged.statusCode, 303);
    assert.equal(keptCookieOf(forged), undefined);
    assert.equal(await count(), before);
  });

  test('the raise journey’s concern page comes back with its answers and the draft before it', async () => {
    minutesLater(0);
    const browser = await signIn(server.app, cast.school.practitioner.email);
    await walkTo(pagesFor(server.app, browser), cast, 'concern', withFamily);
    minutesLater(31);
    const concern = {
      summary: 'The referral about Ada was closed without an assessment.',
      impactOnChild: 'Ada is missing school.',
      evidence: 'Attendance 62%.',
      desiredOutcome: 'A child and family assessment.',
    };
    const sent = await post('/disagreements/new/concern', browser, concern);
    assert.equal(sent.statusCode, 303);
    const kept = keptCookieOf(sent);
    assert.ok(kept);

    const again = await signIn(server.app, cast.school.practitioner.email);
    const page = await get('/disagreements/new/concern', `${again.cookie}; ${kept}`);
    assert.equal(page.statusCode, 200, 'the draft before it came back too');
    const $ = cheerio.load(page.body);
    assert.equal($('#summary').text(), concern.summary);
    assert.equal($('#desiredOutcome').text(), concern.desiredOutcome);
    const onward = await post('/disagreements/new/concern', again, concern);
    assert.equal(onward.headers.location, '/disagreements/new/when');
  });

  test('a directory form of the partnership team comes back with its answers', async () => {
    const path = () => '/directory/agencies/new';
    const { response } = await sentAfterTheEnd(cast.team.email, path, {
      name: 'Exampletown Academy',
      kind: 'school',
    });
    const kept = keptCookieOf(response);
    assert.ok(kept);
    const again = await signIn(server.app, cast.team.email);
    const $ = cheerio.load((await get(path(), `${again.cookie}; ${kept}`)).body);
    assert.equal($('#name').val(), 'Exampletown Academy');
    assert.equal($('[data-testid="kept-answers-notice"]').length, 1);
  });

  test('"Stay signed in" starts the idle time again but never passes the 12-hour limit', async () => {
    minutesLater(0);
    const browser = await signIn(server.app, cast.school.practitioner.email);
    const keepAlive = () =>
      server.app.inject({
        method: 'POST',
        url: '/session/keep-alive',
        headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrfToken },
      });
    for (let minutes = 25; minutes <= 12 * 60 - 5; minutes += 25) {
      minutesLater(minutes);
      assert.equal((await keepAlive()).statusCode, 204, `at ${minutes} minutes`);
    }
    const account = await get('/account', browser.cookie);
    assert.equal(account.statusCode, 200);
    const dialog = cheerio.load(account.body)('#session-timeout');
    assert.equal(dialog.attr('data-limit-ends-in'), String((12 * 60 - 700) * 60));
    minutesLater(12 * 60 + 1);
    const late = await keepAlive();
    assert.equal(late.statusCode, 303);
    assert.match(String(late.headers.location), /^\/sign-in/);
  });

  test('an API call is unaffected: no token is a 401 problem, whatever the cookie', async () => {
    minutesLater(0);
    const browser = await signIn(server.app, cast.school.practitioner.email);
    minutesLater(31);
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/v1/disagreements/${disagreement.id}/records`,
      headers: { cookie: browser.cookie },
      payload: record,
    });
    assert.equal(response.statusCode, 401);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    assert.equal(keptCookieOf(response), undefined);
  });
});
