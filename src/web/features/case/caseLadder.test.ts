import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';

// Tuesday 24 November 2026, 10:00 in London.
const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('the ladder on the case page', (context) => {
  const server = useTestApp(context, { clock });
  let cast: Cast;

  before(async () => {
    cast = await aDisagreementCast(context.database, { protocolId: 'east-riding' });
  });

  test('East Riding’s stages 1 to 4, which have only a cap, say the cap’s limit beside their due time', async () => {
    // Raised at 2pm on Monday 23 November 2026 (day 0): 5 working days on is Monday 30 November.
    const disagreement = await aCase({ database: context.database, clock }, cast, {
      raisedAt: '2026-11-23T14:00:00Z',
      escalations: [{ at: '2026-11-24T09:00:00Z', by: cast.school.manager }],
    });
    const browser = await signIn(server.app, cast.school.practitioner.email);
    const response = await server.app.inject({
      method: 'GET',
      url: `/disagreements/${disagreement.id}`,
      headers: { cookie: browser.cookie },
    });
    assert.equal(response.statusCode, 200);
    const $ = cheerio.load(response.body);
    const rows = $('[data-testid="ladder"] tbody tr')
      .toArray()
      .map((row) => ({
        stage: $(row).find('th').text().trim(),
        timescale: $(row).find('td').eq(0).text().trim(),
        dates: $(row).find('td').eq(2).text().replace(/\s+/g, ' ').trim(),
      }));
    assert.deepEqual(
      rows.slice(0, 4).map((row) => row.timescale),
      Array(4).fill('within 5 working days of raising (for stages 1 to 4 together)'),
    );
    assert.equal(rows[4]?.timescale, '5 working days, and within 10 working days of raising');
    assert.ok(!response.body.includes('No set timescale'));
    // Stage 2, entered the next morning, is due when the cap ends: 5pm on Monday 30 November.
    assert.match(rows[1]?.dates ?? '', /Due by 5pm on Monday 30 November 2026/);
    assert.equal($('[data-testid="due"]').text().trim(), 'Due by 5pm on Monday 30 November 2026');
  });
});
