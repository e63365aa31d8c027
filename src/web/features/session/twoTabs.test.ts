import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { keptCookieOf } from '../../../../test/keptAnswersKit.ts';
import { type Browser, cookieFrom, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';

const start = '2026-11-24T10:00:00Z';
const clock = fixedClock(start);
const minutesLater = (minutes: number) =>
  clock.set(Temporal.Instant.from(start).add({ minutes }).toString());

const recordOf = (summary: string) => ({
  version: '1',
  mode: 'phone',
  participants: 'Both practitioners',
  summary,
  'occurredAt-day': '24',
  'occurredAt-month': '11',
  'occurredAt-year': '2026',
  'occurredAt-time': '09:30',
});

describeOnEachDatabase('two tabs open when the session ends', (context) => {
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let first: Disagreement;
  let second: Disagreement;
  const recordPath = (disagreement: Disagreement) =>
    `/disagreements/${disagreement.id}/record-discussion`;
  const get = (url: string, cookie: string) =>
    server.app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (url: string, cookie: string, payload: Record<string, string>, token = '') =>
    server.app.inject({
      method: 'POST',
      url,
      headers: { cookie, host: 'localhost', referer: `http://localhost${url}` },
      payload: { _csrf: token, ...payload },
    });
  const keptRows = async () =>
    (await context.database.db.selectFrom('kept_answers').select('id').execute()).length;

  before(async () => {
    minutesLater(0);
    cast = await aDisagreementCast(context.database);
    first = await aCase({ database: context.database, clock }, cast, {
      raisedAt: '2026-11-23T14:00:00Z',
    });
    second = await aCase({ database: context.database, clock }, cast, {
      raisedAt: '2026-11-23T15:00:00Z',
    });
  });

  /** Signed in, two tabs' forms open, then 31 minutes idle. */
  async function twoTabsLeftIdle(): Promise<Browser> {
    minutesLater(0);
    const browser = await signIn(server.app, cast.school.practitioner.email);
    await get(recordPath(first), browser.cookie);
    await get(recordPath(second), browser.cookie);
    minutesLater(31);
    return browser;
  }

  test('each tab’s answers are kept, after the first tab went on to sign in, and each page gets its own', async () => {
    const browser = await twoTabsLeftIdle();
    const firstSent = await post(recordPath(first), browser.cookie, recordOf('First tab'));
    assert.equal(firstSent.statusCode, 303);
    const firstKept = keptCookieOf(firstSent);
    assert.ok(firstKept);
    // The first tab follows to the sign-in page, which gives this browser a new session cookie.
    const signInPage = await get(String(firstSent.headers.location), browser.cookie);
    const newCookie = cookieFrom(signInPage, browser.cookie);
    assert.notEqual(newCookie, browser.cookie, 'the browser now holds the sign-in page’s session');

    // Before: the ended session's row had been deleted, so this kept nothing and said nothing.
    const secondSent = await post(
      recordPath(second),
      `${newCookie}; ${firstKept}`,
      recordOf('Second tab'),
    );
    assert.equal(secondSent.statusCode, 303);
    const location = new URL(String(secondSent.headers.location), 'http://localhost');
    assert.equal(location.searchParams.get('kept'), 'yes');
    assert.equal(location.searchParams.get('ended'), 'session');
    const bothKept = keptCookieOf(secondSent);
    assert.ok(bothKept);

    const again = await signIn(server.app, cast.school.practitioner.email);
    const secondPage = cheerio.load(
      (await get(recordPath(second), `${again.cookie}; ${bothKept}`)).body,
    );
    assert.equal(secondPage('#summary').text(), 'Second tab');
    const firstPage = cheerio.load(
      (await get(recordPath(first), `${again.cookie}; ${bothKept}`)).body,
    );
    assert.equal(firstPage('#summary').text(), 'First tab', 'the second keep did not replace it');
  });

  test('the timer ending the session in one tab leaves the other tab’s form kept too', async () => {
    minutesLater(0);
    const browser = await signIn(server.app, cast.school.practitioner.email);
    minutesLater(29);
    const timedOut = await post(
      recordPath(first),
      browser.cookie,
      { ...recordOf('Typed before the warning ran out'), _keep: 'idle' },
      browser.csrfToken,
    );
    assert.equal(timedOut.statusCode, 303);
    const kept = keptCookieOf(timedOut);
    assert.ok(kept);
    const other = await post(recordPath(second), `${browser.cookie}; ${kept}`, recordOf('Other'));
    assert.equal(
      new URL(String(other.headers.location), 'http://x').searchParams.get('kept'),
      'yes',
    );
  });

  test('after signing out on purpose, another tab’s form keeps nothing', async () => {
    minutesLater(0);
    const browser = await signIn(server.app, cast.school.practitioner.email);
    const signedOut = await post('/sign-out', browser.cookie, {}, browser.csrfToken);
    assert.equal(signedOut.headers.location, '/sign-in?signedOut=yes');
    const rows = await keptRows();
    const other = await post(recordPath(second), browser.cookie, recordOf('Left behind'));
    assert.equal(other.statusCode, 303);
    assert.equal(keptCookieOf(other), undefined);
    assert.doesNotMatch(String(other.headers.location), /kept=|ended=/);
    assert.equal(await keptRows(), rows);
  });

  test('the keep-alive sent after the session ended keeps nothing, not even the raise draft', async () => {
    minutesLater(0);
    const browser = await signIn(server.app, cast.school.practitioner.email);
    await post('/disagreements/new', browser.cookie, { aboutConduct: 'no' }, browser.csrfToken);
    minutesLater(31);
    const rows = await keptRows();
    const late = await server.app.inject({
      method: 'POST',
      url: '/session/keep-alive',
      headers: {
        cookie: browser.cookie,
        'x-csrf-token': browser.csrfToken,
        host: 'localhost',
        referer: 'http://localhost/disagreements/new/other-agency',
      },
    });
    assert.equal(late.statusCode, 303);
    assert.equal(keptCookieOf(late), undefined);
    assert.equal(await keptRows(), rows);
  });
});
