import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { parse } from 'csv-parse/sync';
import { aCase, aDisagreementCast, anAgency, type Cast } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { auditRepository } from '../../../db/repositories/auditRepository.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';
import { categoryNames } from '../../../domain/vocabularyNames.ts';

const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('the case list and its downloads', (context) => {
  const server = useTestApp(context, { clock });
  const deps = () => ({ database: context.database, clock });
  let cast: Cast;
  let team: Browser;
  let practitioner: Browser;
  let formulaAgencyId: string;
  const threshold: Disagreement[] = [];
  let other: Disagreement;

  const get = (browser: Browser, url: string) =>
    server.app.inject({ method: 'GET', url, headers: { cookie: browser.cookie } });
  const page = async (browser: Browser, url: string) =>
    cheerio.load((await get(browser, url)).body);
  const listed = ($: cheerio.CheerioAPI) =>
    $('[data-testid="case-list"] tbody tr td:first-child a')
      .map((_, link) => $(link).text())
      .get();
  const csv = (body: string): Record<string, string>[] => parse(body, { bom: true, columns: true });

  before(async () => {
    cast = await aDisagreementCast(context.database);
    formulaAgencyId = (
      await anAgency(context.database, cast.partnershipId, {
        name: '=HYPERLINK("http://example.org")',
        kind: 'police',
      })
    ).id;
    // 51 threshold cases, one page and a case more, and one about something else.
    for (let n = 0; n < 51; n++) {
      const raisedAt = Temporal.Instant.from('2026-11-02T10:00:00Z').add({ hours: n }).toString();
      clock.set(raisedAt);
      threshold.push(
        await aCase(deps(), cast, {
          raisedAt,
          children: [{ firstName: `Child${n}`, lastName: 'Secretname' }],
          summary: `Summary words ${n}`,
          ...(n === 0 ? { otherAgencyIds: [formulaAgencyId], otherPerson: null } : {}),
        }),
      );
    }
    clock.set('2026-11-20T10:00:00Z');
    other = await aCase(deps(), cast, {
      raisedAt: '2026-11-20T10:00:00Z',
      category: 'information-sharing',
      children: [{ firstName: 'Łucja', lastName: 'Nowak' }],
    });
    clock.set('2026-11-24T10:00:00Z');
    team = await signIn(server.app, cast.team.email);
    practitioner = await signIn(server.app, cast.school.practitioner.email);
  });

  test('the filters are in the address and survive paging: the next page keeps them', async () => {
    const $ = await page(team, '/disagreements?category=threshold&sort=raised');
    assert.equal(listed($).length, 50);
    assert.ok(!listed($).includes(other.reference));
    const next = $('.govuk-pagination__next a').attr('href') ?? '';
    assert.match(next, /category=threshold/);
    assert.match(next, /sort=raised/);
    assert.match(next, /cursor=/);
    const second = await page(team, next);
    assert.deepEqual(listed(second), [threshold[0]?.reference], 'the oldest, and only it');
    assert.equal(second('select[name="category"] option[selected]').attr('value'), 'threshold');
    assert.deepEqual(
      second('.moj-filter__tag')
        .map((_, tag) => second(tag).text().replace('Remove this filter', '').trim())
        .get(),
      [categoryNames.threshold],
    );
  });

  test('the form’s date boxes move to the address the API would take; a wrong date is said, nothing listed', async () => {
    const moved = await get(
      team,
      '/disagreements?q=&status=&category=information-sharing&raisedFrom-day=20&raisedFrom-month=11&raisedFrom-year=2026&raisedTo-day=&raisedTo-month=&raisedTo-year=&sort=newest',
    );
    assert.equal(moved.statusCode, 303);
    assert.equal(
      moved.headers.location,
      '/disagreements?category=information-sharing&raisedFrom=2026-11-20&sort=newest',
    );
    assert.deepEqual(listed(await page(team, moved.headers.location as string)), [other.reference]);
    const wrong = await page(
      team,
      '/disagreements?raisedFrom-day=31&raisedFrom-month=2&raisedFrom-year=2026&raisedTo-day=&raisedTo-month=&raisedTo-year=',
    );
    assert.match(wrong('.govuk-error-summary').text(), /Enter the first date as a real date/);
    assert.equal(wrong('#raisedFrom-day').val(), '31', 'what was typed is kept');
    assert.equal(listed(wrong).length, 0);
  });

  test('a search by a child’s name finds the case, whatever the accents', async () => {
    assert.deepEqual(listed(await page(team, '/disagreements?q=lucja')), [other.reference]);
    assert.deepEqual(
      listed(await page(team, `/disagreements?q=${threshold[3]?.reference.toLowerCase()}`)),
      [threshold[3]?.reference],
    );
  });

  test('the cases file: one row a case the filters find, no child’s name nor free text, formulas neutralised, every case audited', async () => {
    const before =
      (await auditRepository(context.database.db).list({ actorId: cast.team.id, limit: 1 }))[0]
        ?.seq ?? 0;
    const response = await get(team, '/disagreements/export/cases.csv?category=threshold');
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^text\/csv/);
    assert.match(
      response.headers['content-disposition'] as string,
      /attachment; filename=".+-disagreements-2026-11-24\.csv"/,
    );
    const rows = csv(response.body);
    assert.deepEqual(Object.keys(rows[0] ?? {}), [
      'reference',
      'local authority',
      'raised (local time)',
      'raising agency',
      'other agencies',
      'category',
      'category name',
      'pathway',
      'urgent',
      'status',
      'stage reached',
      'working days to resolve',
      'lesson themes',
    ]);
    assert.deepEqual(
      rows.map((row) => row.reference).sort(),
      threshold.map((d) => d.reference).sort(),
    );
    const first = rows.find((row) => row.reference === threshold[0]?.reference);
    assert.equal(first?.['raised (local time)'], '2026-11-02 10:00');
    assert.equal(first?.['raising agency'], cast.school.agency.name);
    assert.equal(first?.['category name'], categoryNames.threshold);
    assert.match(
      first?.['other agencies'] ?? '',
      /'=HYPERLINK/,
      'a cell that would be a formula starts with an apostrophe',
    );
    assert.ok(
      !/Secretname|Summary words|Child\d/.test(response.body),
      'no child’s name nor free text',
    );
    const audited = (
      await auditRepository(context.database.db).list({ actorId: cast.team.id, limit: 200 })
    ).filter((entry) => entry.seq > before);
    assert.deepEqual(
      audited.map((entry) => entry.recordId).sort(),
      threshold.map((d) => d.id).sort(),
    );
    assert.ok(audited.every((entry) => entry.action === 'disagreement.exported'));
  });

  test('the stages file: one row a stage of each case, with its times and whether it ended in time', async () => {
    const response = await get(team, `/disagreements/export/stages.csv?q=${other.reference}`);
    const rows = csv(response.body);
    assert.deepEqual(rows, [
      {
        reference: other.reference,
        'stage key': 'initial',
        'stage number': '',
        'started (local time)': '2026-11-20 10:00',
        'due (local time)': '',
        'ended (local time)': '',
        outcome: '',
        'within timescale': '',
      },
    ]);
  });

  test('a filter that does not read exports nothing, rather than every case without it', async () => {
    for (const file of ['cases', 'stages']) {
      const response = await get(team, `/disagreements/export/${file}.csv?category=nonsense`);
      assert.equal(response.statusCode, 400, file);
      assert.doesNotMatch(response.headers['content-type'] as string, /csv/);
    }
  });

  test('only the partnership team downloads: 403 for a practitioner', async () => {
    assert.equal((await get(practitioner, '/disagreements/export/cases.csv')).statusCode, 403);
    assert.equal((await get(practitioner, '/disagreements/export/stages.csv')).statusCode, 403);
    const $ = await page(practitioner, '/disagreements');
    assert.equal($('a[href^="/disagreements/export"]').length, 0, 'and no link to it');
  });
});
