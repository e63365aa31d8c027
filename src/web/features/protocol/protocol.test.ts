import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { parseDocument } from 'yaml';
import {
  aCase,
  aDisagreementCast,
  aPerson,
  type Cast,
  contextOf,
} from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { withdraw } from '../../../domain/disagreement/actions/withdraw.ts';
import { builtInProtocolFile } from '../../../protocols/builtInProtocols.ts';
import { adoptProtocol } from '../../../services/adoptProtocol.ts';
import { runCaseAction } from '../../../services/runCaseAction.ts';

const clock = fixedClock('2026-11-24T10:00:00Z');
const original = readFileSync(builtInProtocolFile('pan-lancashire'), 'utf8');

/** Pan-Lancashire with longer for senior managers and shorter working hours, as a team might. */
function changedFile(): string {
  const document = parseDocument(original);
  document.setIn(['version'], 2);
  document.setIn(['stages', 2, 'timescale', 'amount'], 7);
  document.setIn(['calendar', 'workingHours', 'start'], '08:30');
  document.setIn(['calendar', 'workingHours', 'end'], '16:30');
  return `# Adopted after the review of December 2026\n${document.toString()}`;
}

describeOnEachDatabase('the protocol page and its versions', (context) => {
  const server = useTestApp(context, { clock });
  const deps = () => ({ database: context.database, clock, baseUrl: 'https://accord.example.org' });
  let cast: Cast;
  let other: Cast;
  let team: Browser;
  const adopted = changedFile();
  const reason = 'The partnership board agreed senior managers need 7 working days.';

  const get = (url: string, browser: Browser = team) =>
    server.app.inject({ method: 'GET', url, headers: { cookie: browser.cookie } });
  const page = async (url: string, browser: Browser = team) => {
    const response = await get(url, browser);
    assert.equal(response.statusCode, 200, response.body.slice(0, 500));
    return cheerio.load(response.body);
  };
  const rowsOf = ($: cheerio.CheerioAPI, testId: string) =>
    $(`[data-testid="${testId}"] tbody tr`)
      .map((_, row) =>
        [
          $(row)
            .find('th, td')
            .map((__, cell) => $(cell).text().replace(/\s+/g, ' ').trim())
            .get(),
        ].map((cells) => cells),
      )
      .get() as string[][];

  before(async () => {
    cast = await aDisagreementCast(context.database);
    other = await aDisagreementCast(context.database);
    clock.set('2026-11-20T10:00:00Z');
    await aCase(deps(), cast, { raisedAt: '2026-11-20T09:00:00Z' });
    const withdrawn = await aCase(deps(), cast, { raisedAt: '2026-11-20T09:30:00Z' });
    await runCaseAction(
      deps(),
      withdraw,
      { id: withdrawn.id, version: withdrawn.version, input: { reason: 'Agreed on the phone' } },
      await contextOf(context.database, cast.team),
    );
    // The other partnership's cases count for it alone.
    await aCase(deps(), other, { raisedAt: '2026-11-20T09:00:00Z' });
    clock.set('2026-11-23T11:15:00Z');
    await adoptProtocol(
      deps(),
      { partnershipId: cast.partnershipId, protocolSource: adopted, reason },
      await contextOf(context.database, cast.team),
    );
    clock.set('2026-11-24T09:00:00Z');
    await aCase(deps(), cast, { raisedAt: '2026-11-24T08:00:00Z' });
    clock.set('2026-11-24T10:00:00Z');
    team = await signIn(server.app, cast.team.email);
  });

  test('the protocol in force: its version, who adopted it, when and why, and a way to edit it', async () => {
    const $ = await page('/protocol');
    assert.equal($('h1').text().trim(), 'Pan-Lancashire resolving professional disagreements');
    const inForce = $('[data-testid="in-force"]').text().replace(/\s+/g, ' ');
    assert.match(inForce, /Version 2 /);
    assert.match(inForce, new RegExp(`11:15am on Monday 23 November 2026, by ${cast.team.name}`));
    assert.match(inForce, /senior managers need 7 working days/);
    assert.match(inForce, /Disagreements on it 1 open of 1 case /);
    assert.match(inForce, /8:30am to 4:30pm/);
    const edit = $('a.govuk-button--start');
    assert.equal(edit.attr('href'), '/protocol/drafts/new');
    assert.match(edit.text(), /Edit the protocol/);
    assert.equal($('.govuk-service-navigation a[href="/protocol"]').length, 1, 'in the header');
  });

  test('each pathway’s ladder in order: who, the timescale in words, its limits and what entering it sets off', async () => {
    const $ = await page('/protocol');
    const general = rowsOf($, 'ladder-general');
    assert.deepEqual(
      general.map((row) => row[0]),
      [
        'Initial challenge',
        '1. Line managers',
        '2. Senior managers',
        '3. Head of Service or Director',
      ],
    );
    assert.equal(general[0]?.[2], 'No set timescale');
    assert.equal(general[2]?.[2], '7 working days');
    assert.match(
      general[1]?.[3] ?? '',
      /The limit for stages 1 to 3 together: within 15 working days of the start of stage 1 'Line managers', for stages 1 to 3/,
    );
    assert.equal(general[0]?.[3], 'None');
    assert.match(general[3]?.[4] ?? '', /The CSAP team is told\./);
    const frontDoor = rowsOf($, 'ladder-front-door');
    assert.equal(frontDoor.length, 4);
    assert.match(
      $('#pathway-front-door').next().text(),
      /a referral not accepted at the front door/,
    );
    assert.match($('[data-testid="urgent"]').text(), /immediate risk/);
  });

  test('the versions table: who adopted each, when, why, its open and total cases, its file and the difference', async () => {
    const $ = await page('/protocol');
    const rows = rowsOf($, 'versions');
    assert.equal(rows.length, 2);
    assert.equal(rows[0]?.[0], '2 Pan-Lancashire resolving professional disagreements');
    assert.match(rows[0]?.[1] ?? '', /Monday 23 November 2026/);
    assert.equal(rows[0]?.[2], reason);
    assert.equal(rows[0]?.[3], '1 open of 1 case');
    assert.match(rows[1]?.[1] ?? '', /by an operator, on the command line/);
    assert.equal(rows[1]?.[2], '', 'the first version was adopted without a reason');
    assert.equal(rows[1]?.[3], '1 open of 2 cases');
    const links = $('[data-testid="versions"] tbody tr')
      .first()
      .find('a')
      .map((_, a) => $(a).attr('href'))
      .get();
    assert.deepEqual(links, [
      '/protocol/versions/2.yaml',
      '/protocol/versions/compare?from=1&to=2',
    ]);
    assert.equal(
      $('[data-testid="versions"] tbody tr').last().find('a[href*="compare"]').length,
      0,
      'the first version has none before it',
    );
  });

  test('a version’s YAML downloads byte for byte as it was adopted, under a name that says what it is', async () => {
    const latest = await get('/protocol/versions/2.yaml');
    assert.equal(latest.statusCode, 200);
    assert.equal(latest.headers['content-type'], 'text/yaml; charset=utf-8');
    assert.equal(
      latest.headers['content-disposition'],
      'attachment; filename="pan-lancashire-protocol-version-2.yaml"',
    );
    assert.ok(latest.rawPayload.equals(Buffer.from(adopted, 'utf8')));
    const first = await get('/protocol/versions/1.yaml');
    assert.ok(first.rawPayload.equals(Buffer.from(original, 'utf8')));
    assert.equal((await get('/protocol/versions/3.yaml')).statusCode, 404);
    assert.equal((await get('/protocol/versions/0.yaml')).statusCode, 404);
  });

  test('two real versions compared in words, grouped by part, the versions chosen in the form', async () => {
    const $ = await page('/protocol/versions/compare?from=1&to=2');
    const differences = $('[data-testid="differences"]').text().replace(/\s+/g, ' ');
    assert.match(
      differences,
      /Stage 2 'Senior managers': timescale changed from 5 working days to 7 working days/,
    );
    assert.match(differences, /Working hours changed from 9am to 5pm to 8:30am to 4:30pm/);
    assert.match(differences, /The file’s own version number changed from 1 to 2/);
    assert.deepEqual(
      $('[data-testid="differences"] h3')
        .map((_, h) => $(h).text())
        .get(),
      ['About the protocol', 'Working time', 'The stages'],
    );
    assert.equal($('select#from option[selected]').attr('value'), '1');
    assert.equal($('select#to option[selected]').attr('value'), '2');
    assert.equal($('form[method="get"][action="/protocol/versions/compare"]').length, 1);
    // Without a choice: the version in force against the one before it.
    const byDefault = await page('/protocol/versions/compare');
    assert.equal(
      byDefault('[data-testid="differences"]').text().replace(/\s+/g, ' '),
      $('[data-testid="differences"]').text().replace(/\s+/g, ' '),
    );
    // The other way round, the same changes undone.
    const back = (await page('/protocol/versions/compare?from=2&to=1'))(
      '[data-testid="differences"]',
    )
      .text()
      .replace(/\s+/g, ' ');
    assert.match(back, /timescale changed from 7 working days to 5 working days/);
  });

  test('a version that does not exist, or is not one, is named beside its field', async () => {
    const wrong = await get('/protocol/versions/compare?from=nine&to=7', team);
    assert.equal(wrong.statusCode, 400);
    const $ = cheerio.load(wrong.body);
    assert.match($('title').text(), /^Error: /);
    assert.deepEqual(
      $('.govuk-error-summary__list a')
        .map((_, a) => [[$(a).attr('href'), $(a).text().trim()]])
        .get(),
      [
        ['#from', 'Choose a version to compare'],
        ['#to', 'Choose a version of the protocol'],
      ],
    );
    assert.match($('#from-error').text(), /Choose a version to compare/);
    const unknownVersion = await get('/protocol/versions/compare?from=1&to=7', team);
    assert.equal(unknownVersion.statusCode, 400);
    const unknown = cheerio.load(unknownVersion.body);
    assert.match(unknown('#to-error').text(), /Choose a version of the protocol/);
    assert.equal(unknown('[data-testid="differences"]').length, 0);
  });

  test('a partnership with one version: no reason shown, nothing to compare, and none of another’s versions', async () => {
    const theirs = await signIn(server.app, other.team.email);
    const $ = await page('/protocol', theirs);
    assert.doesNotMatch($('[data-testid="in-force"]').text(), /Why/);
    assert.match($('[data-testid="in-force"]').text(), /1 open of 1 case/);
    assert.equal(rowsOf($, 'versions').length, 1);
    const compare = await page('/protocol/versions/compare', theirs);
    assert.match(compare('main').text(), /only one version/);
    assert.equal((await get('/protocol/versions/2.yaml', theirs)).statusCode, 404);
  });

  test('anyone but the partnership team is told the pages do not exist', async () => {
    const admin = await aPerson(context.database, { roles: ['admin'] });
    for (const person of [
      cast.school.practitioner,
      cast.school.senior,
      cast.socialCare.lead,
      admin,
    ]) {
      const browser = await signIn(server.app, person.email);
      for (const url of [
        '/protocol',
        '/protocol/versions/1.yaml',
        '/protocol/versions/compare?from=1&to=2',
      ]) {
        const response = await get(url, browser);
        assert.equal(response.statusCode, 404, `${url} for ${person.roles.join(', ')}`);
        assert.ok(!response.body.includes('Pan-Lancashire resolving'), url);
      }
      const home = cheerio.load((await get('/', browser)).body);
      assert.equal(home('.govuk-service-navigation a[href="/protocol"]').length, 0);
    }
    const anonymous = await server.app.inject({ method: 'GET', url: '/protocol' });
    assert.equal(anonymous.statusCode, 302);
  });
});
