import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import {
  answers,
  countCases,
  errorOf,
  type Pages,
  page,
  pagesFor,
  summaryLinks,
  walkTo,
  withFamily,
} from '../../../../test/raiseJourney.ts';
import { signIn } from '../../../../test/signIn.ts';
import { valuesWithStrayBlankLines } from '../../../../test/summaryLists.ts';
import { buildTestApp, testConfig } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { COMPLAINTS_ROUTE } from '../../../domain/disagreement/actions/raise.ts';
import { loadActor } from '../../../services/loadActor.ts';
import { createServices } from '../../../services.ts';

describeOnEachDatabase('raising a disagreement on the question pages', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  let app: FastifyInstance;
  let cast: Cast;
  let services: ReturnType<typeof createServices>;
  let pages: Pages;

  before(async () => {
    cast = await aDisagreementCast(context.database);
    app = await buildTestApp({ database: context.database, clock });
    services = createServices({ config: testConfig(), database: context.database, clock });
    pages = pagesFor(app, await signIn(app, cast.school.practitioner.email));
  });
  after(() => app?.close());

  test('a practitioner raises a disagreement through every page, and the case holds the answers', async () => {
    const start = page(await pages.get('/disagreements/new'));
    assert.equal(start('h1').text().trim(), 'Raise a disagreement');
    assert.deepEqual(
      start('[data-testid="checklist"] li')
        .map((_, li) => start(li).text())
        .get(),
      [
        'Have I read the policy in full?',
        'Is my team aware of and confident to use this procedure?',
        'Have I followed all stages of the policy appropriately?',
        'Have I made written records of all these discussions?',
      ],
    );
    assert.equal(start('form[novalidate] input[name="_csrf"]').length, 1);
    assert.equal(
      start('.govuk-service-navigation a[href="/disagreements/new"]').text().trim(),
      'Raise a disagreement',
    );
    const started = await pages.post('/disagreements/new', { aboutConduct: 'no' });
    assert.equal(started.statusCode, 303);
    assert.equal(started.headers.location, '/disagreements/new/other-agency');

    const agencyPage = page(await pages.get('/disagreements/new/other-agency'));
    const agencyChoices = agencyPage('input[name="otherAgencyId"]')
      .map((_, input) => agencyPage(input).attr('value'))
      .get();
    assert.deepEqual(agencyChoices, [cast.socialCare.agency.id], 'not the person’s own agency');
    assert.match(agencyPage('#otherAgencyId-hint').text(), /inside your own agency/);
    assert.equal(agencyPage('.govuk-back-link').attr('href'), '/disagreements/new');
    const chosen = await pages.post('/disagreements/new/other-agency', {
      otherAgencyId: cast.socialCare.agency.id,
    });
    assert.equal(chosen.headers.location, '/disagreements/new/other-professional');

    const professionalPage = page(await pages.get('/disagreements/new/other-professional'));
    const people = professionalPage('select[name="otherPersonId"] option')
      .map((_, option) => professionalPage(option).attr('value'))
      .get();
    assert.ok(people.includes(cast.socialCare.practitioner.id));
    assert.ok(!people.includes(cast.school.manager.id), 'only the other agency’s people');
    assert.equal(
      (
        await pages.post('/disagreements/new/other-professional', {
          otherPersonId: cast.socialCare.practitioner.id,
        })
      ).headers.location,
      '/disagreements/new/category',
    );

    const categoryPage = page(await pages.get('/disagreements/new/category'));
    const referral = categoryPage('input[value="referral-not-accepted"]');
    // Seen, the label; heard, its group first (the group's divider is only drawn).
    assert.equal(
      categoryPage(`label[for="${referral.attr('id')}"]`)
        .text()
        .trim(),
      'Referrals and the level of need: A referral not accepted at the front door',
    );
    assert.match(
      categoryPage(`#${referral.attr('id')}-item-hint`).text(),
      /Challenging a front-door decision pathway/,
    );
    assert.equal(
      (await pages.post('/disagreements/new/category', { category: 'referral-not-accepted' }))
        .headers.location,
      '/disagreements/new/children',
    );

    const added = await pages.post('/disagreements/new/children', {
      action: 'add',
      firstName: 'Ada',
      lastName: 'Example',
      born: 'yes',
      'dateOfBirth-day': '3',
      'dateOfBirth-month': '6',
      'dateOfBirth-year': '2019',
    });
    assert.equal(added.headers.location, '/disagreements/new/children');
    const removable = await pages.post('/disagreements/new/children', {
      action: 'add',
      firstName: 'Wrong',
      lastName: 'Child',
      born: 'yes',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '1',
      'dateOfBirth-year': '2020',
    });
    assert.equal(removable.statusCode, 303);
    let childrenPage = page(await pages.get('/disagreements/new/children'));
    assert.deepEqual(
      childrenPage('[data-testid="children"] dt')
        .map((_, dt) => childrenPage(dt).text())
        .get(),
      ['Ada Example', 'Wrong Child'],
    );
    assert.equal(
      childrenPage('[data-testid="children"] button').eq(1).text(),
      'Remove Wrong Child',
    );
    assert.equal(
      (await pages.post('/disagreements/new/children', { remove: '1' })).statusCode,
      303,
    );
    childrenPage = page(await pages.get('/disagreements/new/children'));
    assert.deepEqual(
      childrenPage('[data-testid="children"] dt')
        .map((_, dt) => childrenPage(dt).text())
        .get(),
      ['Ada Example'],
    );
    assert.match(
      childrenPage('[data-testid="children"] dd').first().text(),
      /Born Monday 3 June 2019/,
    );
    // Continue with a second child typed in: an unborn baby, by the expected due date.
    const continued = await pages.post('/disagreements/new/children', {
      action: 'continue',
      firstName: 'Baby',
      lastName: 'Example',
      born: 'no',
      'expectedDueDate-day': '14',
      'expectedDueDate-month': '3',
      'expectedDueDate-year': '2027',
    });
    assert.equal(continued.headers.location, '/disagreements/new/family');

    assert.equal(
      (await pages.post('/disagreements/new/family', answers(cast).family)).headers.location,
      '/disagreements/new/concern',
    );
    const concernPage = page(await pages.get('/disagreements/new/concern'));
    assert.match(concernPage('[data-testid="advice"]').text(), /clear, specific evidence/);
    assert.equal(
      (await pages.post('/disagreements/new/concern', answers(cast).concern)).headers.location,
      '/disagreements/new/when',
    );

    const whenPage = page(await pages.get('/disagreements/new/when'));
    assert.deepEqual(
      ['raisedOn-day', 'raisedOn-month', 'raisedOn-year', 'raisedTime'].map((id) =>
        whenPage(`#${id}`).attr('value'),
      ),
      ['24', '11', '2026', '10:00'],
      'today, now, in the partnership’s time zone',
    );
    assert.equal(
      (await pages.post('/disagreements/new/when', answers(cast).when)).headers.location,
      '/disagreements/new/check',
    );

    const check = page(await pages.get('/disagreements/new/check'));
    const rows = Object.fromEntries(
      check('.govuk-summary-list__row')
        .map((_, row) => [
          [
            check(row).find('.govuk-summary-list__key').text().trim(),
            check(row).find('.govuk-summary-list__value').text().replace(/\s+/g, ' ').trim(),
          ],
        ])
        .get(),
    );
    assert.equal(rows['Agency you disagree with'], cast.socialCare.agency.name);
    assert.equal(rows.Professional, cast.socialCare.practitioner.name);
    assert.equal(rows['What it is about'], 'A referral not accepted at the front door');
    assert.equal(
      check('[data-testid="child-answers"] .govuk-summary-list__value').first().html()?.trim(),
      'Ada Example, born Monday 3 June 2019<br>Baby Example, due Sunday 14 March 2027',
    );
    assert.equal(rows['Parents or carers'], 'Beth ExampleCarl Example');
    assert.deepEqual(valuesWithStrayBlankLines(check), []);
    assert.equal(rows['Date of referral'], 'Monday 2 November 2026');
    assert.equal(rows['First raised'], '2:30pm on Monday 23 November 2026');
    assert.equal(rows['Child at risk of immediate harm'], 'No');
    assert.match(check('[data-testid="pathway"]').text(), /Challenging a front-door decision/);
    assert.equal(check('[data-testid="urgent-guidance"]').length, 0);
    assert.deepEqual(
      check('.govuk-summary-list__actions a')
        .map((_, a) => check(a).attr('href'))
        .get()
        .filter((href, index, all) => all.indexOf(href) === index),
      [
        '/disagreements/new/other-agency',
        '/disagreements/new/other-professional',
        '/disagreements/new/category',
        '/disagreements/new/children',
        '/disagreements/new/family',
        '/disagreements/new/concern',
        '/disagreements/new/when',
      ],
    );

    const before = await countCases(context.database);
    const raised = await pages.post('/disagreements/new/check', {});
    assert.equal(raised.statusCode, 303);
    const id = /^\/disagreements\/([0-9a-f-]{36})\/raised$/.exec(
      String(raised.headers.location),
    )?.[1];
    assert.ok(id, `redirected to the confirmation: ${raised.headers.location}`);
    assert.equal(await countCases(context.database), before + 1);

    const actor = await loadActor(context.database, cast.school.practitioner.id);
    const { disagreement } = await services.getDisagreement(id, {
      actor,
      via: 'cli',
      requestId: null,
    });
    assert.equal(disagreement.raisedBy, cast.school.practitioner.id);
    assert.equal(disagreement.raiserAgencyId, cast.school.agency.id);
    assert.deepEqual(disagreement.otherAgencyIds, [cast.socialCare.agency.id]);
    assert.equal(disagreement.otherPersonId, cast.socialCare.practitioner.id);
    assert.equal(disagreement.category, 'referral-not-accepted');
    assert.equal(disagreement.pathway, 'front-door');
    assert.equal(disagreement.raisedAt, '2026-11-23T14:30:00.000Z');
    assert.equal(disagreement.urgent, false);
    assert.deepEqual(disagreement.children, [
      { firstName: 'Ada', lastName: 'Example', dateOfBirth: '2019-06-03', expectedDueDate: null },
      {
        firstName: 'Baby',
        lastName: 'Example',
        dateOfBirth: null,
        expectedDueDate: '2027-03-14',
      },
    ]);
    assert.deepEqual(disagreement.family, {
      parents: ['Beth Example', 'Carl Example'],
      address: '1 Example Street\nExampletown',
    });
    assert.equal(disagreement.referralDate, '2026-11-02');
    assert.equal(disagreement.agenciesInvolved, 'Health visitor; school nurse');
    assert.equal(disagreement.summary, answers(cast).concern.summary);
    assert.equal(disagreement.impactOnChild, answers(cast).concern.impactOnChild);
    assert.equal(disagreement.evidence, answers(cast).concern.evidence);
    assert.equal(disagreement.desiredOutcome, answers(cast).concern.desiredOutcome);

    // The draft is gone: the check page sends the person back to the start.
    const again = await pages.get('/disagreements/new/check');
    assert.equal(again.headers.location, '/disagreements/new');
    assert.equal(page(await pages.get('/disagreements/new'))('input:checked').length, 0);
  });

  test('each page shows its problem beside its field, keeps what was typed, and stores nothing', async () => {
    const before = await countCases(context.database);
    const cases: [string, Record<string, string>, string, string, string][] = [
      [
        'start',
        {},
        'aboutConduct',
        'aboutConduct',
        'Select yes if your concern is about the conduct of a specific professional',
      ],
      [
        'other-agency',
        { otherAgencyId: cast.school.agency.id },
        'otherAgencyId',
        'otherAgencyId',
        'Select the agency you disagree with',
      ],
      [
        'other-professional',
        { otherPersonId: cast.school.manager.id },
        'otherPersonId',
        'otherPersonId',
        'Select the professional from the list',
      ],
      [
        'category',
        { category: 'not-a-category' },
        'category',
        'category',
        'Select what the disagreement is about',
      ],
      [
        'children',
        {
          action: 'add',
          firstName: 'Ada',
          lastName: 'Example',
          born: 'yes',
          'dateOfBirth-day': '31',
          'dateOfBirth-month': '2',
          'dateOfBirth-year': '2020',
        },
        'dateOfBirth',
        'dateOfBirth-day',
        'Date of birth must be a real date',
      ],
      [
        'family',
        { parents: ' \n ', address: '1 Example Street' },
        'parents',
        'parents',
        'Enter the names of the child’s parents or carers',
      ],
      [
        'concern',
        { summary: 'About Ada', impactOnChild: '', desiredOutcome: 'An assessment' },
        'impactOnChild',
        'impactOnChild',
        'Enter the impact on the child',
      ],
      [
        'when',
        {
          'raisedOn-day': '25',
          'raisedOn-month': '11',
          'raisedOn-year': '2026',
          raisedTime: '9:00',
          urgent: 'no',
        },
        'raisedOn',
        'raisedOn-day',
        'The date and time the disagreement was first raised must be now or in the past',
      ],
    ];
    for (const [step, body, field, target, message] of cases) {
      await walkTo(pages, cast, step, withFamily);
      const url = step === 'start' ? '/disagreements/new' : `/disagreements/new/${step}`;
      const response = await pages.post(url, body);
      assert.equal(response.statusCode, 400, step);
      const $ = page(response);
      assert.match($('title').text(), /^Error: /, step);
      assert.deepEqual(summaryLinks($), [`#${target} ${message}`], step);
      assert.equal(errorOf($, field), `Error: ${message}`, step);
      assert.equal($(`#${target}`).length, 1, `${step}: the summary links to a real field`);
      for (const [name, value] of Object.entries(body)) {
        if (value.trim() && name !== 'action') {
          const input = $(`[name="${name}"]`);
          const shown = input.is('textarea')
            ? input.text()
            : input.is('select')
              ? (input.find('option:selected').attr('value') ?? '')
              : input.attr('type') === 'radio'
                ? ($(`[name="${name}"]:checked`).attr('value') ?? '')
                : (input.attr('value') ?? '');
          if (name !== 'otherAgencyId' && name !== 'otherPersonId' && name !== 'category') {
            assert.equal(shown, value, `${step}: ${name} keeps what was typed`);
          }
        }
      }
    }
    // The children page needs at least one child.
    await pages.post('/disagreements/new', { aboutConduct: 'no' });
    const draft = page(await pages.get('/disagreements/new/children'));
    for (const button of draft('[data-testid="children"] button').get().reverse()) {
      await pages.post('/disagreements/new/children', { remove: draft(button).attr('value') });
    }
    const none = page(await pages.post('/disagreements/new/children', { action: 'continue' }));
    assert.deepEqual(summaryLinks(none), [
      '#firstName Enter the child’s first name',
      '#lastName Enter the child’s last name',
      '#born Select yes if the child is born',
    ]);
    assert.equal(await countCases(context.database), before);
  });

  test('a concern about a professional’s conduct is sent to the complaints or LADO route, and nothing is kept', async () => {
    await walkTo(pages, cast, 'category', withFamily);
    const stopped = await pages.post('/disagreements/new', { aboutConduct: 'yes' });
    assert.equal(stopped.statusCode, 303);
    assert.equal(stopped.headers.location, '/disagreements/new/not-this-route');
    const $ = page(await pages.get('/disagreements/new/not-this-route'));
    assert.equal($('h1').text().trim(), 'Use the complaints or allegations procedure instead');
    assert.ok($('main').text().includes(COMPLAINTS_ROUTE));
    assert.equal($('[data-testid="nothing-saved"]').text(), 'Nothing has been saved.');
    // The answers given before are gone too.
    const next = await pages.get('/disagreements/new/other-professional');
    assert.equal(next.headers.location, '/disagreements/new');
  });

  test('pages cannot be skipped: each sends the person to the first question not yet answered', async () => {
    await pages.post('/disagreements/new', { aboutConduct: 'yes' });
    for (const step of withFamily.slice(1)) {
      const response = await pages.get(`/disagreements/new/${step}`);
      assert.equal(response.statusCode, 303, step);
      assert.equal(response.headers.location, '/disagreements/new', step);
    }
    const posted = await pages.post('/disagreements/new/check', {});
    assert.equal(posted.headers.location, '/disagreements/new');
  });
});
