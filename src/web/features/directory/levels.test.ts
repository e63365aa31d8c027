import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { anAgency, aPerson, TEST_PASSWORD } from '../../../../test/factories.ts';
import { anAshdownPartnership } from '../../../../test/levelsProtocol.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { buildTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { peopleRepository } from '../../../db/repositories/peopleRepository.ts';
import type { Agency } from '../../../domain/directory/directory.ts';

// The partnership's own levels of seniority on the directory's person pages (the invented
// Ashdown protocol, test/protocols/levels.yaml).

describeOnEachDatabase('levels on the directory pages', (context) => {
  let app: FastifyInstance;
  let browser: Browser;
  let partnershipId: string;
  let police: Agency;
  let made = 0;
  const get = async (url: string) =>
    cheerio.load(
      (await app.inject({ method: 'GET', url, headers: { cookie: browser.cookie } })).body,
    );
  const post = (url: string, payload: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie: browser.cookie },
      payload: { _csrf: browser.csrfToken, ...payload },
    });
  const aConstable = () =>
    aPerson(context.database, {
      partnershipId,
      agencyId: police.id,
      name: `Cal Example ${++made}`,
      roles: ['practitioner'],
    });

  before(async () => {
    ({ id: partnershipId } = await anAshdownPartnership(context.database));
    police = await anAgency(context.database, partnershipId, {
      name: 'Ashdown Police',
      kind: 'police',
    });
    await anAgency(context.database, partnershipId, { kind: 'childrens-social-care' });
    const team = await aPerson(context.database, { partnershipId, roles: ['partnership-team'] });
    app = await buildTestApp({ database: context.database });
    browser = await signIn(app, team.email);
  });

  test('the roles page offers the levels of the person’s kind of agency, and sets one with its role', async () => {
    const constable = await aConstable();
    const url = `/directory/people/${constable.id}/roles`;
    const $ = await get(url);
    assert.deepEqual(
      $('#level option')
        .map((_, option) => [[$(option).attr('value'), $(option).text().trim()]])
        .get(),
      [
        ['', 'None'],
        ['detective-sergeant', 'Detective sergeant (counts as manager)'],
        ['detective-inspector', 'Detective inspector (counts as senior manager)'],
      ],
    );

    const saved = await post(url, {
      roles: ['practitioner'],
      level: 'detective-inspector',
      password: TEST_PASSWORD,
    });
    assert.equal(saved.statusCode, 303);
    const stored = await peopleRepository(context.database.db).get(constable.id);
    assert.equal(stored?.level, 'detective-inspector');
    assert.deepEqual(stored?.roles.sort(), ['practitioner', 'senior-manager']);

    const again = await get(url);
    assert.equal(again('#level option:selected').val(), 'detective-inspector');
    // The roles ticked are those given; the level's role goes with the level.
    assert.equal(again('input[name="roles"][value="senior-manager"]').is(':checked'), false);
    assert.equal(again('input[name="roles"][value="practitioner"]').is(':checked'), true);
    const unlevelled = await post(url, {
      roles: ['practitioner'],
      level: '',
      password: TEST_PASSWORD,
    });
    assert.equal(unlevelled.statusCode, 303);
    assert.deepEqual(
      (await peopleRepository(context.database.db).get(constable.id))?.roles,
      ['practitioner'],
      'taking the level away takes its role',
    );
    await post(url, {
      roles: ['practitioner'],
      level: 'detective-inspector',
      password: TEST_PASSWORD,
    });

    const directory = await get('/directory');
    const row = directory('table tr').filter((_, tr) =>
      directory(tr).text().includes(constable.name),
    );
    assert.deepEqual(
      row
        .find('td')
        .map((_, td) => directory(td).text().trim())
        .get()
        .slice(3, 5),
      ['Practitioner, Senior manager', 'Detective inspector'],
    );
  });

  test('a level of another kind of agency is refused beside its field', async () => {
    const constable = await aConstable();
    const refused = await post(`/directory/people/${constable.id}/roles`, {
      roles: ['practitioner'],
      level: 'team-manager',
      password: TEST_PASSWORD,
    });
    assert.equal(refused.statusCode, 400);
    const $ = cheerio.load(refused.body);
    assert.equal($('.govuk-error-summary__list a').attr('href'), '#level');
    assert.equal($('#level-error').text().trim(), 'Error: Choose from the list');
    assert.equal((await peopleRepository(context.database.db).get(constable.id))?.level, null);
  });

  test('a person is added with a level; one their agency cannot hold is refused beside it', async () => {
    const $ = await get('/directory/people/new');
    assert.equal(
      $('#level option[value="named-nurse"]').text().trim(),
      'Named nurse for safeguarding (NHS trust; counts as safeguarding lead)',
    );
    const misfit = await post('/directory/people/new', {
      name: 'Tariq Example',
      email: `tariq.${++made}@example.org`,
      agencyId: police.id,
      roles: ['practitioner'],
      level: 'team-manager',
    });
    assert.equal(misfit.statusCode, 400);
    const refused = cheerio.load(misfit.body);
    assert.equal(refused('.govuk-error-summary__list a').attr('href'), '#level');
    assert.match(
      refused('#level-error').text(),
      /Team manager is a level of agencies of the kind Children's social care, not Police/,
    );

    const email = `seren.${++made}@example.org`;
    const added = await post('/directory/people/new', {
      name: 'Seren Example',
      email,
      agencyId: police.id,
      roles: ['practitioner'],
      level: 'detective-sergeant',
    });
    assert.equal(added.statusCode, 303);
    const stored = await peopleRepository(context.database.db).findByEmail(email);
    assert.equal(stored?.level, 'detective-sergeant');
    assert.deepEqual(stored?.roles.sort(), ['manager', 'practitioner']);
  });
});
