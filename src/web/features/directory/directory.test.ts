import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { anAgency, aPerson, setUpAccord, TEST_PASSWORD } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { buildTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { partnershipRepository } from '../../../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../../../db/repositories/peopleRepository.ts';
import type { Person } from '../../../domain/directory/directory.ts';

describeOnEachDatabase('directory pages', (context) => {
  let app: FastifyInstance;
  let team: Person;
  let browser: Browser;
  const post = (url: string, payload: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie: browser.cookie },
      payload: { _csrf: browser.csrfToken, ...payload },
    });
  const directory = async () =>
    cheerio.load(
      (await app.inject({ method: 'GET', url: '/directory', headers: { cookie: browser.cookie } }))
        .body,
    );

  let partnershipId: string;
  // Someone each test may change, made for that test alone.
  const aHealthVisitor = () =>
    aPerson(context.database, {
      partnershipId,
      name: 'Fay Example',
      jobTitle: 'Health visitor',
      roles: ['practitioner', 'safeguarding-lead'],
      lineManagerId: team.id,
    });

  before(async () => {
    ({ partnershipId } = await setUpAccord(context.database));
    team = await aPerson(context.database, { partnershipId, roles: ['partnership-team'] });
    app = await buildTestApp({ database: context.database });
    browser = await signIn(app, team.email);
  });

  test('the directory says how the partnership’s case references start', async () => {
    const prefix = (await partnershipRepository(context.database.db).get(partnershipId))
      ?.referencePrefix;
    const $ = await directory();
    assert.match(
      $('main p').first().text(),
      new RegExp(`references start ${prefix}, for example ${prefix}-2026-0001`),
    );
  });

  test('the partnership team adds a local authority, an agency in it and an on-call contact', async () => {
    const authority = await post('/directory/local-authorities/new', {
      name: 'Blackpool Council',
      frontDoorName: 'Request for Support Hub',
      monitoringTeamName: 'MASA team',
      monitoringTeamEmail: '',
    });
    assert.equal(authority.statusCode, 303);
    assert.equal(authority.headers.location, '/directory?saved=Local%20authority%20added');
    const form = cheerio.load(
      (
        await app.inject({
          method: 'GET',
          url: '/directory/agencies/new',
          headers: { cookie: browser.cookie },
        })
      ).body,
    );
    const blackpool = form('select[name="localAuthorityId"] option')
      .filter((_, o) => form(o).text() === 'Blackpool Council')
      .attr('value');
    assert.equal(
      (
        await post('/directory/agencies/new', {
          name: 'Seaside Academy',
          kind: 'school',
          localAuthorityId: blackpool,
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await post('/directory/on-call-contacts/new', {
          name: 'Emergency duty team',
          telephone: '01234 567890',
        })
      ).statusCode,
      303,
    );
    const $ = await directory();
    const text = $('main').text();
    for (const expected of [
      'Request for Support Hub',
      'MASA team',
      'Seaside Academy',
      'School',
      'Emergency duty team',
    ]) {
      assert.ok(text.includes(expected), expected);
    }
  });

  test('a form with problems shows them beside the fields and stores nothing', async () => {
    const response = await post('/directory/people/new', {
      name: '',
      email: 'not an address',
      roles: [],
    });
    assert.equal(response.statusCode, 400);
    const $ = cheerio.load(response.body);
    assert.deepEqual(
      $('.govuk-error-summary__list a')
        .map((_, a) => $(a).attr('href'))
        .get(),
      ['#name', '#email', '#roles'],
    );
    assert.equal(
      $('#email-error').text().trim(),
      'Error: Enter an e-mail address in the correct format, like name@example.org',
    );
  });

  test('a person is added with roles and a line manager; the team cannot make an administrator', async () => {
    const added = await post('/directory/people/new', {
      name: 'Fay Example',
      email: 'fay@example.org',
      jobTitle: 'Health visitor',
      roles: ['practitioner', 'safeguarding-lead'],
      lineManagerId: team.id,
    });
    assert.equal(added.statusCode, 303);
    const fay = await peopleRepository(context.database.db).findByEmail('fay@example.org');
    assert.deepEqual(fay?.roles.sort(), ['practitioner', 'safeguarding-lead']);
    assert.equal(fay?.lineManagerId, team.id);

    const admin = await post('/directory/people/new', {
      name: 'Gus Example',
      email: 'gus@example.org',
      roles: 'admin',
    });
    assert.equal(admin.statusCode, 403);
    assert.equal(
      await peopleRepository(context.database.db).findByEmail('gus@example.org'),
      undefined,
    );
  });

  test('changing roles needs the password again', async () => {
    const fay = await aHealthVisitor();
    const url = `/directory/people/${fay?.id}/roles`;
    const wrong = await post(url, { roles: ['manager'], password: 'not my password at all' });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(
      (await peopleRepository(context.database.db).get(fay?.id ?? ''))?.roles.sort(),
      ['practitioner', 'safeguarding-lead'],
    );
    const right = await post(url, { roles: ['manager'], password: TEST_PASSWORD });
    assert.equal(right.statusCode, 303);
    assert.deepEqual((await peopleRepository(context.database.db).get(fay?.id ?? ''))?.roles, [
      'manager',
    ]);
  });

  test('teams, regions and closure days are added; an impossible date is refused', async () => {
    await anAgency(context.database, partnershipId, { name: 'Harbour Academy', kind: 'school' });
    const $form = cheerio.load(
      (
        await app.inject({
          method: 'GET',
          url: '/directory/teams/new',
          headers: { cookie: browser.cookie },
        })
      ).body,
    );
    const harbour = $form('select[name="agencyId"] option')
      .filter((_, o) => $form(o).text() === 'Harbour Academy')
      .attr('value');
    assert.equal(
      (await post('/directory/teams/new', { agencyId: harbour, name: 'Pastoral team' })).statusCode,
      303,
    );
    assert.equal((await post('/directory/regions/new', { name: 'North' })).statusCode, 303);
    assert.equal(
      (
        await post('/directory/meeting-places/new', {
          name: 'Civic Centre, Committee Room 2',
          address: '1 Example Street, Exampleton',
        })
      ).statusCode,
      303,
    );
    const unnamed = await post('/directory/meeting-places/new', { name: '', address: '' });
    assert.equal(unnamed.statusCode, 400);
    assert.match(
      cheerio.load(unnamed.body)('.govuk-error-summary').text(),
      /Enter the name of the place/,
    );
    const impossible = await post('/directory/closure-days/new', {
      'date-day': '31',
      'date-month': '2',
      'date-year': '2027',
      name: 'Never',
    });
    assert.equal(impossible.statusCode, 400);
    assert.match(
      cheerio.load(impossible.body)('.govuk-error-summary').text(),
      /Enter a real date, like 24 12 2026/,
    );
    const closure = await post('/directory/closure-days/new', {
      'date-day': '24',
      'date-month': '12',
      'date-year': '2026',
      name: 'Christmas Eve closure',
    });
    assert.equal(closure.statusCode, 303);
    const text = (await directory())('main').text();
    for (const expected of [
      'Pastoral team',
      'North',
      'Civic Centre, Committee Room 2',
      '1 Example Street, Exampleton',
      'Thursday 24 December 2026',
      'Christmas Eve closure',
    ]) {
      assert.ok(text.includes(expected), expected);
    }
  });

  test('a person who has left is deactivated: their sessions end and their tokens stop working', async () => {
    const fay = await aHealthVisitor();
    const faysBrowser = await signIn(app, fay.email);
    const url = `/directory/people/${fay?.id}`;
    const loop = await post(url, { name: 'Fay Example', active: 'yes', lineManagerId: fay?.id });
    assert.equal(loop.statusCode, 400, 'nobody is their own line manager');
    const left = await post(url, { name: 'Fay Example', jobTitle: 'Health visitor', active: 'no' });
    assert.equal(left.statusCode, 303);
    const account = await app.inject({
      method: 'GET',
      url: '/account',
      headers: { cookie: faysBrowser.cookie },
    });
    assert.equal(account.statusCode, 302, 'signed out');
    assert.match((await directory())('main').text(), /Fay Example \(no longer active\)/);
  });

  test('unusual text, injection strings included, is stored as written and shown as text', async () => {
    const name = `<script>alert(1)</script> O'Brien "; DROP TABLE people; -- {{7*7}}`;
    assert.equal((await post('/directory/regions/new', { name })).statusCode, 303);
    const page = await app.inject({
      method: 'GET',
      url: '/directory',
      headers: { cookie: browser.cookie },
    });
    assert.doesNotMatch(page.body, /<script>alert\(1\)<\/script>/);
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    const $ = cheerio.load(page.body);
    assert.ok(
      $('td').filter((_, cell) => $(cell).text() === name).length === 1,
      'shown exactly as written',
    );
    assert.equal(
      (await peopleRepository(context.database.db).count()) > 0,
      true,
      'the people table is still there',
    );
  });

  test('the working hours, days and bank-holiday calendar are changed; an end before the start or no day is refused', async () => {
    const backwards = await post('/directory/working-time', {
      region: 'scotland',
      start: '17:00',
      end: '09:00',
      weekdays: 'monday',
    });
    assert.equal(backwards.statusCode, 400);
    assert.match(
      cheerio.load(backwards.body)('.govuk-error-summary').text(),
      /must end after it starts/,
    );
    const noDays = await post('/directory/working-time', {
      region: 'scotland',
      start: '08:30',
      end: '16:30',
    });
    assert.equal(noDays.statusCode, 400);
    const $noDays = cheerio.load(noDays.body);
    assert.equal(
      $noDays('#weekdays-error').text().trim(),
      'Error: Select at least one working day',
    );
    assert.equal(
      $noDays('.govuk-error-summary a[href="#weekdays"]').text(),
      'Select at least one working day',
    );
    assert.equal(
      (
        await post('/directory/working-time', {
          region: 'scotland',
          start: '08:30',
          end: '16:30',
          weekdays: ['tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
        })
      ).statusCode,
      303,
    );
    const summary = (await directory())('.govuk-summary-list').text();
    assert.match(summary, /Scotland/);
    assert.match(summary, /8:30am to 4:30pm/);
    assert.match(summary, /Tuesday, Wednesday, Thursday, Friday and Saturday/);
    const form = cheerio.load(
      (
        await app.inject({
          method: 'GET',
          url: '/directory/working-time',
          headers: { cookie: browser.cookie },
        })
      ).body,
    );
    assert.deepEqual(
      form('input[name="weekdays"]:checked')
        .map((_, box) => form(box).attr('value'))
        .get(),
      ['tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
      'the days in force are ticked',
    );
    const stored = await partnershipRepository(context.database.db).get(partnershipId);
    assert.deepEqual([...(stored?.workingTime.workingWeekdays ?? [])], [2, 3, 4, 5, 6]);
    await post('/directory/working-time', {
      region: 'england-and-wales',
      start: '09:00',
      end: '17:00',
      weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
    });
  });

  test('a closure day outside the calendar’s range is refused naming it; one is removed after a confirmation', async () => {
    for (const [day, month, year] of [
      ['23', '11', '2025'],
      ['1', '1', '2042'],
    ]) {
      const refused = await post('/directory/closure-days/new', {
        'date-day': day,
        'date-month': month,
        'date-year': year,
        name: 'Out of range',
      });
      assert.equal(refused.statusCode, 400);
      assert.equal(
        cheerio.load(refused.body)('#date-error').text().trim(),
        'Error: The date must be between 24 November 2025 and 31 December 2041',
      );
    }
    assert.equal(
      (
        await post('/directory/closure-days/new', {
          'date-day': '24',
          'date-month': '11',
          'date-year': '2025',
          name: 'Stocktake',
        })
      ).statusCode,
      303,
      'a year ago to the day is in range',
    );
    const $ = await directory();
    const remove = $('a')
      .filter((_, link) => $(link).text().includes('the closure day on Monday 24 November 2025'))
      .attr('href');
    assert.equal(remove, '/directory/closure-days/2025-11-24/remove');
    const confirm = cheerio.load(
      (await app.inject({ method: 'GET', url: remove, headers: { cookie: browser.cookie } })).body,
    );
    assert.equal(confirm('h1').text(), 'Remove a closure day');
    assert.match(
      confirm('main').text(),
      /Monday 24 November 2025 \(Stocktake\) will be a working day again/,
    );
    const removed = await post(remove, {});
    assert.equal(removed.statusCode, 303);
    assert.equal(removed.headers.location, '/directory?saved=Closure%20day%20removed');
    const after = await partnershipRepository(context.database.db).get(partnershipId);
    assert.ok(!after?.workingTime.closureDays?.some((day) => day.date === '2025-11-24'));
    assert.equal((await post(remove, {})).statusCode, 404, 'a day that is no closure day');
    assert.equal(
      (
        await app.inject({
          method: 'GET',
          url: '/directory/closure-days/2030-01-01/remove',
          headers: { cookie: browser.cookie },
        })
      ).statusCode,
      404,
    );
  });

  test('a name already taken is said beside the field, even when two people submit it at once', async () => {
    const [first, second] = await Promise.all([
      post('/directory/regions/new', { name: 'South' }),
      post('/directory/regions/new', { name: 'South' }),
    ]);
    assert.deepEqual([first.statusCode, second.statusCode].sort(), [303, 409]);
    const refused = first.statusCode === 409 ? first : second;
    assert.equal(
      cheerio.load(refused.body)('#name-error').text().trim(),
      'Error: There is already a region called South',
    );
  });
});
