import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, actAt, aDisagreementCast, type Cast } from '../../test/factories.ts';
import { signIn } from '../../test/signIn.ts';
import { useTestApp } from '../../test/testApp.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { fixedClock } from '../domain/clock.ts';
import type { Person } from '../domain/directory/directory.ts';
import { arrangeMeeting } from '../domain/disagreement/actions/arrangeMeeting.ts';
import { proposeOutcome } from '../domain/disagreement/actions/proposeOutcome.ts';
import { recordMinutes } from '../domain/disagreement/actions/recordMinutes.ts';
import type { Disagreement } from '../domain/disagreement/disagreement.ts';
import { NotAllowedNow } from '../domain/errors.ts';
import { createApiToken } from './apiTokens.ts';
import { commandLine } from './requestContext.ts';

// The protocol's `writtenBy` and `minuted` at work, on Millbrook's stage 2
// (test/protocols/scrutiny-panel.yaml): a written account "by the agency where the difference
// originates", and a chaired meeting that is minuted, or, in a copy of the file, is not.

const minutedSource = readFileSync(
  path.resolve(import.meta.dirname, '../../test/protocols/scrutiny-panel.yaml'),
  'utf8',
);
const unminutedSource = minutedSource.replace('minuted: true', 'minuted: false');
const WRITTEN_BY = 'the agency where the difference originates';

