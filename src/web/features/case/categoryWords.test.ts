import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { parse } from 'csv-parse/sync';
import { aCase, aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';
import { categoryNames } from '../../../domain/vocabularyNames.ts';
import { adoptProtocol } from '../../../services/adoptProtocol.ts';
import { commandLine } from '../../../services/requestContext.ts';

// Wherever a case's category is shown, it is in the words of the protocol version the case runs
// under (test/protocols/own-categories.yaml, then a second version with other words); figures
// over many cases, and the list's filter, use the words of the version in force.

const version1 = readFileSync(
  path.join(import.meta.dirname, '../../../../test/protocols/own-categories.yaml'),
  'utf8',
);
const version2 = version1
  .replace('version: 1', 'version: 2')
  .replace('label: The child protection plan', 'label: How the child protection plan is working');

describeOnEachDatabase('a case’s category, in its protocol’s words', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const server = useTestApp(context, { clock });
  const deps = () => ({ database: context.database, clock });
  let cast: Cast;
  let first: Disagreement;
  let second: Disagreement;
  let team: Browser;
  let raiser: Browser;

  const get = (browser: Browser, url: string) =>
    server.app.inject({ method: 'GET', url, headers: { cookie: browser.cookie } });
  const csv = async (browser: Browser, url: string): Promise<Record<string, string>[]> =>
    parse((await get(browser, url)).body, { bom: true, columns: true });
  const adopt = (protocolSource: string) =>
    adoptProtocol(deps(), { partnershipId: cast.partnershipId, protocolSource }, commandLine);
  const aboutOnCasePage = async (disagreement: Disagreement) => {
    const $ = cheerio.load((await get(raiser, `/disagreements/${disagreement.id}`)).body);
    const row = $('.govuk-summary-list__row').filter(
      (_, element) => $(element).find('dt').text().trim() === 'What it is about',
    );
    return row.find('dd').text().trim();
  };

  before(async () => {
    cast = await aDisagreementCast(context.database);
    await adopt(version1);
    first = await aCase(deps(), cast, { category: 'cp-plan' });
    await adopt(version2);
    second = await aCase(deps(), cast, { category: 'cp-plan' });
    team = await signIn(server.app, cast.team.email);
    raiser = await signIn(server.app, cast.school.practitioner.email);
  });

  test('the case page and the case summary: the words of the case’s own version', async () => {
    assert.equal(await aboutOnCasePage(first), 'The child protection plan');
    assert.equal(await aboutOnCasePage(second), 'How the child protection plan is working');
    const summary = (await get(raiser, `/disagreements/${first.id}/summary.json`)).body;
    assert.deepEqual(JSON.parse(summary).category, {
      id: 'cp-plan',
      name: 'The child protection plan',
    });
  });

  test('the cases file: each case’s category name in its own version’s words', async () => {
    const rows = await csv(team, '/disagreements/export/cases.csv?category=cp-plan');
    assert.deepEqual(
      rows.map((row) => [row.reference, row.category, row['category name']]).sort(),
      [
        [first.reference, 'cp-plan', 'The child protection plan'],
        [second.reference, 'cp-plan', 'How the child protection plan is working'],
      ].sort(),
    );
  });

  test('the list’s filter and the dashboard: the words of the version in force', async () => {
    const $ = cheerio.load((await get(team, '/disagreements?category=cp-plan')).body);
    assert.equal(
      $('select[name="category"] option[value="cp-plan"]').text().trim(),
      'How the child protection plan is working',
    );
    assert.equal(
      $('select[name="category"] option[value="placement"]').text().trim(),
      categoryNames.placement,
      'a category the protocol does not offer can still be found, in the service’s words',
    );
    assert.deepEqual(
      $('.moj-filter__tag')
        .map((_, tag) => $(tag).text().replace('Remove this filter', '').trim())
        .get(),
      ['How the child protection plan is working'],
    );
    const table = await csv(
      team,
      '/dashboard/raised-by-category.csv?from=2025-11-24&to=2026-11-24',
    );
    assert.deepEqual(
      table.map((row) => Object.values(row)),
      [['How the child protection plan is working', '2']],
    );
  });
});
