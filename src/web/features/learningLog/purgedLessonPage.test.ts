import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import {
  type ActStep,
  aCase,
  actAt,
  aDisagreementCast,
  type Cast,
} from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { close } from '../../../domain/disagreement/actions/close.ts';
import { confirmOutcome } from '../../../domain/disagreement/actions/confirmOutcome.ts';
import { proposeOutcome } from '../../../domain/disagreement/actions/proposeOutcome.ts';
import { runRetention } from '../../../services/retention/runRetention.ts';

const NOW = '2026-11-24T10:00:00Z';
const clock = fixedClock(NOW);

describeOnEachDatabase('the learning log page of a purged case’s lesson', (context) => {
  const server = useTestApp(context, { clock });
  const deps = () => ({ database: context.database, clock });
  let cast: Cast;
  let team: Browser;
  let lessonId: string;
  const act = (...step: ActStep) => actAt(deps(), ...step);
  const post = (payload: Record<string, string>) =>
    server.app.inject({
      method: 'POST',
      url: `/learning-log/${lessonId}`,
      headers: { cookie: team.cookie },
      payload: { _csrf: team.csrfToken, ...payload },
    });

  before(async () => {
    cast = await aDisagreementCast(context.database);
    clock.set('2019-03-04T10:00:00Z');
    let d = await aCase(deps(), cast, { raisedAt: '2019-03-04T10:00:00Z' });
    d = await act(
      d,
      proposeOutcome,
      { occurredAt: '2019-03-05T10:00:00Z', agreedOutcome: 'Agreed', actions: [] },
      cast.school.practitioner,
      '2019-03-05T10:00:00Z',
    );
    d = await act(d, confirmOutcome, {}, cast.socialCare.practitioner, '2019-03-06T10:00:00Z');
    d = await act(
      d,
      close,
      { lessons: [{ themes: ['training'], text: 'Threshold training' }] },
      cast.school.practitioner,
      '2019-03-07T10:00:00Z',
    );
    lessonId = d.lessons[0]?.id as string;
    clock.set(NOW);
    await runRetention(deps());
    team = await signIn(server.app, cast.team.email);
  });

  test('offers no note, and says why', async () => {
    const $ = cheerio.load(
      (
        await server.app.inject({
          method: 'GET',
          url: `/learning-log/${lessonId}`,
          headers: { cookie: team.cookie },
        })
      ).body,
    );

    assert.equal($('textarea[name="note"]').length, 0);
    assert.equal($('input[name="status"]').length, 3);
    assert.match($('[data-testid="no-note"]').text(), /retention policy/);
  });

  test('a note sent all the same is refused beside the note field; the status alone is saved', async () => {
    const refused = await post({ status: 'actioned', note: 'Zebedee Example' });

    assert.equal(refused.statusCode, 400);
    const $ = cheerio.load(refused.body);
    assert.match($('.govuk-error-summary a[href="#note"]').text(), /Remove the note/);
    assert.equal($('textarea[name="note"]').length, 1);

    assert.equal((await post({ status: 'actioned' })).statusCode, 303);
    const row = await context.database.db
      .selectFrom('lessons')
      .select(['status', 'note'])
      .where('id', '=', lessonId)
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...row }, { status: 'actioned', note: null });
  });
});
