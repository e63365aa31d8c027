import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aDisagreementCast, aPartnership, type Cast } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { auditRepository } from '../../../db/repositories/auditRepository.ts';
import { retentionRepository } from '../../../db/repositories/retentionRepository.ts';
import { fixedClock } from '../../../domain/clock.ts';

// Saturday 5 December 2026, 10:00 in London.
const clock = fixedClock('2026-12-05T10:00:00Z');

describeOnEachDatabase('the pages the footer links to', (context) => {
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let team: Browser;
  let practitioner: Browser;
  let partnershipName: string;

  const get = async (url: string, browser?: Browser) =>
    server.app.inject({ method: 'GET', url, headers: browser ? { cookie: browser.cookie } : {} });
  const page = async (url: string, browser?: Browser) => {
    const response = await get(url, browser);
    assert.equal(response.statusCode, 200, url);
    return cheerio.load(response.body);
  };
  const post = (url: string, browser: Browser, payload: Record<string, string> = {}) =>
    server.app.inject({
      method: 'POST',
      url,
      headers: { cookie: browser.cookie },
      payload: { _csrf: browser.csrfToken, ...payload },
    });

  before(async () => {
    cast = await aDisagreementCast(context.database);
    await retentionRepository(context.database.db).setPeriod(cast.partnershipId, 84);
    team = await signIn(server.app, cast.team.email);
    practitioner = await signIn(server.app, cast.school.practitioner.email);
    partnershipName = cheerio
      .load((await get('/directory', team)).body)('h1')
      .text()
      .replace(/: directory$/, '')
      .trim();
  });

  test('every page links the four pages from its footer, signed in or not', async () => {
    for (const browser of [undefined, practitioner]) {
      const $ = await page('/', browser);
      const links = $('.govuk-footer__inline-list a')
        .map((_, link) => [[$(link).text().trim(), $(link).attr('href')]])
        .get();
      assert.deepEqual(links, [
        ['Accessibility statement', '/accessibility'],
        ['Privacy', '/privacy'],
        ['Cookies', '/cookies'],
        ['Contact', '/contact'],
      ]);
    }
  });

  test('each page opens signed out and signed in, under its own heading', async () => {
    const headings = {
      '/accessibility': 'Accessibility statement',
      '/privacy': 'Privacy notice',
      '/cookies': 'Cookies',
      '/contact': 'Contact',
    };
    for (const [url, heading] of Object.entries(headings)) {
      for (const browser of [undefined, practitioner, team]) {
        const $ = await page(url, browser);
        assert.equal($('h1').text().trim(), heading, url);
        assert.ok($('[data-testid="service-page-text"] p').length > 1, url);
      }
    }
  });

  test('signed in, the privacy notice names the partnership as controller and its retention period', async () => {
    const $ = await page('/privacy', practitioner);
    const text = $('main').text();
    assert.match(text, new RegExp(`${partnershipName} is the controller`));
    assert.match(text, /removed 84 months after a disagreement ends/);
    assert.match(text, /subject access request/);
    assert.equal($('main a[href="/directory/pages/privacy"]').length, 0, 'no change link');
    const forTheTeam = await page('/privacy', team);
    assert.equal(
      forTheTeam('main a[href="/directory/pages/privacy"]').text().trim(),
      'Change the privacy notice',
    );
  });

  test('with several partnerships, a visitor who is not signed in reads the general text and may choose one', async () => {
    const other = await aPartnership(context.database, { name: 'Ashdown Children’s Partnership' });
    const general = await page('/privacy');
    assert.match(
      general('main').text(),
      /your local safeguarding children partnership is the controller/i,
    );
    assert.match(
      general('main').text(),
      /72 months after a disagreement ends, unless it sets another/,
    );
    const choice = general(`main a[href="/privacy?partnership=${other.id}"]`);
    assert.equal(choice.text().trim(), 'Ashdown Children’s Partnership');
    const chosen = await page(`/privacy?partnership=${other.id}`);
    const anotherTeams = await page(`/privacy?partnership=${other.id}`, team);
    assert.equal(anotherTeams('main a[href="/directory/pages/privacy"]').length, 0);
    assert.equal(chosen('.govuk-caption-l').text().trim(), 'Ashdown Children’s Partnership');
    assert.match(chosen('main').text(), /removed 72 months after a disagreement ends/);
    assert.equal((await get('/privacy?partnership=not-an-id')).statusCode, 404);
    assert.equal(
      (await get('/privacy?partnership=00000000-0000-4000-8000-000000000000')).statusCode,
      404,
    );
  });

  test('the cookies page names the cookies Accord sets, and no analytics', async () => {
    const $ = await page('/cookies');
    const items = $('main li')
      .map((_, item) => $(item).text())
      .get();
    assert.match(items[0] ?? '', /^accord_session: keeps you signed in.*30 minutes.*12 hours/);
    assert.match(items[1] ?? '', /^accord_device: .*180 days/);
    assert.match($('main').text(), /does not use analytics/);
  });

  test('signed in, the header says who is signed in and with which agency', async () => {
    const $ = await page('/', practitioner);
    const bar = $('[data-testid="signed-in-as"]');
    assert.match(
      bar.text().replace(/\s+/g, ' '),
      new RegExp(`Signed in as ${cast.school.practitioner.name}, `),
    );
    assert.ok(bar.text().trim().length > `Signed in as ${cast.school.practitioner.name}, `.length);
    const teamBar = (await page('/', team))('[data-testid="signed-in-as"]').text();
    assert.match(teamBar.replace(/\s+/g, ' '), new RegExp(`${cast.team.name}, ${partnershipName}`));
    // An administrator works for no agency or partnership: their name alone.
    const admin = await signIn(server.app, cast.admin.email);
    const adminBar = (await page('/account', admin))('[data-testid="signed-in-as"]').text();
    assert.equal(adminBar.replace(/\s+/g, ' ').trim(), `Signed in as ${cast.admin.name}`);
    assert.equal((await page('/sign-in'))('[data-testid="signed-in-as"]').length, 0);
  });

  test('the partnership team writes its own contact page, typed text escaped, and it is audited', async () => {
    const form = await page('/directory/pages/contact', team);
    assert.match(form('#body').text(), /Accord is run by \{partnership\}/);
    const typed = [
      'Call us on 01632 960 100 or write to team@example.org.',
      '',
      '## Opening hours <script>alert(1)</script>',
      '- Monday to Friday, <b>9am</b> to 5pm',
      '- See https://example.org/help for more',
      '',
      '<img src=x onerror=alert(1)> {partnership} answers within a day.',
    ].join('\n');
    const saved = await post('/directory/pages/contact', team, { body: typed });
    assert.equal(saved.statusCode, 303);
    assert.match(decodeURIComponent(String(saved.headers.location)), /Contact page saved/);

    const $ = await page('/contact', practitioner);
    const text = $('[data-testid="service-page-text"]');
    assert.equal(text.find('script, img, b').length, 0, 'no markup from what was typed');
    assert.equal(text.find('h2').text(), 'Opening hours <script>alert(1)</script>');
    assert.deepEqual(
      text
        .find('li')
        .map((_, item) => $(item).text())
        .get(),
      ['Monday to Friday, <b>9am</b> to 5pm', 'See https://example.org/help for more'],
    );
    assert.equal(text.find('a[href="mailto:team@example.org"]').text(), 'team@example.org');
    assert.equal(text.find('a[href="https://example.org/help"]').length, 1);
    assert.match(
      text.text(),
      new RegExp(`<img src=x onerror=alert\\(1\\)> ${partnershipName} answers`),
    );
    assert.match($('main').text(), /Last updated 5 December 2026/);

    const entries = await auditRepository(context.database.db).list({
      actorId: cast.team.id,
      limit: 20,
    });
    assert.ok(
      entries.some(
        (entry) => entry.action === 'service-page.changed' && entry.recordId === 'contact',
      ),
    );
  });

  test('the team goes back to the default text, audited', async () => {
    await post('/directory/pages/accessibility', team, { body: 'Our own statement.' });
    assert.match(
      (await page('/accessibility', practitioner))('main').text(),
      /Our own statement\./,
    );
    const directory = await page('/directory', team);
    assert.match(directory('main').text(), /Your own text, changed on 5 December 2026/);
    const reset = await post('/directory/pages/accessibility/reset', team);
    assert.equal(reset.statusCode, 303);
    const $ = await page('/accessibility', practitioner);
    assert.doesNotMatch($('main').text(), /Our own statement/);
    assert.match($('main').text(), /Web Content Accessibility Guidelines version 2\.2 AA/);
    const entries = await auditRepository(context.database.db).list({
      actorId: cast.team.id,
      limit: 20,
    });
    assert.ok(
      entries.some(
        (entry) => entry.action === 'service-page.reset' && entry.recordId === 'accessibility',
      ),
    );
  });

  test('an empty page, or text with broken characters, is refused beside the field', async () => {
    for (const body of ['   ', 'Bad \u202E text']) {
      const refused = await post('/directory/pages/cookies', team, { body });
      assert.equal(refused.statusCode, 400);
      const $ = cheerio.load(refused.body);
      assert.match($('#body-error').text(), /Error: /);
      assert.equal($('.govuk-error-summary a').attr('href'), '#body');
    }
    assert.match((await page('/cookies'))('main').text(), /accord_session/);
  });

  test('nobody but the partnership team may change a page: 403, and signed out, to sign in', async () => {
    for (const person of [cast.school.practitioner, cast.school.lead, cast.admin]) {
      const browser = await signIn(server.app, person.email);
      assert.equal((await get('/directory/pages/privacy', browser)).statusCode, 403);
      assert.equal(
        (await post('/directory/pages/privacy', browser, { body: 'Mine' })).statusCode,
        403,
      );
      assert.equal((await post('/directory/pages/privacy/reset', browser)).statusCode, 403);
    }
    assert.equal((await get('/directory/pages/privacy')).statusCode, 302);
    assert.doesNotMatch((await page('/privacy'))('main').text(), /Mine/);
  });
});
