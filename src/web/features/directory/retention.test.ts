import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast, type Cast, contextOf } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { retentionRepository } from '../../../db/repositories/retentionRepository.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { withdraw } from '../../../domain/disagreement/actions/withdraw.ts';
import { runCaseAction } from '../../../services/runCaseAction.ts';

// Tuesday 24 November 2026, 10:00 in London.
const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('the retention period on the directory', (context) => {
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let browser: Browser;

  const withdrawnOn = async (at: string) => {
    const deps = { database: context.database, clock: fixedClock(at) };
    const raised = await aCase(deps, cast, { raisedAt: at });
    await runCaseAction(
      deps,
      withdraw,
      { id: raised.id, version: raised.version, input: { reason: 'Agreed after all' } },
      await contextOf(context.database, cast.school.manager),
    );
  };
  const get = async (url: string) =>
    server.app.inject({ method: 'GET', url, headers: { cookie: browser.cookie } });
  const post = (payload: Record<string, string>) =>
    server.app.inject({
      method: 'POST',
      url: '/directory/retention',
      headers: { cookie: browser.cookie },
      payload: { _csrf: browser.csrfToken, ...payload },
    });

  before(async () => {
    cast = await aDisagreementCast(context.database);
    await withdrawnOn('2019-03-04T10:00:00Z');
    await withdrawnOn('2025-06-02T10:00:00Z');
    browser = await signIn(server.app, cast.team.email);
  });

  test('the page shows the period, 72 months at first, and how many cases the next run purges', async () => {
    const page = cheerio.load((await get('/directory/retention')).body);
    assert.equal(page('#months').val(), '72');
    assert.match(page('main').text(), /next run will remove the details of 1 case\./);
    const directory = cheerio.load((await get('/directory')).body);
    assert.match(directory('.govuk-summary-list').text(), /72 months after a case ends/);
  });

  test('a period that is not a whole number of months from 1 is refused, naming the field', async () => {
    for (const months of ['', 'six', '0', '2.5', '1201']) {
      const refused = await post({ months });
      assert.equal(refused.statusCode, 400, months);
      const $ = cheerio.load(refused.body);
      assert.match(
        $('#months-error').text(),
        /Error: Enter (how many|the number of|a whole number of) months/,
      );
      assert.equal($('.govuk-error-summary a').attr('href'), '#months');
    }
    assert.equal(await retentionRepository(context.database.db).periodOf(cast.partnershipId), 72);
  });

  test('the team sets 12 months, and the next run would purge both cases', async () => {
    const saved = await post({ months: '12' });
    assert.equal(saved.statusCode, 303);
    const directory = cheerio.load((await get('/directory')).body);
    assert.match(directory('.govuk-summary-list').text(), /12 months after a case ends/);
    assert.match(directory('.govuk-summary-list').text(), /2 cases/);
  });

  test('only the partnership team may change it', async () => {
    const practitioner = await signIn(server.app, cast.school.practitioner.email);
    const response = await server.app.inject({
      method: 'POST',
      url: '/directory/retention',
      headers: { cookie: practitioner.cookie },
      payload: { _csrf: practitioner.csrfToken, months: '1' },
    });
    assert.equal(response.statusCode, 403);
  });
});