describeOnEachDatabase('written accounts and minuted meetings', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const deps = () => ({ database: context.database, clock, baseUrl: 'https://accord.example.org' });
  const server = useTestApp(context, { clock });
  let minuted: Cast;
  let unminuted: Cast;

  const page = async (person: Person, url: string) => {
    const browser = await signIn(server.app, person.email);
    const response = await server.app.inject({
      method: 'GET',
      url,
      headers: { cookie: browser.cookie },
    });
    assert.equal(response.statusCode, 200, response.body);
    return cheerio.load(response.body);
  };
  const tokenOf = async (person: Person) =>
    (await createApiToken(deps(), { personId: person.id, name: 'minutes' }, commandLine)).token;
  const atStage2 = (cast: Cast) =>
    aCase(deps(), cast, {
      escalations: [{ at: '2026-11-24T09:00:00Z', writtenAccount: 'The school’s account.' }],
    });
  /** The stage 2 meeting, chaired by the partnership team, from 10am to 11am on 25 November. */
  const withMeeting = (cast: Cast, disagreement: Disagreement) =>
    actAt(
      deps(),
      disagreement,
      arrangeMeeting,
      {
        chairId: cast.team.id,
        startsAt: '2026-11-25T10:00:00Z',
        endsAt: '2026-11-25T11:00:00Z',
        online: true,
        placeDetails: 'https://meet.example.org/millbrook',
        attendeeIds: [cast.school.manager.id, cast.socialCare.manager.id],
      },
      cast.team,
      '2026-11-24T12:00:00Z',
    );
  const outcome = { agreedOutcome: 'An assessment starts this week.', actions: [] };

  before(async () => {
    minuted = await aDisagreementCast(context.database, { protocolSource: minutedSource });
    unminuted = await aDisagreementCast(context.database, { protocolSource: unminutedSource });
  });

  test('writtenBy is said where the account is asked for, in the API’s problem, on the case and in its summary', async () => {
    clock.set('2026-11-24T10:00:00Z');
    const raised = await aCase(deps(), minuted);
    const form = await page(minuted.school.senior, `/disagreements/${raised.id}/escalate`);
    assert.match(
      form('#writtenAccount-hint').text(),
      new RegExp(`What the difference is.* Written by ${WRITTEN_BY}\\.`),
    );

    const refused = await server.app.inject({
      method: 'POST',
      url: `/api/v1/disagreements/${raised.id}/escalate`,
      headers: { authorization: `Bearer ${await tokenOf(minuted.school.senior)}` },
      payload: { version: raised.version, occurredAt: '2026-11-24T09:00:00Z', reason: 'Stuck' },
    });
    assert.equal(refused.statusCode, 400, refused.body);
    const problem = refused.json().errors[0];
    assert.equal(problem.path, 'writtenAccount');
    assert.match(problem.message, new RegExp(`written by ${WRITTEN_BY}`));

    const escalated = await atStage2(minuted);
    const casePage = await page(minuted.school.senior, `/disagreements/${escalated.id}`);
    assert.equal(casePage('[data-testid="written-by"]').text().trim(), `Written by ${WRITTEN_BY}`);

    const summary = await server.app.inject({
      method: 'GET',
      url: `/api/v1/disagreements/${escalated.id}/summary`,
      headers: { authorization: `Bearer ${await tokenOf(minuted.school.senior)}` },
    });
    assert.deepEqual(
      summary
        .json()
        .stages.map((stage: { writtenAccountBy: string | null }) => stage.writtenAccountBy),
      [null, WRITTEN_BY],
    );
  });

  test('a minuted meeting once held: the page and the chair’s list ask for minutes, and no outcome is proposed before them', async () => {
    clock.set('2026-11-24T10:00:00Z');
    let disagreement = await withMeeting(minuted, await atStage2(minuted));

    // Before the meeting, nothing asks for minutes.
    const early = await page(minuted.school.manager, `/disagreements/${disagreement.id}`);
    assert.equal(early('[data-testid="minutes-awaited"]').length, 0);

    clock.set('2026-11-25T12:00:00Z');
    const held = await page(minuted.school.manager, `/disagreements/${disagreement.id}`);
    assert.equal(held('[data-testid="minutes-awaited"]').length, 1);
    assert.equal(held('a[href$="/propose-outcome"]').length, 0, 'no outcome offered yet');
    const waiting = await page(minuted.team, '/waiting-for-you');
    const row = waiting('tr, li, .govuk-summary-card')
      .filter((_, element) => waiting(element).text().includes(disagreement.reference))
      .first();
    assert.match(row.text(), /Record the minutes of the meeting you chaired/);

    await assert.rejects(
      actAt(
        deps(),
        disagreement,
        proposeOutcome,
        { ...outcome, occurredAt: '2026-11-25T11:30:00Z' },
        minuted.school.manager,
        '2026-11-25T12:00:00Z',
      ),
      (error: unknown) =>
        error instanceof NotAllowedNow &&
        error.field === 'agreedOutcome' &&
        /minutes/.test(error.message),
    );

    disagreement = await actAt(
      deps(),
      disagreement,
      recordMinutes,
      { meetingId: disagreement.meetings[0]?.id, minutes: 'Agreed: an assessment.' },
      minuted.team,
      '2026-11-25T12:05:00Z',
    );
    const recorded = await page(minuted.school.manager, `/disagreements/${disagreement.id}`);
    assert.equal(recorded('[data-testid="minutes-awaited"]').length, 0);
    assert.match(recorded('#meeting ~ dl').text(), /Agreed: an assessment\./);
    const proposed = await actAt(
      deps(),
      disagreement,
      proposeOutcome,
      { ...outcome, occurredAt: '2026-11-25T11:30:00Z' },
      minuted.school.manager,
      '2026-11-25T12:10:00Z',
    );
    assert.ok(proposed.resolution);
  });

  test('a meeting the protocol says is not minuted: nothing asks for minutes, none are taken, the outcome follows', async () => {
    clock.set('2026-11-24T10:00:00Z');
    const disagreement = await withMeeting(unminuted, await atStage2(unminuted));
    clock.set('2026-11-25T12:00:00Z');
    const held = await page(unminuted.school.manager, `/disagreements/${disagreement.id}`);
    assert.equal(held('[data-testid="minutes-awaited"]').length, 0);
    assert.doesNotMatch(held('#meeting ~ dl').text(), /Minutes/);
    assert.equal(held('a[href$="/meeting-minutes"]').length, 0);
    const waiting = await page(unminuted.team, '/waiting-for-you');
    assert.doesNotMatch(waiting('main').text(), /Record the minutes/);

    await assert.rejects(
      actAt(
        deps(),
        disagreement,
        recordMinutes,
        { meetingId: disagreement.meetings[0]?.id, minutes: 'Notes' },
        unminuted.team,
        '2026-11-25T12:05:00Z',
      ),
      (error: unknown) => error instanceof NotAllowedNow && /not minuted/.test(error.message),
    );
    const proposed = await actAt(
      deps(),
      disagreement,
      proposeOutcome,
      { ...outcome, occurredAt: '2026-11-25T11:30:00Z' },
      unminuted.school.manager,
      '2026-11-25T12:10:00Z',
    );
    assert.ok(proposed.resolution);
  });
});
