import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { keptCookieOf } from '../../../../test/keptAnswersKit.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';

const start = '2026-11-24T10:00:00Z';
const clock = fixedClock(start);
const minutesLater = (minutes: number) =>
  clock.set(Temporal.Instant.from(start).add({ minutes }).toString());

describeOnEachDatabase('a raise draft kept when the session ended', (context) => {
  const server = useTestApp(context, { clock });
  let cast: Cast;
  const get = (url: string, cookie: string) =>
    server.app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (url: string, browser: Browser, payload: Record<string, string>, from = url) =>
    server.app.inject({
      method: 'POST',
      url,
      headers: { cookie: browser.cookie, host: 'localhost', referer: `http://localhost${from}` },
      payload: { _csrf: browser.csrfToken, ...payload },
    });

  before(async () => {
    minutesLater(0);
    cast = await aDisagreementCast(context.database);
  });

  test('with nothing typed, the page opens with its own values and claims nothing was kept', async () => {
    minutesLater(0);
    const browser = await signIn(server.app, cast.school.practitioner.email);
    await post('/disagreements/new', browser, { aboutConduct: 'no' });
    minutesLater(29);
    // The timer, with no form typed into, sends the header's sign-out form from the account page.
    const timedOut = await post('/sign-out', browser, { _keep: 'idle' }, '/account');
    assert.equal(timedOut.statusCode, 303);
    const kept = keptCookieOf(timedOut);
    assert.ok(kept, 'the raise draft is carried');

    const again = await signIn(server.app, cast.school.practitioner.email);
    const account = cheerio.load((await get('/account', `${again.cookie}; ${kept}`)).body);
    // Before: the empty answers blanked the choice and the page said they had been kept.
    assert.equal(account('[data-testid="kept-answers-notice"]').length, 0);
    assert.equal(account('input[name="delivery"]:checked').val(), 'each');
    const start = cheerio.load((await get('/disagreements/new', again.cookie)).body);
    assert.equal(start('input[name="aboutConduct"]:checked').val(), 'no', 'the draft came back');
  });

  test('a kept draft does not replace one the person has started since', async () => {
    minutesLater(0);
    const browser = await signIn(server.app, cast.school.practitioner.email);
    await post('/disagreements/new', browser, { aboutConduct: 'no' });
    await post('/disagreements/new/other-agency', browser, {
      otherAgencyId: cast.socialCare.agency.id,
    });
    minutesLater(31);
    const sent = await post('/disagreements/new/other-professional', browser, {
      otherPersonId: cast.socialCare.practitioner.id,
    });
    const kept = keptCookieOf(sent);
    assert.ok(kept);

    const again = await signIn(server.app, cast.school.practitioner.email);
    await post('/disagreements/new', again, { aboutConduct: 'no' });
    const page = await get('/disagreements/new/other-agency', `${again.cookie}; ${kept}`);
    assert.equal(page.statusCode, 200);
    await get('/disagreements/new/other-professional', `${again.cookie}; ${kept}`);
    const agency = cheerio.load((await get('/disagreements/new/other-agency', again.cookie)).body);
    // Before: the kept draft, with its agency chosen, replaced the newer one.
    assert.equal(
      agency('select[name="otherAgencyId"] option[selected], input[name="otherAgencyId"]:checked')
        .length,
      0,
      'the newer draft, with no agency chosen yet, is kept',
    );
  });
});
