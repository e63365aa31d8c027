import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';

// Friday 20 November 2026: a Pan-Lancashire case escalated day by day to Stage 3.
const clock = fixedClock('2026-11-20T10:00:00Z');

describeOnEachDatabase('the case page says its guidance once', (context) => {
  const server = useTestApp(context, { clock });
  let cast: Cast;

  before(async () => {
    cast = await aDisagreementCast(context.database);
  });

  test('at the monitoring stage, telling the other agency first is said once, in the monitoring section; the recording guidance is folded', async () => {
    const disagreement = await aCase({ database: context.database, clock }, cast, {
      raisedAt: '2026-11-16T09:00:00Z',
      escalations: ['17', '18', '19'].map((day) => ({ at: `2026-11-${day}T09:00:00Z` })),
    });
    const browser = await signIn(server.app, cast.school.senior.email);
    const response = await server.app.inject({
      method: 'GET',
      url: `/disagreements/${disagreement.id}`,
      headers: { cookie: browser.cookie },
    });
    assert.equal(response.statusCode, 200);
    const $ = cheerio.load(response.body);
    assert.match($('#current-stage').text(), /Stage 3/);
    const tellFirst = $('.govuk-inset-text')
      .toArray()
      .filter((inset) => /tells the other agency/.test($(inset).text()));
    assert.equal(tellFirst.length, 1, 'one reminder to tell the other agency first');
    assert.match(
      $(tellFirst[0]).text(),
      /Before the CSAP team is told and the monitoring form is sent, the escalating agency tells the other agency that it intends to do so\./,
    );
    assert.equal(
      $(tellFirst[0]).prevAll('h2').first().text().trim(),
      'Monitoring form',
      'it sits with the monitoring form',
    );

    const recording = $('[data-testid="recording"]');
    assert.equal(recording.prop('tagName'), 'DETAILS');
    assert.equal(
      recording.find('.govuk-details__summary-text').text().trim(),
      'How to record this on your agency’s system',
    );
    assert.match(recording.find('.govuk-details__text').text(), /not on the child's record/);
  });
});
