import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { aCase, aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { keptCookieOf, recordAnswers as record } from '../../../../test/keptAnswersKit.ts';
import { signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';

const start = '2026-11-24T10:00:00Z';
const clock = fixedClock(start);
const minutesLater = (minutes: number) =>
  clock.set(Temporal.Instant.from(start).add({ minutes }).toString());

// A TLS proxy in front, passing on neither the public Host nor https: the app sees
// http://accord-internal:3000 while the browser's pages are https://accord.example.org.
describeOnEachDatabase('a form sent after the session ended, behind a proxy', (context) => {
  const server = useTestApp(context, { clock, env: { BASE_URL: 'https://accord.example.org' } });
  let cast: Cast;
  let disagreement: Disagreement;
  const recordPath = () => `/disagreements/${disagreement.id}/record-discussion`;

  before(async () => {
    minutesLater(0);
    cast = await aDisagreementCast(context.database);
    disagreement = await aCase({ database: context.database, clock }, cast, {
      raisedAt: '2026-11-23T14:00:00Z',
    });
  });

  async function sentLate(headers: Record<string, string>) {
    minutesLater(0);
    const browser = await signIn(server.app, cast.school.practitioner.email);
    minutesLater(31);
    return server.app.inject({
      method: 'POST',
      url: recordPath(),
      headers: { cookie: browser.cookie, host: 'accord-internal:3000', ...headers },
      payload: { _csrf: browser.csrfToken, ...record },
    });
  }

  test('a form from the public origin is kept, whatever Host the proxy sends', async () => {
    // Before: compared with http://accord-internal:3000, so nothing was ever kept.
    const sent = await sentLate({ origin: 'https://accord.example.org' });
    assert.equal(sent.statusCode, 303);
    assert.ok(keptCookieOf(sent));
  });

  test('the browser’s Sec-Fetch-Site decides when it sends one', async () => {
    const same = await sentLate({ 'sec-fetch-site': 'same-origin' });
    assert.ok(keptCookieOf(same));
    const cross = await sentLate({
      'sec-fetch-site': 'cross-site',
      origin: 'https://accord.example.org',
    });
    assert.equal(keptCookieOf(cross), undefined);
  });

  test('a form from another origin keeps nothing', async () => {
    const elsewhere = await sentLate({ origin: 'https://elsewhere.example' });
    assert.equal(elsewhere.statusCode, 303);
    assert.equal(keptCookieOf(elsewhere), undefined);
    const internal = await sentLate({ origin: 'http://accord-internal:3000' });
    assert.equal(keptCookieOf(internal), undefined, 'only the configured origin is ours');
  });
});
