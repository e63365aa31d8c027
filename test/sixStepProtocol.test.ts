import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { fixedClock } from '../src/domain/clock.ts';
import { createApiToken } from '../src/services/apiTokens.ts';
import { createPartnership } from '../src/services/createPartnership.ts';
import { commandLine } from '../src/services/requestContext.ts';
import { anAgency, aPerson } from './factories.ts';
import { useTestApp } from './testApp.ts';
import { describeOnEachDatabase } from './testDatabase.ts';

// The six-step protocol of issue 13 (test/protocols/six-step.yaml), through the HTTP API: steps
// 1 to 5 share a cap of 5 working days from raising, step 6 has 14 working days, the immediate
// route (urgent.pathway and urgent.caps) compresses the whole ladder to 24 elapsed hours from
// raising, and the "panel" route the raiser may choose has its own cap over steps 5 and 6.
//
// Every due time below is worked out by hand. The calendar is England and Wales, 9am to 5pm,
// Monday to Friday; the clocks are on GMT throughout, so London time is UTC. Around Christmas
// 2026: Friday 25 December (Christmas Day) and Monday 28 December (Boxing Day, substitute day)
// and Friday 1 January 2027 (New Year's Day) are bank holidays. "N working days" ends at 5pm on
// the N-th working day after the day it starts from (that day is day 0).

const sixStep = readFileSync(new URL('./protocols/six-step.yaml', import.meta.url), 'utf8');

