import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { categories } from '../../../domain/vocabulary.ts';
import { categoryNames, serviceCategoryGroups } from '../../../domain/vocabularyNames.ts';
import { adoptProtocol } from '../../../services/adoptProtocol.ts';
import { createApiToken } from '../../../services/apiTokens.ts';
import { commandLine } from '../../../services/requestContext.ts';

// Raising offers only the categories the partnership's protocol offers, in its groups and its
// words (test/protocols/own-categories.yaml); a protocol that lists none offers every category.

const ownCategories = readFileSync(
  path.join(import.meta.dirname, '../../../../test/protocols/own-categories.yaml'),
  'utf8',
);

/** The category page as groups: each divider's name and the radios under it, label and hint. */
function categoryPage(html: string) {
  const $ = cheerio.load(html);
  const groups: { name: string; choices: { value: string; label: string; hint: string }[] }[] = [];
  $('.govuk-radios')
    .children()
    .each((_, element) => {
      const item = $(element);
      if (item.hasClass('govuk-radios__divider')) {
        groups.push({ name: item.text().trim(), choices: [] });
        return;
      }
      const input = item.find('input[name="category"]');
      const label = item.find('label');
      // A divider is only drawn: each label says its group to a screen reader.
      assert.equal(label.find('.govuk-visually-hidden').text(), `${groups.at(-1)?.name}: `);
      label.find('.govuk-visually-hidden').remove();
      groups.at(-1)?.choices.push({
        value: String(input.attr('value')),
        label: label.text().trim(),
        hint: item.find('.govuk-radios__hint').text().trim(),
      });
    });
  return { $, groups };
}

describeOnEachDatabase('the categories raising offers', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const server = useTestApp(context, { clock });
  let own: Cast;
  let builtIn: Cast;

  const tokenOf = async (cast: Cast) =>
    (
      await createApiToken(
        { database: context.database, clock },
        { personId: cast.school.practitioner.id, name: 'categories' },
        commandLine,
      )
    ).token;
  const raiseThroughApi = async (cast: Cast, category: string) =>
    server.app.inject({
      method: 'POST',
      url: '/api/v1/disagreements',
      headers: { authorization: `Bearer ${await tokenOf(cast)}` },
      payload: {
        partnershipId: cast.partnershipId,
        raisedAt: '2026-11-23T09:00:00Z',
        otherAgencyIds: [cast.socialCare.agency.id],
        category,
        summary: 'The request for support was turned down.',
        impactOnChild: 'Robin misses school.',
        desiredOutcome: 'An assessment.',
        urgent: false,
        children: [{ firstName: 'Robin', lastName: 'Example' }],
      },
    });
  /** A practitioner's browser, through the first pages to the category question. */
  const atCategoryPage = async (cast: Cast) => {
    const browser: Browser = await signIn(server.app, cast.school.practitioner.email);
    const post = (url: string, payload: Record<string, string>) =>
      server.app.inject({
        method: 'POST',
        url,
        headers: { cookie: browser.cookie },
        payload: { _csrf: browser.csrfToken, ...payload },
      });
    await post('/disagreements/new', { aboutConduct: 'no' });
    await post('/disagreements/new/other-agency', { otherAgencyId: cast.socialCare.agency.id });
    await post('/disagreements/new/other-professional', { otherPersonId: '' });
    return {
      get: () =>
        server.app.inject({
          method: 'GET',
          url: '/disagreements/new/category',
          headers: { cookie: browser.cookie },
        }),
      choose: (category: string) => post('/disagreements/new/category', { category }),
    };
  };

  before(async () => {
    own = await aDisagreementCast(context.database);
    await adoptProtocol(
      { database: context.database, clock },
      { partnershipId: own.partnershipId, protocolSource: ownCategories, reason: 'Our own words' },
      commandLine,
    );
    builtIn = await aDisagreementCast(context.database);
  });

  test('the category page offers only the protocol’s categories, in its three groups and its words', async () => {
    const pages = await atCategoryPage(own);
    const response = await pages.get();
    assert.equal(response.statusCode, 200);
    const { $, groups } = categoryPage(response.body);
    assert.deepEqual(
      groups.map((group) => [group.name, group.choices.map((choice) => choice.label)]),
      [
        [
          'At the family front door',
          ['Our request for support was turned down', 'How much help the family needs'],
        ],
        [
          'Keeping the child safe',
          ['Whether to start a section 47 enquiry', 'The child protection plan'],
        ],
        ['Working together', ['Information was not passed on', 'Something not listed here']],
      ],
    );
    const hints = Object.fromEntries(
      groups.flatMap((group) => group.choices).map((choice) => [choice.value, choice.hint]),
    );
    assert.equal(
      hints['referral-not-accepted'],
      'The Family Front Door did not accept a request for support. Follows the Family front door pathway.',
    );
    assert.equal(
      hints['child-protection-procedures'],
      'Whether a strategy discussion should be held.',
    );
    // One question: one fieldset, the error summary's link reaching the first radio.
    assert.equal($('fieldset').length, 1);
    assert.equal($('#category').attr('value'), 'referral-not-accepted');

    const refused = await pages.choose('placement');
    assert.equal(refused.statusCode, 400);
    const page = cheerio.load(refused.body);
    assert.match(page('#category-error').text(), /Select one of the categories listed/);
    assert.equal(page('.govuk-error-summary__list a').attr('href'), '#category');
    assert.equal(page('input[name="category"][value="placement"]').length, 0);

    const chosen = await pages.choose('cp-plan');
    assert.equal(chosen.statusCode, 303, chosen.body.slice(0, 500));
    assert.equal(chosen.headers.location, '/disagreements/new/children');
  });

  test('the API refuses a category the protocol does not offer, naming category', async () => {
    const refused = await raiseThroughApi(own, 'placement');
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
    assert.deepEqual(refused.json().errors, [
      {
        path: 'category',
        message: '"placement" is not one of the categories the partnership\'s protocol offers',
      },
    ]);
    const raised = await raiseThroughApi(own, 'cp-plan');
    assert.equal(raised.statusCode, 201, raised.body);
    assert.equal(raised.json().category, 'cp-plan');
  });

  test('a built-in protocol (no categoryGroups) still offers every category, in the service’s groups and words', async () => {
    const { groups } = categoryPage((await (await atCategoryPage(builtIn)).get()).body);
    assert.deepEqual(
      groups.map((group) => group.name),
      serviceCategoryGroups.map((group) => group.name),
    );
    const offered = groups.flatMap((group) => group.choices);
    assert.deepEqual(offered.map((choice) => choice.value).sort(), [...categories].sort());
    for (const choice of offered) {
      assert.equal(choice.label, categoryNames[choice.value as keyof typeof categoryNames]);
    }
    const raised = await raiseThroughApi(builtIn, 'placement');
    assert.equal(raised.statusCode, 201, raised.body);
  });
});
