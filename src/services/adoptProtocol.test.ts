import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { aCase, aDisagreementCast, type Cast, contextOf } from '../../test/factories.ts';
import { useTestApp } from '../../test/testApp.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import type { Person } from '../domain/directory/directory.ts';
import { builtInProtocolFile } from '../protocols/builtInProtocols.ts';
import { adoptProtocol } from './adoptProtocol.ts';
import { createApiToken } from './apiTokens.ts';
import { createPartnership } from './createPartnership.ts';
import { addClosureDay } from './manageDirectory.ts';
import { commandLine } from './requestContext.ts';

// Adopting a protocol file applies its calendar: the partnership's working time becomes the
// file's (its closure days kept), open stages are due again under it with the reason on each
// case, and the API shows the working time in force.

// Tuesday 24 November 2026, 10:00 in London (GMT).
const clock = fixedClock('2026-11-24T10:00:00Z');
const panLancashire = readFileSync(builtInProtocolFile('pan-lancashire'), 'utf8');
const withCalendar = (calendar: string) =>
  panLancashire.replace(
    /^calendar:\n(?: {2}.*\n)+/m,
    `calendar:\n${calendar
      .trim()
      .split('\n')
      .map((line) => `  ${line.trim()}\n`)
      .join('')}`,
  );

