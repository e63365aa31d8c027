import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import {
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
import { buildTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { peopleRepository } from '../../../db/repositories/peopleRepository.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Person } from '../../../domain/directory/directory.ts';

describeOnEachDatabase('checking the answers and raising', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  let app: FastifyInstance;
  let cast: Cast;
  let pages: Pages;

  before(async () => {
    cast = await aDisagreementCast(context.database);
    app = await buildTestApp({ database: context.database, clock });
    pages = pagesFor(app, await signIn(app, cast.school.practitioner.email));
  });
  after(() => app?.close());

  test('urgent in working hours shows the protocol’s immediate-risk guidance but no on-call route', async () => {
    await walkTo(pages, cast, 'check', withFamily, { when: { urgent: 'yes' } });
    const $ = page(await pages.get('/disagreements/new/check'));
    assert.match($('[data-testid="urgent-guidance"]').text(), /acts at once to reduce the risk/);
    assert.equal($('[data-testid="on-call-route"]').length, 0);
  });

  test('a problem the use case finds is shown on the check page with a link to change it', async () => {
    const movable = await peopleRepository(context.database.db).get(cast.socialCare.colleague.id);
    await walkTo(pages, cast, 'check', withFamily, {
      'other-professional': { otherPersonId: cast.socialCare.colleague.id },
    });
    const person = movable as Person;
    await peopleRepository(context.database.db).update(person.id, {
      ...person,
      agencyId: cast.school.agency.id,
    });
    const before = await countCases(context.database);
    try {
      const refused = await pages.post('/disagreements/new/check', {});
      assert.equal(refused.statusCode, 400);
      const $ = page(refused);
      assert.deepEqual(summaryLinks($), [
        '#change-other-professional-professional Choose a person who works for one of the other agencies',
      ]);
      assert.equal(
        $('#change-other-professional-professional').attr('href'),
        '/disagreements/new/other-professional',
      );

      // Time moved back: the answer to "when" is now in the future, which the use case refuses.
      await peopleRepository(context.database.db).update(person.id, person);
      clock.set('2026-11-23T14:00:00Z');
      const future = await pages.post('/disagreements/new/check', {});
      assert.equal(future.statusCode, 422);
      assert.deepEqual(summaryLinks(page(future)), [
        '#change-when-first-raised The date the disagreement was first raised cannot be in the future',
      ]);
    } finally {
      clock.set('2026-11-24T10:00:00Z');
      await peopleRepository(context.database.db).update(person.id, person);
      // Going back a day ended the session as idle: sign in again for the tests after.
      pages = pagesFor(app, await signIn(app, cast.school.practitioner.email));
    }
    assert.equal(await countCases(context.database), before);
  });

  test('a time the clocks skip is refused beside the time; a doubled one is asked about, never guessed', async () => {
    const when = (time: string, day: string, month: string, more: Record<string, string> = {}) =>
      pages.post('/disagreements/new/when', {
        'raisedOn-day': day,
        'raisedOn-month': month,
        'raisedOn-year': '2026',
        raisedTime: time,
        urgent: 'no',
        ...more,
      });
    await walkTo(pages, cast, 'when', withFamily);
    const skipped = page(await when('1:30am', '29', '3'));
    assert.equal(
      errorOf(skipped, 'raisedTime'),
      'Error: There is no 1:30am on Sunday 29 March 2026: the clocks go forward an hour at 1am. Enter a time before 1am or from 2am',
    );
    assert.equal(skipped('input[name="raisedWhich"]').length, 0);

    const doubled = await when('1:30am', '25', '10');
    assert.equal(doubled.statusCode, 400);
    const $ = page(doubled);
    assert.equal(
      errorOf($, 'raisedWhich'),
      'Error: 1:30am happens twice on Sunday 25 October 2026, when the clocks go back: say which you mean',
    );
    assert.deepEqual(
      $('input[name="raisedWhich"]')
        .map(
          (_, input) =>
            `${$(input).attr('value')}: ${$(`label[for="${$(input).attr('id')}"]`)
              .text()
              .trim()}`,
        )
        .get(),
      ['first: 1:30am BST (the first)', 'second: 1:30am GMT (the second)'],
    );
    assert.equal($('input[name="raisedTime"]').val(), '1:30am', 'the answers are kept');
    assert.equal($('.govuk-error-summary__list a').attr('href'), '#raisedWhich');

    const chosen = await when('1:30am', '25', '10', { raisedWhich: 'second' });
    assert.equal(chosen.statusCode, 303, chosen.body.slice(0, 1000));
    const again = page(await pages.get('/disagreements/new/when'));
    assert.equal(
      again('input[name="raisedWhich"]:checked').val(),
      'second',
      'shown again, the choice made is kept',
    );
    await walkTo(pages, cast, 'check', withFamily, {
      when: {
        'raisedOn-day': '25',
        'raisedOn-month': '10',
        raisedTime: '1:30am',
        raisedWhich: 'first',
      },
    });
    const before = await countCases(context.database);
    assert.equal((await pages.post('/disagreements/new/check', {})).statusCode, 303);
    assert.equal(await countCases(context.database), before + 1);
    const { rows } = await sql<{
      raised_at: string;
    }>`select raised_at from disagreements order by created_at desc, raised_at asc`.execute(
      context.database.db,
    );
    assert.ok(
      rows.some((row) => String(row.raised_at).startsWith('2026-10-25T00:30')),
      'the first 1:30am is 00:30 UTC',
    );
  });

  test('people without an agency are told they cannot raise a disagreement', async () => {
    for (const person of [cast.team]) {
      const theirs = pagesFor(app, await signIn(app, person.email));
      for (const url of ['/disagreements/new', '/disagreements/new/check']) {
        const response = await theirs.get(url);
        assert.equal(response.statusCode, 403);
        assert.equal(page(response)('h1').text().trim(), 'You cannot raise a disagreement');
      }
      const home = page(await theirs.get('/'));
      assert.equal(home('a[href="/disagreements/new"]').length, 0, 'no link in the navigation');
    }
  });

  test('malformed answers on every page are refused without a server error, and nothing is stored', async () => {
    const before = await countCases(context.database);
    const aValue = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constant('x'.repeat(6000)),
      fc.constantFrom('<script>alert(1)</script>', '{{7*7}}', "' OR 1=1 --", '31', '-1', '99999'),
      fc.array(fc.string({ maxLength: 5 }), { minLength: 2, maxLength: 3 }),
    );
    const fields = [
      'aboutConduct',
      'otherAgencyId',
      'otherPersonId',
      'category',
      'action',
      'remove',
      'firstName',
      'lastName',
      'born',
      'dateOfBirth-day',
      'dateOfBirth-month',
      'dateOfBirth-year',
      'expectedDueDate-day',
      'expectedDueDate-month',
      'expectedDueDate-year',
      'parents',
      'address',
      'referralDate-day',
      'referralDate-month',
      'referralDate-year',
      'agenciesInvolved',
      'summary',
      'impactOnChild',
      'evidence',
      'desiredOutcome',
      'raisedOn-day',
      'raisedOn-month',
      'raisedOn-year',
      'raisedTime',
      'urgent',
    ];
    const aBody = fc.record(Object.fromEntries(fields.map((field) => [field, aValue])), {
      requiredKeys: [],
    });
    for (const step of withFamily.slice(0, -1)) {
      await walkTo(pages, cast, 'check', withFamily);
      await fc.assert(
        fc.asyncProperty(aBody, async (body) => {
          const url = step === 'start' ? '/disagreements/new' : `/disagreements/new/${step}`;
          const response = await pages.post(url, body as Record<string, unknown>);
          assert.ok(response.statusCode < 500, `${step}: ${response.statusCode}`);
          assert.doesNotMatch(response.body, /<script>alert/);
        }),
        { numRuns: 25 },
      );
    }
    assert.equal(await countCases(context.database), before);
  });
});
