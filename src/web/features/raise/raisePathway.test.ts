import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { aDisagreementCast, anAgency, aPerson } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { createPartnership } from '../../../services/createPartnership.ts';
import { commandLine } from '../../../services/requestContext.ts';

// The raise journey asks which route the disagreement takes only when the protocol offers a
// choice for its category and urgency: the six-step protocol (test/protocols/six-step.yaml)
// lets the raiser choose its "panel" route, and sends an urgent case on its immediate route.

const sixStep = readFileSync(
  new URL('../../../../test/protocols/six-step.yaml', import.meta.url),
  'utf8',
);

function pagesFor(app: FastifyInstance, browser: Browser) {
  return {
    get: (url: string) => app.inject({ method: 'GET', url, headers: { cookie: browser.cookie } }),
    post: (url: string, payload: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie: browser.cookie },
        payload: { _csrf: browser.csrfToken, ...payload },
      }),
  };
}
type Pages = ReturnType<typeof pagesFor>;

const when = (urgent: boolean) => ({
  'raisedOn-day': '23',
  'raisedOn-month': '11',
  'raisedOn-year': '2026',
  raisedTime: '2:30pm',
  urgent: urgent ? 'yes' : 'no',
});

/** Answers the pages before the category, starting afresh, then the category: where next. */
async function upToCategory(pages: Pages, otherAgencyId: string, category = 'threshold') {
  await pages.post('/disagreements/new', { aboutConduct: 'yes' });
  for (const [url, answer] of [
    ['/disagreements/new', { aboutConduct: 'no' }],
    ['/disagreements/new/other-agency', { otherAgencyId }],
    ['/disagreements/new/other-professional', {}],
  ] as const) {
    const response = await pages.post(url, answer);
    assert.equal(response.statusCode, 303, `${url}: ${response.body.slice(0, 1000)}`);
  }
  return (await pages.post('/disagreements/new/category', { category })).headers.location;
}

/** The children, concern and when pages, in order: where the last sends the person. */
async function restOfTheAnswers(pages: Pages, urgent: boolean) {
  let location: string | undefined;
  for (const [url, answer] of [
    [
      '/disagreements/new/children',
      {
        action: 'continue',
        firstName: 'Ada',
        lastName: 'Example',
        born: 'yes',
        'dateOfBirth-day': '3',
        'dateOfBirth-month': '6',
        'dateOfBirth-year': '2019',
      },
    ],
    [
      '/disagreements/new/concern',
      {
        summary: 'The referral about Ada was closed without an assessment.',
        impactOnChild: 'Ada is missing school.',
        evidence: '',
        desiredOutcome: 'A child and family assessment.',
      },
    ],
    ['/disagreements/new/when', when(urgent)],
  ] as const) {
    const response = await pages.post(url, answer);
    assert.equal(response.statusCode, 303, `${url}: ${response.body.slice(0, 1000)}`);
    location = response.headers.location as string;
  }
  return location;
}

const routes = ($: cheerio.CheerioAPI) =>
  $('input[name="pathway"]')
    .map((_, input) => {
      const id = $(input).attr('id');
      return {
        value: $(input).attr('value'),
        label: $(`label[for="${id}"]`).text().trim(),
        hint: $(`#${id}-item-hint`).text().trim(),
      };
    })
    .get();