describeOnEachDatabase('the six-step protocol through the API', (context) => {
  // Late enough that every instant the tests date things at is in the past.
  const clock = fixedClock('2027-02-15T12:00:00Z');
  const server = useTestApp(context, { clock });
  let partnershipId: string;
  let otherAgencyId: string;
  let token: string;

  before(async () => {
    const deps = { database: context.database, clock };
    partnershipId = (
      await createPartnership(
        deps,
        { name: 'Exampleshire Safeguarding Children Partnership', protocolSource: sixStep },
        commandLine,
      )
    ).id;
    const school = await anAgency(context.database, partnershipId, { kind: 'school' });
    const socialCare = await anAgency(context.database, partnershipId, {
      kind: 'childrens-social-care',
    });
    otherAgencyId = socialCare.id;
    const raiser = await aPerson(context.database, {
      partnershipId,
      agencyId: school.id,
      name: 'Alex Example',
      roles: ['practitioner'],
    });
    token = (await createApiToken(deps, { personId: raiser.id, name: 'six-step' }, commandLine))
      .token;
  });

  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    server.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: {
        authorization: `Bearer ${token}`,
        ...(payload ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload ? { payload: JSON.stringify(payload) } : {}),
    });

  type Case = {
    id: string;
    version: number;
    pathway: string;
    urgent: boolean;
    currentStage: { key: string; dueAt: string | null } | null;
  };

  async function raise(body: { raisedAt: string; urgent: boolean; pathway?: string }) {
    const response = await call('POST', '/disagreements', {
      partnershipId,
      otherAgencyIds: [otherAgencyId],
      category: 'threshold',
      summary: 'The referral was closed with no assessment.',
      impactOnChild: 'Sam Example is missing school.',
      desiredOutcome: 'An assessment.',
      children: [{ firstName: 'Sam', lastName: 'Example' }],
      ...body,
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json() as Case;
  }

  async function escalate(raised: Case, occurredAt: string, toStageKey?: string) {
    const response = await call('POST', `/disagreements/${raised.id}/escalate`, {
      version: raised.version,
      occurredAt,
      reason: 'Not resolved at this step.',
      ...(toStageKey ? { toStageKey } : {}),
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as Case;
  }

  async function read(raised: Case) {
    const response = await call('GET', `/disagreements/${raised.id}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as Case;
  }

  const where = (read: Case) => [read.currentStage?.key, read.currentStage?.dueAt];

  test('steps 1 to 5 share 5 working days from raising, across Christmas; step 6 has 14 of its own', async () => {
    // Raised at 3pm on Wednesday 23 December 2026. Day 0 is the 23rd; then Thursday 24 (1),
    // [Friday 25, Monday 28 bank holidays], Tuesday 29 (2), Wednesday 30 (3), Thursday 31 (4),
    // [Friday 1 January bank holiday], Monday 4 January 2027 (5): by 5pm on Monday 4 January.
    const capEnds = '2027-01-04T17:00:00.000Z';
    let raised = await raise({ raisedAt: '2026-12-23T15:00:00Z', urgent: false });
    assert.equal(raised.pathway, 'general');
    assert.deepEqual(where(await read(raised)), ['step-1', capEnds]);

    // Each step up to 5 is due when the shared cap ends, however late it starts.
    for (const [step, at] of [
      ['step-2', '2026-12-29T10:00:00Z'],
      ['step-3', '2026-12-30T10:00:00Z'],
      ['step-4', '2026-12-31T10:00:00Z'],
      ['step-5', '2027-01-04T09:30:00Z'],
    ] as const) {
      raised = await escalate(raised, at);
      assert.deepEqual(where(await read(raised)), [step, capEnds]);
    }

    // Step 6 started at 11am on Monday 4 January 2027 (day 0): Tuesday 5 (1) … Friday 8 (4),
    // Monday 11 (5) … Friday 15 (9), Monday 18 (10) … Friday 22 (14): by 5pm on Friday 22 January.
    raised = await escalate(raised, '2027-01-04T11:00:00Z');
    assert.deepEqual(where(await read(raised)), ['step-6', '2027-01-22T17:00:00.000Z']);
  });

  test('an urgent case takes the immediate route: the whole ladder within 24 hours, bank holiday or not', async () => {
    // Raised at 3pm on Thursday 24 December 2026 and marked urgent: 24 elapsed hours on is
    // 3pm on Friday 25 December, Christmas Day, a bank holiday that elapsed time does not skip.
    // (The 5-working-day cap would end at 5pm on Tuesday 5 January 2027: later, so not in force.)
    const dayEnds = '2026-12-25T15:00:00.000Z';
    let raised = await raise({ raisedAt: '2026-12-24T15:00:00Z', urgent: true });
    assert.equal(raised.pathway, 'immediate');
    assert.deepEqual(where(await read(raised)), ['step-1', dayEnds]);

    // Escalated through the night to step 6: its own 14 working days would end in January,
    // but the immediate route's 24 hours from raising still bind it.
    for (const [step, at] of [
      ['step-2', '2026-12-24T18:00:00Z'],
      ['step-3', '2026-12-24T21:00:00Z'],
      ['step-4', '2026-12-25T01:00:00Z'],
      ['step-5', '2026-12-25T07:00:00Z'],
      ['step-6', '2026-12-25T10:00:00Z'],
    ] as const) {
      raised = await escalate(raised, at);
      assert.deepEqual(where(await read(raised)), [step, dayEnds]);
    }
  });

  test('the same case not marked urgent keeps the general route and its working days', async () => {
    // Raised at 3pm on Thursday 24 December 2026 (day 0): [25 and 28 December bank holidays],
    // Tuesday 29 (1), Wednesday 30 (2), Thursday 31 (3), [1 January bank holiday], Monday
    // 4 January 2027 (4), Tuesday 5 January (5): by 5pm on Tuesday 5 January 2027.
    const raised = await raise({ raisedAt: '2026-12-24T15:00:00Z', urgent: false });
    assert.equal(raised.pathway, 'general');
    assert.deepEqual(where(await read(raised)), ['step-1', '2027-01-05T17:00:00.000Z']);
  });

  test('a route the raiser chooses brings its own cap on top of the protocol’s', async () => {
    // Raised at 10am on Monday 11 January 2027 on the panel route, which starts at step 4:
    // steps 1 to 5's cap: Tuesday 12 (1) … Friday 15 (4), Monday 18 (5): by 5pm on Monday 18.
    let raised = await raise({ raisedAt: '2027-01-11T10:00:00Z', urgent: false, pathway: 'panel' });
    assert.equal(raised.pathway, 'panel');
    assert.deepEqual(where(await read(raised)), ['step-4', '2027-01-18T17:00:00.000Z']);

    // Step 5 from 10am on Wednesday 13 January: the panel's cap (10 working days from then, to
    // 5pm on Wednesday 27 January) is later than steps 1 to 5's, which stays in force.
    raised = await escalate(raised, '2027-01-13T10:00:00Z');
    assert.deepEqual(where(await read(raised)), ['step-5', '2027-01-18T17:00:00.000Z']);

    // Step 6 from 10am on Friday 15 January: its own 14 working days end at 5pm on Thursday
    // 4 February (Monday 18 is day 1 … Friday 29 is 10, Monday 1 February 11 … Thursday 4 is 14);
    // the panel's cap from the start of step 5 (Wednesday 13, day 0: Thursday 14 (1), Friday 15
    // (2), Monday 18 (3) … Friday 22 (7), Monday 25 (8), Tuesday 26 (9), Wednesday 27 (10))
    // ends at 5pm on Wednesday 27 January, earlier: that is when it is due.
    raised = await escalate(raised, '2027-01-15T10:00:00Z');
    assert.deepEqual(where(await read(raised)), ['step-6', '2027-01-27T17:00:00.000Z']);
  });

  test('an urgent case may still take a route the raiser may choose', async () => {
    // Raised at 3pm on Thursday 24 December 2026, urgent, on the panel route: the immediate
    // route's caps are urgency's, so 24 hours on still binds step 4: 3pm on Christmas Day.
    const raised = await raise({
      raisedAt: '2026-12-24T15:00:00Z',
      urgent: true,
      pathway: 'panel',
    });
    assert.equal(raised.pathway, 'panel');
    assert.deepEqual(where(await read(raised)), ['step-4', '2026-12-25T15:00:00.000Z']);
  });

  test('a pathway the protocol does not allow for the category and urgency is a 400 naming pathway', async () => {
    for (const [urgent, pathway] of [
      // The immediate route is only for urgent cases: nothing lets a raiser choose it.
      [false, 'immediate'],
      // An urgent case takes the immediate route, not the category's general one.
      [true, 'general'],
      [false, 'no-such-route'],
    ] as const) {
      const response = await call('POST', '/disagreements', {
        partnershipId,
        raisedAt: '2027-01-11T10:00:00Z',
        otherAgencyIds: [otherAgencyId],
        category: 'threshold',
        summary: 'The referral was closed with no assessment.',
        impactOnChild: 'Sam Example is missing school.',
        desiredOutcome: 'An assessment.',
        children: [{ firstName: 'Sam', lastName: 'Example' }],
        urgent,
        pathway,
      });
      assert.equal(response.statusCode, 400, `${pathway}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      assert.deepEqual(
        response.json().errors.map((error: { path: string }) => error.path),
        ['pathway'],
      );
    }
  });
});
