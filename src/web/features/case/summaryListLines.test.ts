import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { signIn } from '../../../../test/signIn.ts';
import { valuesWithStrayBlankLines } from '../../../../test/summaryLists.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { escalate } from '../../../domain/disagreement/actions/escalate.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';
import { loadActor } from '../../../services/loadActor.ts';
import { runCaseAction } from '../../../services/runCaseAction.ts';

// Summary lists show typed text with its line breaks, and no blank line above or below it.

const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('summary lists without a stray blank line', (context) => {
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let disagreement: Disagreement;

  before(async () => {
    cast = await aDisagreementCast(context.database);
    disagreement = await aCase({ database: context.database, clock }, cast, {
      raisedAt: '2026-11-16T09:00:00Z',
      children: [
        {
          firstName: 'Robin',
          lastName: 'Example',
          dateOfBirth: '2018-03-02',
          expectedDueDate: null,
        },
        { firstName: 'Sky', lastName: 'Example', dateOfBirth: '2020-05-06', expectedDueDate: null },
      ],
      summary: 'The referral was not accepted.\n\nWe think it meets the threshold.',
      impactOnChild: 'Robin misses meals',
      desiredOutcome: 'An assessment',
      family: { parents: ['Jo Example', 'Lee Example'], address: '1 Example Street\nExampletown' },
    });
    const actor = {
      actor: await loadActor(context.database, cast.school.manager.id),
      via: 'cli' as const,
      requestId: null,
    };
    for (const day of ['17', '18', '19']) {
      disagreement = await runCaseAction(
        { database: context.database, clock },
        escalate,
        {
          id: disagreement.id,
          version: disagreement.version,
          input: { occurredAt: `2026-11-${day}T09:00:00Z`, reason: `Still stuck on the ${day}th` },
        },
        actor,
      );
    }
  });

  const pageAs = async (email: string, url: string) => {
    const browser = await signIn(server.app, email);
    const response = await server.app.inject({ url, headers: { cookie: browser.cookie } });
    assert.equal(response.statusCode, 200, url);
    return cheerio.load(response.body);
  };

  test('the case page’s “About the disagreement” keeps its paragraphs and nothing around them', async () => {
    const $ = await pageAs(cast.school.practitioner.email, `/disagreements/${disagreement.id}`);
    assert.deepEqual(valuesWithStrayBlankLines($), []);
    const concern = $('.govuk-summary-list__key:contains("The concern")').next();
    assert.equal(
      concern.html()?.trim(),
      'The referral was not accepted.<br><br>We think it meets the threshold.',
    );
  });

  test('the monitoring form’s answers keep their lines and nothing around them', async () => {
    const $ = await pageAs(cast.team.email, `/disagreements/${disagreement.id}/monitoring-form`);
    assert.ok($('.govuk-summary-list__row').length > 5);
    assert.deepEqual(valuesWithStrayBlankLines($), []);
    assert.equal(
      $('.govuk-summary-list__key:contains("Family address")').next().html()?.trim(),
      '1 Example Street<br>Exampletown',
    );
  });

  test('an administrator’s page of a person has none either', async () => {
    const $ = await pageAs(cast.admin.email, `/admin/people/${cast.school.practitioner.id}`);
    assert.ok($('.govuk-summary-list__row').length > 2);
    assert.deepEqual(valuesWithStrayBlankLines($), []);
  });
});
