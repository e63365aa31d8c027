import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import {
  aCase,
  aDisagreementCast,
  aPerson,
  type Cast,
  contextOf,
} from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { outboxRepository } from '../../../db/repositories/outboxRepository.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Person } from '../../../domain/directory/directory.ts';
import { acknowledge } from '../../../domain/disagreement/actions/acknowledge.ts';
import { close } from '../../../domain/disagreement/actions/close.ts';
import { confirmOutcome } from '../../../domain/disagreement/actions/confirmOutcome.ts';
import { proposeOutcome } from '../../../domain/disagreement/actions/proposeOutcome.ts';
import { referLesson } from '../../../domain/disagreement/actions/referLesson.ts';
import { tellPartnershipTeam } from '../../../domain/disagreement/actions/tellPartnershipTeam.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';
import { Forbidden, NotAllowedNow } from '../../../domain/errors.ts';
import { runCaseAction } from '../../../services/runCaseAction.ts';

const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('the monitoring inbox', (context) => {
  const server = useTestApp(context, { clock });
  const deps = () => ({ database: context.database, clock, baseUrl: 'https://accord.example.org' });
  let cast: Cast;
  let team: Browser;
  let monitoringOnly: Disagreement;
  let urgentMonitoring: Disagreement;
  let told: Disagreement;
  const act = async <C extends Parameters<typeof runCaseAction>[1]>(
    disagreement: Disagreement,
    command: C,
    input: Record<string, unknown>,
    by: Person,
  ) =>
    runCaseAction(
      deps(),
      command,
      { id: disagreement.id, version: disagreement.version, input: input as never },
      await contextOf(context.database, by),
    );
  const inbox = async (url = '/monitoring-inbox') =>
    cheerio.load(
      (await server.app.inject({ method: 'GET', url, headers: { cookie: team.cookie } })).body,
    );
  const references = ($: cheerio.CheerioAPI) =>
    $('[data-testid="inbox"] tbody tr td:first-child a')
      .map((_, a) => $(a).text())
      .get();

  before(async () => {
    cast = await aDisagreementCast(context.database);
    // Pan-Lancashire's monitoring stage is stage 3.
    const toStageThree = (at: string) => [
      { at: `${at}T10:00:00Z` },
      { at: `${at}T11:00:00Z` },
      { at: `${at}T12:00:00Z` },
    ];
    clock.set('2026-11-10T12:30:00Z');
    monitoringOnly = await aCase(deps(), cast, {
      raisedAt: '2026-11-10T09:00:00Z',
      escalations: toStageThree('2026-11-10'),
    });
    clock.set('2026-11-09T12:30:00Z');
    urgentMonitoring = await aCase(deps(), cast, {
      raisedAt: '2026-11-09T09:00:00Z',
      urgent: true,
      escalations: toStageThree('2026-11-09'),
    });
    clock.set('2026-11-05T10:00:00Z');
    told = await aCase(deps(), cast, { raisedAt: '2026-11-05T09:00:00Z' });
    told = await act(
      told,
      tellPartnershipTeam,
      {
        reason:
          'The police maintain they are not involved although the child may be at risk of suicide.',
      },
      cast.school.practitioner,
    );
    await aCase(deps(), cast, { raisedAt: '2026-11-05T09:30:00Z' });
    clock.set('2026-11-24T10:00:00Z');
    team = await signIn(server.app, cast.team.email);
  });

  test('those the team was told of now and urgent ones first, newest first among them, then the rest', async () => {
    const $ = await inbox();
    assert.deepEqual(references($), [
      urgentMonitoring.reference,
      told.reference,
      monitoringOnly.reference,
    ]);
    const toldRow = $('[data-testid="inbox"] tbody tr').eq(1);
    assert.match(toldRow.text(), /Told now by/);
    assert.ok(!toldRow.text().includes('suicide'), 'the reason stays on the case page');
    assert.equal(
      $('[data-testid="inbox"] tbody tr').eq(0).find('a[href$="/monitoring-form"]').length,
      1,
    );
  });

  test('the monitoring team hears when told now, by name, never the reason', async () => {
    const queued = await outboxRepository(context.database.db).forDisagreement(told.id);
    const message = queued.find((row) => row.kind === 'partnershipTold');
    assert.ok(message, 'queued');
    assert.equal(message.recipient, cast.team.email);
    assert.match(message.body, new RegExp(cast.school.practitioner.name));
    assert.ok(!message.body.includes('suicide'));
    await assert.rejects(
      act(told, tellPartnershipTeam, { reason: 'Again' }, cast.school.practitioner),
      NotAllowedNow,
      'once is enough',
    );
  });

  test('acknowledging says who and when, and leaves the case out of "not yet acknowledged"', async () => {
    const form = cheerio.load(
      (
        await server.app.inject({
          method: 'GET',
          url: `/disagreements/${monitoringOnly.id}/acknowledge`,
          headers: { cookie: team.cookie },
        })
      ).body,
    );
    const posted = await server.app.inject({
      method: 'POST',
      url: `/disagreements/${monitoringOnly.id}/acknowledge`,
      headers: { cookie: team.cookie },
      payload: { _csrf: team.csrfToken, version: String(form('input[name="version"]').val()) },
    });
    assert.equal(posted.statusCode, 303);
    const $ = await inbox();
    const row = $('[data-testid="inbox"] tbody tr').filter((_, tr) =>
      $(tr).text().includes(monitoringOnly.reference),
    );
    assert.match(row.text(), new RegExp(`${cast.team.name}, 10am on Tuesday 24 November 2026`));
    assert.deepEqual(references(await inbox('/monitoring-inbox?waiting=acknowledgement')), [
      urgentMonitoring.reference,
      told.reference,
    ]);
    const again = await (await import('../../../services/readDisagreements.ts')).getDisagreement(
      deps(),
      monitoringOnly.id,
      await contextOf(context.database, cast.team),
    );
    await assert.rejects(act(again.disagreement, acknowledge, {}, cast.team), NotAllowedNow);
  });

  test('only the partnership team: acknowledging or reading the inbox is refused to the rest', async () => {
    await assert.rejects(act(urgentMonitoring, acknowledge, {}, cast.school.senior), Forbidden);
    const practitioner = await signIn(server.app, cast.school.practitioner.email);
    const response = await server.app.inject({
      method: 'GET',
      url: '/monitoring-inbox',
      headers: { cookie: practitioner.cookie },
    });
    assert.equal(response.statusCode, 403);
  });

  test('lessons given on closing, or referred while a case runs, reach the partnership team', async () => {
    clock.set('2026-11-24T10:00:00Z');
    let resolved = await aCase(deps(), cast, { raisedAt: '2026-11-23T09:00:00Z' });
    resolved = await act(
      resolved,
      proposeOutcome,
      { occurredAt: '2026-11-24T09:00:00Z', agreedOutcome: 'Agreed', actions: [] },
      cast.school.practitioner,
    );
    resolved = await act(resolved, confirmOutcome, {}, cast.socialCare.practitioner);
    resolved = await act(
      resolved,
      close,
      { lessons: [{ themes: ['training', 'commissioning'], text: 'Joint training' }] },
      cast.school.practitioner,
    );
    const closedMessages = await outboxRepository(context.database.db).forDisagreement(resolved.id);
    assert.deepEqual(
      closedMessages
        .filter((row) => row.kind === 'lessonsForPartnership')
        .map((row) => row.recipient),
      [cast.team.email],
    );
    const referred = await act(
      urgentMonitoring,
      referLesson,
      { lesson: { theme: 'agency-guidance', text: 'Guidance on joint visits' } },
      cast.socialCare.lead,
    );
    assert.equal(referred.lessons.at(-1)?.source, 'referred');
    const referredMessages = await outboxRepository(context.database.db).forDisagreement(
      urgentMonitoring.id,
    );
    assert.ok(
      referredMessages.some(
        (row) => row.kind === 'lessonsForPartnership' && row.recipient === cast.team.email,
      ),
    );
    const outsider = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      roles: ['practitioner'],
    });
    await assert.rejects(
      act(referred, referLesson, { lesson: { theme: 'training', text: 'x' } }, outsider),
      (error: unknown) => error instanceof Error && error.name === 'NotFound',
    );
  });
});