describeOnEachDatabase('choosing the route when raising', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const server = useTestApp(context, { clock });
  let otherAgencyId: string;
  let pages: Pages;

  before(async () => {
    const partnershipId = (
      await createPartnership(
        { database: context.database, clock },
        { name: 'Exampleshire Safeguarding Children Partnership', protocolSource: sixStep },
        commandLine,
      )
    ).id;
    const school = await anAgency(context.database, partnershipId, { kind: 'school' });
    otherAgencyId = (
      await anAgency(context.database, partnershipId, { kind: 'childrens-social-care' })
    ).id;
    const raiser = await aPerson(context.database, {
      partnershipId,
      agencyId: school.id,
      roles: ['practitioner'],
    });
    pages = pagesFor(server.app, await signIn(server.app, raiser.email));
  });

  test('after the category, the protocol’s routes are offered with their guidance, and the one chosen is raised on', async () => {
    assert.equal(await upToCategory(pages, otherAgencyId), '/disagreements/new/pathway');
    const $ = cheerio.load((await pages.get('/disagreements/new/pathway')).body);
    assert.equal($('h1').text().trim(), 'Which route does this disagreement take?');
    assert.equal($('.govuk-back-link').attr('href'), '/disagreements/new/category');
    assert.deepEqual(routes($), [
      { value: 'general', label: 'General', hint: '' },
      {
        value: 'panel',
        label: 'Straight to the safeguarding leads',
        hint: 'When the practitioners and their managers have already tried and failed to agree.',
      },
    ]);

    const unanswered = await pages.post('/disagreements/new/pathway', {});
    assert.equal(unanswered.statusCode, 400);
    const refused = cheerio.load(unanswered.body);
    assert.match(refused('#pathway-error').text(), /Select which route the disagreement takes/);
    assert.equal(refused('.govuk-error-summary a').attr('href'), '#pathway');
    // Only a route offered here: the immediate route is for urgent cases.
    assert.equal(
      (await pages.post('/disagreements/new/pathway', { pathway: 'immediate' })).statusCode,
      400,
    );

    const chosen = await pages.post('/disagreements/new/pathway', { pathway: 'panel' });
    assert.equal(chosen.headers.location, '/disagreements/new/children');
    assert.equal(await restOfTheAnswers(pages, false), '/disagreements/new/check');

    const check = cheerio.load((await pages.get('/disagreements/new/check')).body);
    const route = check('[data-testid="disagreement-answers"] .govuk-summary-list__row').filter(
      (_, row) => check(row).find('dt').text().trim() === 'Route',
    );
    assert.equal(route.find('dd').first().text().trim(), 'Straight to the safeguarding leads');
    assert.equal(route.find('a').attr('href'), '/disagreements/new/pathway');
    assert.match(check('[data-testid="pathway"]').text(), /Straight to the safeguarding leads/);

    const raised = await pages.post('/disagreements/new/check', {});
    assert.equal(raised.statusCode, 303, raised.body.slice(0, 2000));
    const id = String(raised.headers.location).split('/').at(-2) as string;
    const row = await context.database.db
      .selectFrom('disagreements')
      .select(['pathway', 'current_stage_key'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...row }, { pathway: 'panel', current_stage_key: 'step-4' });
  });

  test('saying the child is at immediate risk puts the immediate route first, and asks again if the route chosen no longer fits', async () => {
    assert.equal(await upToCategory(pages, otherAgencyId), '/disagreements/new/pathway');
    await pages.post('/disagreements/new/pathway', { pathway: 'general' });
    // An urgent case cannot take the general route: the question comes back after "when".
    assert.equal(await restOfTheAnswers(pages, true), '/disagreements/new/pathway');
    assert.deepEqual(
      routes(cheerio.load((await pages.get('/disagreements/new/pathway')).body)).map(
        (route) => route.value,
      ),
      ['immediate', 'panel'],
    );
    assert.equal(
      (await pages.post('/disagreements/new/pathway', { pathway: 'immediate' })).headers.location,
      '/disagreements/new/check',
    );
    const check = cheerio.load((await pages.get('/disagreements/new/check')).body);
    assert.match(check('[data-testid="pathway"]').text(), /Immediate route/);
  });

  test('a route chosen before saying the child is at risk is asked again, with the immediate route first', async () => {
    assert.equal(await upToCategory(pages, otherAgencyId), '/disagreements/new/pathway');
    // "panel" an urgent case may take too, but the protocol's urgent route must still be offered.
    await pages.post('/disagreements/new/pathway', { pathway: 'panel' });
    assert.equal(await restOfTheAnswers(pages, true), '/disagreements/new/pathway');
    assert.equal(
      routes(cheerio.load((await pages.get('/disagreements/new/pathway')).body))[0]?.value,
      'immediate',
    );
  });

  test('where the protocol offers no choice the route is not asked', async () => {
    const cast = await aDisagreementCast(context.database);
    const lancashire = pagesFor(
      server.app,
      await signIn(server.app, cast.school.practitioner.email),
    );
    assert.equal(
      await upToCategory(lancashire, cast.socialCare.agency.id),
      '/disagreements/new/children',
    );
    const asked = await lancashire.get('/disagreements/new/pathway');
    assert.equal(asked.statusCode, 303);
    assert.equal(asked.headers.location, '/disagreements/new/children');
  });
});
