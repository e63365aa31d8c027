import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { parse } from 'csv-parse/sync';
import { TEST_PASSWORD } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { accountRepository } from '../../../db/repositories/accountRepository.ts';
import { auditRepository } from '../../../db/repositories/auditRepository.ts';
import { organisationRepository } from '../../../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../../../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../../../db/repositories/peopleRepository.ts';
import { hashPassword } from '../../../domain/accounts/passwordHash.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Person } from '../../../domain/directory/directory.ts';
import { loadDemoData } from '../../../services/loadDemoData.ts';
import { reportSummary } from '../../../services/reportSummary.ts';

const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('the dashboard', (context) => {
  const server = useTestApp(context, { clock });
  let team: Person;
  let practitioner: Person;
  let browser: Browser;
  const get = (url: string, as: Browser = browser) =>
    server.app.inject({ method: 'GET', url, headers: { cookie: as.cookie } });

  before(async () => {
    await loadDemoData({ database: context.database, clock });
    const partnerships = partnershipRepository(context.database.db);
    const pan = (await partnerships.list()).find((p) => p.name.startsWith('Pan-Lancashire'));
    const people = await peopleRepository(context.database.db).inPartnership(pan?.id ?? '');
    team = people.find((p) => p.roles.includes('partnership-team')) as Person;
    practitioner = people.find((p) => p.roles.includes('practitioner')) as Person;
    for (const person of [team, practitioner]) {
      await accountRepository(context.database.db).setPasswordHash(
        person.id,
        await hashPassword(TEST_PASSWORD),
        '2026-11-24T09:00:00.000Z',
      );
    }
    browser = await signIn(server.app, team.email);
  });

  /** How many cases a list address shows, over all its pages. */
  async function casesListed(href: string): Promise<number> {
    let total = 0;
    for (let next: string | undefined = href; next; ) {
      const $ = cheerio.load((await get(next)).body);
      total += $('[data-testid="case-list"] tbody tr').length;
      next = $('.govuk-pagination__next a').attr('href');
    }
    return total;
  }

  /** How many lessons a learning-log address shows, over all its pages. */
  async function lessonsListed(href: string): Promise<number> {
    let total = 0;
    for (let next: string | undefined = href; next; ) {
      const $ = cheerio.load((await get(next)).body);
      total += $('[data-testid="lessons"] > li').length;
      next = $('.govuk-pagination__next a').attr('href');
    }
    return total;
  }

  /** Each count on the dashboard that links to a list: the list holds exactly that many. */
  async function assertEveryFigureLeadsToItsCases($: cheerio.CheerioAPI) {
    let followed = 0;
    for (const link of $('main a[href^="/disagreements?"]').toArray()) {
      const href = $(link).attr('href') as string;
      assert.equal(
        await casesListed(href),
        Number($(link).text()),
        `${href} lists ${$(link).text()}`,
      );
      followed++;
    }
    assert.ok(followed >= 20, `followed ${followed} links`);
    for (const link of $('main a[href^="/learning-log?"]').toArray()) {
      const href = $(link).attr('href') as string;
      assert.equal(
        await lessonsListed(href),
        Number($(link).text()),
        `${href} lists ${$(link).text()} lessons`,
      );
    }
  }

  test('the headline figures are the summary’s, and every figure’s link lists exactly the cases behind it', async () => {
    const response = await get('/dashboard?from=2025-11-24&to=2026-11-24');
    assert.equal(response.statusCode, 200);
    const $ = cheerio.load(response.body);
    const summary = await reportSummary(
      { database: context.database, clock },
      { partnershipId: team.partnershipId as string, from: '2025-11-24', to: '2026-11-24' },
      {
        actor: {
          personId: team.id,
          partnershipId: team.partnershipId,
          agencyId: null,
          roles: new Set(team.roles),
        },
        via: 'web',
        requestId: null,
      },
    );
    const headline = (label: string) =>
      $('[data-testid="headlines"] li')
        .filter((_, li) => $(li).text().includes(label))
        .find('.accord-headline__value')
        .text()
        .trim();
    assert.equal(headline('Open now'), String(summary.open.total));
    assert.equal(headline('Overdue now'), String(summary.open.overdue));
    assert.equal(headline('Raised in the period'), String(summary.raised.total));
    await assertEveryFigureLeadsToItsCases($);
  });

  test('narrowed to a local authority, every figure still leads to exactly its cases and lessons', async () => {
    const localAuthorities = await organisationRepository(context.database.db).localAuthorities(
      team.partnershipId as string,
    );
    const lancashire = localAuthorities.find((la) => la.name.startsWith('Lancashire'));
    assert.ok(lancashire);
    const response = await get(
      `/dashboard?from=2019-01-01&to=2026-11-24&localAuthorityId=${lancashire.id}`,
    );
    assert.equal(response.statusCode, 200);
    const $ = cheerio.load(response.body);
    const lessonLinks = $('main a[href^="/learning-log?"]');
    assert.ok(lessonLinks.length > 0, 'some lessons over seven years');
    for (const link of lessonLinks.toArray()) {
      assert.match($(link).attr('href') as string, new RegExp(`localAuthorityId=${lancashire.id}`));
    }
    await assertEveryFigureLeadsToItsCases($);
  });

  test('every table has its chart, an image with a title, and its CSV', async () => {
    const $ = cheerio.load((await get('/dashboard')).body);
    for (const id of [
      'open-by-stage',
      'raised-by-month',
      'raised-by-category',
      'raised-by-agency',
      'agency-pairs',
      'stage-reached',
      'timeliness',
      'lessons-by-theme',
    ]) {
      const section = $(`[data-testid="${id}"]`);
      assert.equal(section.find('svg[role="img"] title').length, 1, id);
      assert.ok(section.find('table tbody tr').length > 0, id);
    }
    const csv = await get('/dashboard/raised-by-agency.csv?from=2025-11-24&to=2026-11-24');
    assert.equal(csv.statusCode, 200);
    const rows: Record<string, string>[] = parse(csv.body, { bom: true, columns: true });
    const onPage = $('[data-testid="raised-by-agency"] tbody tr')
      .toArray()
      .map((tr) => $(tr).find('th').text().trim());
    assert.deepEqual(
      rows.map((row) => row.Agency),
      onPage,
    );
    assert.equal(
      rows.length,
      (await organisationRepository(context.database.db).agencies(team.partnershipId as string))
        .length,
      'every agency of the partnership is in the file',
    );
    const [exported] = await auditRepository(context.database.db).list({
      actorId: team.id,
      limit: 1,
    });
    assert.deepEqual(
      [exported?.action, exported?.justification],
      ['reports.exported', 'raised-by-agency'],
    );
    assert.equal((await get('/dashboard/no-such-table.csv')).statusCode, 404);
  });

  test('the period’s date boxes move to the address; a wrong one is said beside its field', async () => {
    const moved = await get(
      '/dashboard?from-day=1&from-month=4&from-year=2026&to-day=30&to-month=9&to-year=2026&localAuthorityId=',
    );
    assert.equal(moved.statusCode, 303);
    assert.equal(moved.headers.location, '/dashboard?from=2026-04-01&to=2026-09-30');
    const $ = cheerio.load((await get(moved.headers.location as string)).body);
    assert.match(
      $('.govuk-body-l').first().text(),
      /Wednesday 1 April 2026 to Wednesday 30 September 2026/,
    );
    const wrong = cheerio.load(
      (await get('/dashboard?from-day=31&from-month=2&from-year=2026&to-day=&to-month=&to-year='))
        .body,
    );
    assert.match(wrong('.govuk-error-summary').text(), /Enter the first day as a real date/);
  });

  test('only the partnership team: a practitioner gets 403 and no link to it', async () => {
    const as = await signIn(server.app, practitioner.email);
    assert.equal((await get('/dashboard', as)).statusCode, 403);
    assert.equal((await get('/dashboard/raised-by-month.csv', as)).statusCode, 403);
    const home = cheerio.load((await get('/', as)).body);
    assert.equal(home('a[href="/dashboard"]').length, 0);
  });
});
