import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import {
  type ActStep,
  aCase,
  actAt,
  aDisagreementCast,
  type Cast,
  contextOf,
} from '../../../test/factories.ts';
import { signIn } from '../../../test/signIn.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';
import { fixedClock } from '../../domain/clock.ts';
import { confirmOutcome } from '../../domain/disagreement/actions/confirmOutcome.ts';
import { proposeOutcome } from '../../domain/disagreement/actions/proposeOutcome.ts';
import { tellPartnershipTeam } from '../../domain/disagreement/actions/tellPartnershipTeam.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { monitoringInbox } from '../monitoringInbox.ts';
import { remindDeadlines } from '../remindDeadlines.ts';
import { runRetention } from './runRetention.ts';

const NOW = '2026-11-24T10:00:00Z';
const clock = fixedClock(NOW);

describeOnEachDatabase('a purged case asks nobody for work', (context) => {
  const server = useTestApp(context, { clock });
  const deps = () => ({ database: context.database, clock });
  let cast: Cast;
  let resolved: Disagreement;
  const act = (...step: ActStep) => actAt(deps(), ...step);

  before(async () => {
    cast = await aDisagreementCast(context.database);
    clock.set('2019-03-04T10:00:00Z');
    resolved = await aCase(deps(), cast, { raisedAt: '2019-03-04T10:00:00Z' });
    resolved = await act(
      resolved,
      tellPartnershipTeam,
      { reason: 'The agencies cannot agree who visits.' },
      cast.school.practitioner,
      '2019-03-04T11:00:00Z',
    );
    resolved = await act(
      resolved,
      proposeOutcome,
      {
        occurredAt: '2019-03-05T10:00:00Z',
        agreedOutcome: 'Social care visits.',
        actions: [
          {
            description: 'Visit',
            ownerId: cast.school.practitioner.id,
            dueAt: '2019-04-01T10:00:00Z',
          },
        ],
      },
      cast.school.practitioner,
      '2019-03-05T10:00:00Z',
    );
    resolved = await act(
      resolved,
      confirmOutcome,
      {},
      cast.socialCare.practitioner,
      '2019-03-06T10:00:00Z',
    );
    clock.set(NOW);
    assert.equal((await runRetention(deps())).purged, 1);
  });

  test('a purged resolved case with an unfinished action is not reminded of it', async () => {
    const { queued } = await remindDeadlines(deps());

    assert.equal(queued, 0);
    const pending = await context.database.db
      .selectFrom('outbox')
      .select('id')
      .where('disagreement_id', '=', resolved.id)
      .where('status', 'in', ['pending', 'held'])
      .execute();
    assert.deepEqual(pending, []);
  });

  test('the monitoring inbox does not list a purged case as waiting to be acknowledged', async () => {
    const team = await contextOf(context.database, cast.team);
    const waiting = await monitoringInbox(deps(), { unacknowledgedOnly: true, limit: 50 }, team);
    const all = await monitoringInbox(deps(), { limit: 50 }, team);

    assert.deepEqual(
      waiting.items.map((item) => item.disagreement.id),
      [],
    );
    assert.deepEqual(
      all.items.map((item) => item.disagreement.id),
      [resolved.id],
    );
  });

  test('the monitoring inbox page offers no acknowledgement of a purged case, and says why', async () => {
    const team = await signIn(server.app, cast.team.email);
    const $ = cheerio.load(
      (
        await server.app.inject({
          method: 'GET',
          url: '/monitoring-inbox',
          headers: { cookie: team.cookie },
        })
      ).body,
    );
    const row = $('[data-testid="inbox"] tbody tr');

    assert.equal(row.length, 1);
    assert.equal(row.find(`a[href="/disagreements/${resolved.id}/acknowledge"]`).length, 0);
    assert.match(row.text(), /details were removed under the retention policy/);
  });
});