describeOnEachDatabase('adopting a protocol applies its calendar', (context) => {
  const server = useTestApp(context, { clock });
  const deps = () => ({ database: context.database, clock });
  let cast: Cast;
  const tokens = new Map<string, string>();
  const api = async (person: Person, method: 'GET' | 'POST', url: string, body?: unknown) => {
    let token = tokens.get(person.id);
    if (!token) {
      token = (await createApiToken(deps(), { personId: person.id, name: 'calendar' }, commandLine))
        .token;
      tokens.set(person.id, token);
    }
    const response = await server.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    return { status: response.statusCode, body: response.json() };
  };

  before(async () => {
    cast = await aDisagreementCast(context.database);
  });

  test('other working hours: GET /partnerships shows them, open stages and new cases are due at the new end of the day', async () => {
    const open = await aCase(deps(), cast, {
      escalations: [{ at: '2026-11-24T09:00:00Z', by: cast.school.manager }],
    });
    assert.equal(open.stages.at(-1)?.dueAt, '2026-12-01T17:00:00.000Z');
    await addClosureDay(
      deps(),
      { date: '2026-11-27', name: 'Partnership training day' },
      await contextOf(context.database, cast.team),
    );

    const before = (await api(cast.team, 'GET', '/partnerships')).body;
    assert.deepEqual(before[0].workingHours, { start: '09:00', end: '17:00' });
    const adopted = await adoptProtocol(
      deps(),
      {
        partnershipId: cast.partnershipId,
        protocolSource: withCalendar(`
          region: england-and-wales
          timeZone: Europe/London
          workingHours: { start: "08:30", end: "16:30" }`),
        reason: 'The partnership’s office hours changed',
      },
      await contextOf(context.database, cast.team),
    );
    assert.deepEqual(adopted, {
      version: 2,
      name: 'Pan-Lancashire resolving professional disagreements',
      // The file says version 1: kept as given (accord protocol adopt says so).
      statedVersion: 1,
      workingTimeChanged: true,
      workingTimeChange: 'Working hours changed from 9am to 5pm to 8:30am to 4:30pm.',
      reprojected: 1,
    });

    const partnerships = (await api(cast.team, 'GET', '/partnerships')).body;
    assert.deepEqual(partnerships, [
      {
        id: cast.partnershipId,
        name: partnerships[0].name,
        protocolId: 'pan-lancashire',
        protocolVersion: 2,
        timeZone: 'Europe/London',
        calendar: 'england-and-wales',
        workingHours: { start: '08:30', end: '16:30' },
        workingWeekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      },
    ]);
    const stored = await partnershipRepository(context.database.db).get(cast.partnershipId);
    assert.deepEqual(
      stored?.workingTime.closureDays?.map((day) => ({ ...day })),
      [{ date: '2026-11-27', name: 'Partnership training day' }],
      'the closure days the partnership added are kept',
    );
    assert.equal(
      (await partnershipRepository(context.database.db).protocolVersion(cast.partnershipId))
        ?.reason,
      'The partnership’s office hours changed',
    );

    // The open case: its stage due again, and why, on the case and in the API.
    const reread = (await api(cast.team, 'GET', `/disagreements/${open.id}`)).body;
    const stage = reread.stages.at(-1);
    assert.equal(stage.dueAt, '2026-12-02T16:30:00.000Z');
    assert.match(
      stage.dueReason,
      /by 4:30pm on Wednesday 2 December 2026\. Re-projected on Tuesday 24 November 2026 because the partnership’s working time changed: working hours changed from 9am to 5pm to 8:30am to 4:30pm\.$/,
    );
    assert.equal(reread.stages[0].dueReason, 'No set timescale', 'an ended stage keeps its own');

    // A case raised after it: due at the new end of the working day.
    const raised = await api(cast.school.practitioner, 'POST', '/disagreements', {
      partnershipId: cast.partnershipId,
      raisedAt: '2026-11-24T08:45:00Z',
      otherAgencyIds: [cast.socialCare.agency.id],
      category: 'threshold',
      summary: 'The referral was not accepted.',
      impactOnChild: 'Robin misses school.',
      desiredOutcome: 'An assessment.',
      urgent: false,
      children: [{ firstName: 'Robin', lastName: 'Example' }],
    });
    assert.equal(raised.status, 201, JSON.stringify(raised.body));
    const escalated = await api(
      cast.school.manager,
      'POST',
      `/disagreements/${raised.body.id}/escalate`,
      { version: raised.body.version, occurredAt: '2026-11-24T09:30:00Z', reason: 'No agreement' },
    );
    assert.equal(escalated.status, 200, JSON.stringify(escalated.body));
    // 5 working days from Tuesday 24 November, Friday 27 a closure day: Wednesday 2 December.
    assert.equal(escalated.body.currentStage.dueAt, '2026-12-02T16:30:00.000Z');
    assert.equal(
      escalated.body.stages.at(-1).dueReason,
      escalated.body.currentStage.dueExplanation,
    );
  });

  test('working weekdays and the bank holidays of the file are applied; the same calendar changes nothing', async () => {
    const team = await contextOf(context.database, cast.team);
    const open = await aCase(deps(), cast, {
      escalations: [{ at: '2026-11-24T09:00:00Z', by: cast.school.manager }],
    });
    const sameAgain = await adoptProtocol(
      deps(),
      {
        partnershipId: cast.partnershipId,
        protocolSource: withCalendar(`
          region: england-and-wales
          timeZone: Europe/London
          workingHours: { start: "08:30", end: "16:30" }`),
      },
      team,
    );
    assert.equal(sameAgain.workingTimeChanged, false);
    assert.equal(sameAgain.reprojected, 0);

    await adoptProtocol(
      deps(),
      {
        partnershipId: cast.partnershipId,
        protocolSource: withCalendar(`
          region: scotland
          timeZone: Europe/London
          workingHours: { start: "08:30", end: "16:30" }
          workingWeekdays: [tuesday, wednesday, thursday, friday, saturday]`),
      },
      team,
    );
    const [partnership] = (await api(cast.team, 'GET', '/partnerships')).body;
    assert.equal(partnership.calendar, 'scotland');
    assert.deepEqual(partnership.workingWeekdays, [
      'tuesday',
      'wednesday',
      'thursday',
      'friday',
      'saturday',
    ]);
    // From Tuesday 24 November: 25, 26, 28 (27 is a closure day), 1 and 2 December; Monday 30
    // November (St Andrew's Day) is no working day either way.
    const reread = (await api(cast.team, 'GET', `/disagreements/${open.id}`)).body;
    assert.equal(reread.stages.at(-1).dueAt, '2026-12-02T16:30:00.000Z');
    assert.match(
      reread.stages.at(-1).dueReason,
      /working time changed: the bank holiday calendar changed from England and Wales to Scotland\. Working days changed from Monday, Tuesday, Wednesday, Thursday and Friday to Tuesday, Wednesday, Thursday, Friday and Saturday\.$/,
    );
  });

  test('a partnership created on a file runs on its calendar', async () => {
    const created = await createPartnership(
      deps(),
      {
        name: 'Northern Example partnership',
        protocolSource: withCalendar(`
          region: northern-ireland
          timeZone: Europe/London
          workingHours: { start: "08:00", end: "16:00" }
          workingWeekdays: [monday, tuesday, wednesday, thursday]`),
      },
      commandLine,
    );
    const stored = await partnershipRepository(context.database.db).get(created.id);
    assert.deepEqual(
      { ...stored?.workingTime, closureDays: [] },
      {
        region: 'northern-ireland',
        timeZone: 'Europe/London',
        workingHours: { start: '08:00', end: '16:00' },
        workingWeekdays: [1, 2, 3, 4],
        closureDays: [],
      },
    );
  });
});
