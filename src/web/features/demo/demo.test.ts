import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aPerson, setUpAccord } from '../../../../test/factories.ts';
import { cookieFrom, csrfTokenIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { ConfigError, loadConfig } from '../../../config.ts';
import { auditRepository } from '../../../db/repositories/auditRepository.ts';
import { demoEmails } from '../../../demo/demoDataSet.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { loadDemoData } from '../../../services/loadDemoData.ts';

const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('the demo, in demo mode', (context) => {
  before(() => loadDemoData({ database: context.database, clock }));
  const server = useTestApp(context, { clock, env: { DEMO_MODE: 'true' } });

  async function demoPage() {
    const response = await server.app.inject({ method: 'GET', url: '/demo/sign-in' });
    assert.equal(response.statusCode, 200);
    return { response, $: cheerio.load(response.body), cookie: cookieFrom(response) };
  }

  test('every page carries the DEMO banner, linking to the demo sign-in page', async () => {
    for (const url of ['/', '/sign-in']) {
      const $ = cheerio.load((await server.app.inject({ method: 'GET', url })).body);
      const banner = $('.govuk-phase-banner');
      assert.equal(banner.find('strong.govuk-tag').text().trim(), 'DEMO', url);
      assert.match(banner.text(), /invented people and cases\. Do not enter real information/);
      assert.equal(banner.find('a[href="/demo/sign-in"]').length, 1);
    }
  });

  test('the sign-in page points to the demo sign-in page', async () => {
    const $ = cheerio.load((await server.app.inject({ method: 'GET', url: '/sign-in' })).body);
    assert.equal($('main a[href="/demo/sign-in"]').length, 1);
  });

  test('the demo sign-in page lists the demo people by partnership and agency', async () => {
    const { $ } = await demoPage();
    assert.equal($('h1').text().trim(), 'Sign in to the demo');
    const partnerships = $('main h2')
      .map((_, heading) => $(heading).text().trim())
      .get();
    assert.deepEqual(partnerships, [
      'Try these first',
      'Pan-Lancashire Safeguarding Partnership (demo)',
      'Humber Safeguarding Children Partnership (demo)',
      'East Riding Safeguarding Children Partnership (demo)',
      'Lincolnshire Safeguarding Children Partnership (demo)',
      'Administration',
    ]);
    const captions = $('caption')
      .map((_, caption) => $(caption).text().trim())
      .get();
    assert.ok(captions.includes('Pendle Brook Primary School'));
    assert.ok(captions.includes('Partnership team'));
    const row = $('tr').filter((_, tr) => $(tr).find('th').text().includes('Priya Raman'));
    assert.equal(row.length, 1);
    assert.match(row.text(), /Social Worker, MASH/);
    assert.match(row.text(), /Practitioner/);
    assert.equal(row.find('button').text().trim(), 'Sign in as Priya Raman');
    assert.equal(
      $('button').filter((_, b) => $(b).text().startsWith('Sign in as')).length,
      demoEmails().size,
    );
  });

  test('above the full list, three suggested people to try first, each one button', async () => {
    const { $, cookie } = await demoPage();
    const suggestions = $('.accord-demo-suggestions li');
    assert.deepEqual(suggestions.map((_, item) => $(item).find('button').text().trim()).get(), [
      'Raise a disagreement as a school’s safeguarding lead',
      'Answer as the front door',
      'Monitor as the partnership team',
    ]);
    const described = suggestions.map((_, item) => {
      const button = $(item).find('button');
      return $(`#${button.attr('aria-describedby')}`)
        .text()
        .trim();
    });
    assert.deepEqual(described.get(), [
      'You will be signed in as Matthew Greenhalgh, Designated Safeguarding Lead, Pendle Brook Primary School.',
      "You will be signed in as Rachel Ashworth, Team Manager, MASH, Lancashire County Council Children's Social Care.",
      'You will be signed in as Gillian Hartley, CSAP Business Manager, Pan-Lancashire Safeguarding Partnership (demo).',
    ]);
    const main = $('main').html() ?? '';
    const [list, firstTable] = [main.indexOf('accord-demo-suggestions'), main.indexOf('<table')];
    assert.ok(list > 0 && firstTable > list, 'the suggestions come before the full list');
    // The front door's button signs in as the front door's Team Manager.
    const form = suggestions.eq(1).find('form');
    const response = await server.app.inject({
      method: 'POST',
      url: '/demo/sign-in',
      headers: { cookie },
      payload: {
        _csrf: form.find('input[name="_csrf"]').val() as string,
        personId: form.find('input[name="personId"]').val() as string,
      },
    });
    assert.equal(response.statusCode, 303);
    const home = cheerio.load(
      (
        await server.app.inject({
          method: 'GET',
          url: '/',
          headers: { cookie: cookieFrom(response, cookie) },
        })
      ).body,
    );
    assert.match(home('[data-testid="signed-in-as"]').text(), /Rachel Ashworth/);
  });

  test('signing in as a demo person starts a session as them, audited', async () => {
    const { $, cookie } = await demoPage();
    const form = $('form').filter((_, f) => $(f).find('button').text().includes('Kerry Lomax'));
    const personId = form.find('input[name="personId"]').val() as string;
    const response = await server.app.inject({
      method: 'POST',
      url: '/demo/sign-in',
      headers: { cookie },
      payload: { _csrf: form.find('input[name="_csrf"]').val() as string, personId },
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/');
    const signedIn = cookieFrom(response, cookie);
    assert.notEqual(signedIn, cookie, 'a new session');

    const account = cheerio.load(
      (
        await server.app.inject({
          method: 'GET',
          url: '/account',
          headers: { cookie: signedIn },
        })
      ).body,
    );
    assert.match(account('.govuk-summary-list').text(), /Kerry Lomax/);
    assert.match(account('.govuk-summary-list').text(), /kerry\.lomax@example\.org/);

    const entries = await auditRepository(context.database.db).list({
      actorId: personId,
      limit: 50,
    });
    assert.ok(
      entries.some(
        (entry) =>
          entry.action === 'sign-in.succeeded' &&
          entry.actorId === personId &&
          entry.justification === 'demo sign-in',
      ),
    );
  });

  test('someone who is not in the demo data set cannot be signed in as', async () => {
    const stranger = await aPerson(context.database, { email: 'not-in-the-demo@example.net' });
    const { cookie, response } = await demoPage();
    const signIn = await server.app.inject({
      method: 'POST',
      url: '/demo/sign-in',
      headers: { cookie },
      payload: { _csrf: csrfTokenIn(response.body), personId: stranger.id },
    });
    assert.equal(signIn.statusCode, 404);
    const bad = await server.app.inject({
      method: 'POST',
      url: '/demo/sign-in',
      headers: { cookie },
      payload: { _csrf: csrfTokenIn(response.body), personId: 'nobody' },
    });
    assert.equal(bad.statusCode, 400);
  });

  test('signing in needs the page’s CSRF token', async () => {
    const { $, cookie } = await demoPage();
    const personId = $('input[name="personId"]').first().val() as string;
    const response = await server.app.inject({
      method: 'POST',
      url: '/demo/sign-in',
      headers: { cookie },
      payload: { personId },
    });
    assert.equal(response.statusCode, 403);
  });
});

describeOnEachDatabase('the demo, outside demo mode', (context) => {
  before(() => setUpAccord(context.database));
  const server = useTestApp(context, { clock });

  test('the demo sign-in page does not exist', async () => {
    const page = await server.app.inject({ method: 'GET', url: '/sign-in' });
    const cookie = cookieFrom(page);
    assert.equal(
      (await server.app.inject({ method: 'GET', url: '/demo/sign-in' })).statusCode,
      404,
    );
    const person = await aPerson(context.database);
    const response = await server.app.inject({
      method: 'POST',
      url: '/demo/sign-in',
      headers: { cookie },
      payload: { _csrf: csrfTokenIn(page.body), personId: person.id },
    });
    assert.equal(response.statusCode, 404);
    const account = await server.app.inject({
      method: 'GET',
      url: '/account',
      headers: { cookie: cookieFrom(response, cookie) },
    });
    assert.equal(account.statusCode, 302, 'still not signed in');
  });

  test('there is no DEMO banner and no link to a demo', async () => {
    for (const url of ['/', '/sign-in']) {
      const $ = cheerio.load((await server.app.inject({ method: 'GET', url })).body);
      assert.equal($('.govuk-phase-banner .govuk-tag').text().trim(), 'Beta');
      assert.doesNotMatch($('body').text(), /DEMO|demonstration/);
      assert.equal($('a[href="/demo/sign-in"]').length, 0);
    }
  });
});

describe('demo mode and production', () => {
  test('demo mode is refused in production, naming DEMO_MODE', () => {
    assert.throws(
      () =>
        loadConfig({
          NODE_ENV: 'production',
          SESSION_SECRET: 'Tq8Lw3Zr6Xm1Pv9Kc4Nb7Hd2Gs5Fy0Ja3Ue8Ro1Ix6',
          BASE_URL: 'https://accord.example.org',
          DEMO_MODE: 'true',
        }),
      (error) =>
        error instanceof ConfigError &&
        error.problems.length === 1 &&
        /^DEMO_MODE: must not be true in production/.test(error.problems[0] ?? ''),
    );
    assert.equal(loadConfig({ DEMO_MODE: 'yes' }).demoMode, true);
    assert.equal(loadConfig({}).demoMode, false);
  });
});
