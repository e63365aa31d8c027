import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { aCase, aDisagreementCast, anAgency, aPerson } from '../../test/factories.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { can } from '../domain/access/can.ts';
import { fixedClock } from '../domain/clock.ts';
import type { Person } from '../domain/directory/directory.ts';
import { addAction } from '../domain/disagreement/actions/addAction.ts';
import { close } from '../domain/disagreement/actions/close.ts';
import { confirmOutcome } from '../domain/disagreement/actions/confirmOutcome.ts';
import { escalate } from '../domain/disagreement/actions/escalate.ts';
import { proposeOutcome } from '../domain/disagreement/actions/proposeOutcome.ts';
import { recordDiscussion } from '../domain/disagreement/actions/recordDiscussion.ts';
import { rejectOutcome } from '../domain/disagreement/actions/rejectOutcome.ts';
import { setChildDeadline } from '../domain/disagreement/actions/setChildDeadline.ts';
import { withdraw } from '../domain/disagreement/actions/withdraw.ts';
import { isOverdue } from '../domain/disagreement/disagreement.ts';
import { Conflict, Forbidden, Invalid, NotAllowedNow, NotFound } from '../domain/errors.ts';
import { runCaseAction } from '../services/runCaseAction.ts';
import { caseAccessOf } from './caseAccess.ts';
import { loadActor } from './loadActor.ts';
import { addClosureDay, setWorkingTime, updatePerson } from './manageDirectory.ts';
import { getDisagreement, listDisagreements, waitingFor } from './readDisagreements.ts';
import type { RequestContext } from './requestContext.ts';
import { loadVisibleCase } from './visibleCase.ts';

// Tuesday 24 November 2026, 10:00 in London.
const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('the disagreement lifecycle', (context) => {
  let cast: Awaited<ReturnType<typeof aDisagreementCast>>;
  const deps = () => ({ database: context.database, clock });
  const as = async (person: Person): Promise<RequestContext> => ({
    actor: await loadActor(context.database, person.id),
    via: 'api',
    requestId: null,
  });
  const raiseAs = (person: Person, overrides: Parameters<typeof aCase>[2] = {}) =>
    aCase(deps(), cast, {
      by: person,
      children: [{ firstName: 'Sam', lastName: 'Example', dateOfBirth: '2016-05-01' }],
      impactOnChild: 'Sam comes to school hungry.',
      ...overrides,
    });

  before(async () => {
    cast = await aDisagreementCast(context.database);
  });

  test('a case walks from raised to closed, with due times from the protocol', async () => {
    const raised = await raiseAs(cast.school.practitioner);
    assert.equal(raised.status, 'open');
    const prefix = (await partnershipRepository(context.database.db).get(cast.partnershipId))
      ?.referencePrefix;
    assert.match(raised.reference, new RegExp(`^${prefix}-2026-\\d{4}$`));
    assert.equal(raised.stages[0]?.key, 'initial');
    assert.equal(
      raised.stages[0]?.dueAt,
      null,
      'Pan-Lancashire’s initial challenge has no timescale',
    );

    const recorded = await runCaseAction(
      deps(),
      recordDiscussion,
      {
        id: raised.id,
        version: raised.version,
        input: {
          occurredAt: '2026-11-23T15:00:00Z',
          mode: 'phone',
          participants: ['Both practitioners'],
          summary: 'Talked it through; no agreement.',
        },
      },
      await as(cast.school.practitioner),
    );
    assert.equal(recorded.records[0]?.stageKey, 'initial');

    const escalated = await runCaseAction(
      deps(),
      escalate,
      {
        id: raised.id,
        version: recorded.version,
        input: { occurredAt: '2026-11-24T09:00:00Z', reason: 'No agreement between practitioners' },
      },
      await as(cast.school.manager),
    );
    assert.equal(escalated.stages.at(-1)?.key, 'stage-1');
    // 5 working days from Tuesday 24 November: 5pm on Tuesday 1 December (17:00 GMT).
    assert.equal(escalated.stages.at(-1)?.dueAt, '2026-12-01T17:00:00.000Z');
    assert.equal(escalated.stages[0]?.outcome, 'escalated');

    const proposed = await runCaseAction(
      deps(),
      proposeOutcome,
      {
        id: raised.id,
        version: escalated.version,
        input: {
          occurredAt: '2026-11-24T09:30:00Z',
          agreedOutcome: 'The front door will open an assessment.',
          actions: [
            {
              description: 'Open the assessment',
              ownerId: cast.socialCare.manager.id,
              dueAt: '2026-11-27T17:00:00Z',
            },
          ],
        },
      },
      await as(cast.school.manager),
    );
    assert.equal(proposed.status, 'open');
    assert.deepEqual(proposed.resolution?.confirmations, []);
    await assert.rejects(
      runCaseAction(
        deps(),
        confirmOutcome,
        { id: raised.id, version: proposed.version, input: {} },
        await as(cast.school.practitioner),
      ),
      Forbidden,
      'the proposing side cannot confirm its own outcome',
    );
    const confirmed = await runCaseAction(
      deps(),
      confirmOutcome,
      { id: raised.id, version: proposed.version, input: {} },
      await as(cast.socialCare.manager),
    );
    assert.equal(confirmed.status, 'resolved');
    assert.equal(confirmed.stages.at(-1)?.outcome, 'resolved');

    const closed = await runCaseAction(
      deps(),
      close,
      {
        id: raised.id,
        version: confirmed.version,
        input: { lessons: [{ theme: 'training', text: 'Threshold training for schools.' }] },
      },
      await as(cast.socialCare.practitioner),
    );
    assert.equal(closed.status, 'closed');
    assert.deepEqual(
      closed.lessons.map(({ themes, text, source, recordedBy }) => ({
        themes,
        text,
        source,
        recordedBy,
      })),
      [
        {
          themes: ['training'],
          text: 'Threshold training for schools.',
          source: 'closed',
          recordedBy: cast.socialCare.practitioner.id,
        },
      ],
    );
  });

  test('a stale version is a conflict and nothing is stored', async () => {
    const raised = await raiseAs(cast.school.practitioner);
    await runCaseAction(
      deps(),
      recordDiscussion,
      {
        id: raised.id,
        version: raised.version,
        input: {
          occurredAt: '2026-11-24T08:00:00Z',
          mode: 'email',
          participants: [],
          summary: 'First write-up',
        },
      },
      await as(cast.school.practitioner),
    );
    await assert.rejects(
      runCaseAction(
        deps(),
        recordDiscussion,
        {
          id: raised.id,
          version: raised.version,
          input: {
            occurredAt: '2026-11-24T08:00:00Z',
            mode: 'email',
            participants: [],
            summary: 'Second write-up',
          },
        },
        await as(cast.school.practitioner),
      ),
      Conflict,
    );
    const view = await getDisagreement(deps(), raised.id, await as(cast.school.practitioner));
    assert.deepEqual(
      view.disagreement.records.map((r) => r.summary),
      ['First write-up'],
    );
  });

  test('what is not allowed now, or not well formed, is refused', async () => {
    const raised = await raiseAs(cast.school.practitioner);
    const ctx = await as(cast.school.manager);
    await assert.rejects(
      runCaseAction(
        deps(),
        escalate,
        { id: raised.id, version: 1, input: { occurredAt: '2026-11-25T09:00:00Z', reason: 'x' } },
        ctx,
      ),
      NotAllowedNow,
      'in the future',
    );
    await assert.rejects(
      runCaseAction(
        deps(),
        escalate,
        { id: raised.id, version: 1, input: { occurredAt: '2026-11-23T13:00:00Z', reason: 'x' } },
        ctx,
      ),
      NotAllowedNow,
      'before the stage started',
    );
    await assert.rejects(
      runCaseAction(
        deps(),
        escalate,
        {
          id: raised.id,
          version: 1,
          input: { occurredAt: '2026-11-24T09:00:00Z', reason: 'x', toStageKey: 'stage-9' },
        },
        ctx,
      ),
      Invalid,
    );
    await assert.rejects(
      runCaseAction(deps(), close, { id: raised.id, version: 1, input: { lessons: [] } }, ctx),
      NotAllowedNow,
      'only a resolved case closes',
    );
    await assert.rejects(
      raiseAs(cast.school.practitioner, { otherAgencyIds: [cast.school.agency.id] }),
      NotAllowedNow,
      'inside one agency',
    );
    await assert.rejects(
      raiseAs(cast.school.practitioner, { aboutConductOfProfessional: true }),
      /complaints/,
    );
    await assert.rejects(
      raiseAs(cast.school.practitioner, { pathway: 'front-door' }),
      Invalid,
      'a pathway that contradicts the category',
    );
    await assert.rejects(
      raiseAs(cast.school.practitioner, { raisedAt: '2014-06-01T10:00:00Z' }),
      NotAllowedNow,
      'before the working calendar begins',
    );
  });

  test('escalating past the last stage is not allowed now', async () => {
    let disagreement = await raiseAs(cast.school.practitioner, {
      raisedAt: '2026-11-02T09:00:00Z',
    });
    const manager = await as(cast.school.manager);
    for (const day of ['03', '04', '05']) {
      disagreement = await runCaseAction(
        deps(),
        escalate,
        {
          id: disagreement.id,
          version: disagreement.version,
          input: { occurredAt: `2026-11-${day}T09:00:00Z`, reason: 'Still no agreement' },
        },
        manager,
      );
    }
    assert.equal(disagreement.stages.at(-1)?.key, 'stage-3');
    assert.ok(
      disagreement.monitoringNotifiedAt,
      'entering stage 3 marks the monitoring team as to be told',
    );
    await assert.rejects(
      runCaseAction(
        deps(),
        escalate,
        {
          id: disagreement.id,
          version: disagreement.version,
          input: { occurredAt: '2026-11-06T09:00:00Z', reason: 'x' },
        },
        manager,
      ),
      NotAllowedNow,
    );
  });

  test('who may see and do what follows the access rules, in lists as in can()', async () => {
    const raised = await raiseAs(cast.school.practitioner, { otherPersonId: undefined });
    const everyone = [
      ...Object.values(cast.school).filter((value): value is Person => 'email' in value),
      ...Object.values(cast.socialCare).filter((value): value is Person => 'email' in value),
      cast.team,
      cast.admin,
    ];
    let compared = 0;
    for (const person of everyone) {
      const ctx = await as(person);
      const listed = (await listDisagreements(deps(), { limit: 200 }, ctx)).items.some(
        (item) => item.disagreement.id === raised.id,
      );
      const loaded = await context.database.db.transaction().execute(async (trx) => {
        const { disagreement, rules } = await loadVisibleCase(
          trx,
          raised.id,
          {
            ...ctx,
            actor: {
              ...(ctx.actor as NonNullable<typeof ctx.actor>),
              roles: new Set(['partnership-team']),
              partnershipId: raised.partnershipId,
            },
          },
          clock.now(),
        );
        return caseAccessOf(trx, disagreement, rules);
      });
      const visible = can(ctx.actor as NonNullable<typeof ctx.actor>, 'view', loaded);
      assert.equal(
        listed,
        visible,
        `${person.roles.join(',')} of ${person.agencyId === cast.school.agency.id ? 'the school' : person.agencyId ? 'social care' : 'no agency'}: listed ${listed}, can view ${visible}`,
      );
      if (!visible) await assert.rejects(getDisagreement(deps(), raised.id, ctx), NotFound);
      compared += 1;
    }
    assert.equal(compared, everyone.length);
    // Without a named other professional, social care's practitioner and manager do not see it; its senior manager and lead do.
    const socialCareSees = async (person: Person) =>
      (await listDisagreements(deps(), { limit: 200 }, await as(person))).items.some(
        (item) => item.disagreement.id === raised.id,
      );
    assert.equal(await socialCareSees(cast.socialCare.practitioner), false);
    assert.equal(await socialCareSees(cast.socialCare.senior), true);
    assert.equal(await socialCareSees(cast.socialCare.lead), true);
    assert.equal(await socialCareSees(cast.admin), false);
    await assert.rejects(
      runCaseAction(
        deps(),
        withdraw,
        { id: raised.id, version: raised.version, input: { reason: 'x' } },
        await as(cast.school.practitioner),
      ),
      Forbidden,
    );
    const withdrawn = await runCaseAction(
      deps(),
      withdraw,
      {
        id: raised.id,
        version: raised.version,
        input: { reason: 'My worker and I now agree with the front door' },
      },
      await as(cast.school.manager),
    );
    assert.equal(withdrawn.status, 'withdrawn');
  });

  test('the people the directory names for a stage can see the case from that stage on', async () => {
    const raised = await raiseAs(cast.school.practitioner, { otherPersonId: undefined });
    const sees = async (person: Person) =>
      (await listDisagreements(deps(), { limit: 200 }, await as(person))).items.some(
        (item) => item.disagreement.id === raised.id,
      );
    assert.equal(await sees(cast.socialCare.manager), false, 'nobody at social care is named yet');
    assert.equal(await sees(cast.socialCare.practitioner), false);
    await runCaseAction(
      deps(),
      escalate,
      {
        id: raised.id,
        version: raised.version,
        input: { occurredAt: '2026-11-24T09:00:00Z', reason: 'No agreement' },
      },
      await as(cast.school.manager),
    );
    assert.equal(
      await sees(cast.socialCare.manager),
      true,
      'stage 1 names the other agency’s managers',
    );
    assert.equal(
      await sees(cast.socialCare.practitioner),
      false,
      'the directory never picks a practitioner',
    );
  });

  test('an action is owned by someone of the agencies in the disagreement, never used to show the case to others', async () => {
    const raised = await raiseAs(cast.school.practitioner);
    const police = await anAgency(context.database, cast.partnershipId, { kind: 'police' });
    const officer = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      agencyId: police.id,
    });
    await assert.rejects(
      runCaseAction(
        deps(),
        addAction,
        {
          id: raised.id,
          version: raised.version,
          input: {
            description: 'Look into it',
            ownerId: officer.id,
            dueAt: '2026-11-30T17:00:00Z',
          },
        },
        await as(cast.school.practitioner),
      ),
      Invalid,
    );
    await assert.rejects(getDisagreement(deps(), raised.id, await as(officer)), NotFound);
  });

  test('with three agencies, one that confirmed cannot then reject; each of the others must confirm', async () => {
    const police = await anAgency(context.database, cast.partnershipId, { kind: 'police' });
    const sergeant = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      agencyId: police.id,
      roles: ['safeguarding-lead'],
    });
    let disagreement = await raiseAs(cast.school.practitioner, {
      otherAgencyIds: [cast.socialCare.agency.id, police.id],
    });
    disagreement = await runCaseAction(
      deps(),
      proposeOutcome,
      {
        id: disagreement.id,
        version: disagreement.version,
        input: { occurredAt: '2026-11-24T09:00:00Z', agreedOutcome: 'A joint visit', actions: [] },
      },
      await as(cast.school.practitioner),
    );
    disagreement = await runCaseAction(
      deps(),
      confirmOutcome,
      { id: disagreement.id, version: disagreement.version, input: {} },
      await as(cast.socialCare.practitioner),
    );
    assert.equal(disagreement.status, 'open', 'the police have not confirmed yet');
    await assert.rejects(
      runCaseAction(
        deps(),
        rejectOutcome,
        {
          id: disagreement.id,
          version: disagreement.version,
          input: { reason: 'Changed our mind' },
        },
        await as(cast.socialCare.practitioner),
      ),
      NotAllowedNow,
    );
    disagreement = await runCaseAction(
      deps(),
      confirmOutcome,
      { id: disagreement.id, version: disagreement.version, input: {} },
      await as(sergeant),
    );
    assert.equal(disagreement.status, 'resolved');
  });

  test('at East Riding’s first stage, inside the raising agency, no outcome can be proposed to the other agency yet', async () => {
    const eastRiding = await aDisagreementCast(context.database, { protocolId: 'east-riding' });
    const raised = await aCase(deps(), eastRiding, {
      raisedAt: '2026-11-23T14:00:00Z',
      children: [
        { firstName: 'Sam', lastName: 'Example', dateOfBirth: null, expectedDueDate: null },
      ],
      summary: 'x',
      impactOnChild: 'x',
      desiredOutcome: 'x',
      otherPerson: null,
    });
    await assert.rejects(
      runCaseAction(
        deps(),
        proposeOutcome,
        {
          id: raised.id,
          version: raised.version,
          input: { occurredAt: '2026-11-24T09:00:00Z', agreedOutcome: 'x', actions: [] },
        },
        await as(eastRiding.school.manager),
      ),
      NotAllowedNow,
    );
  });

  test('someone named on a case who moves to another agency no longer sees it; their new manager does not either', async () => {
    const police = await anAgency(context.database, cast.partnershipId, { kind: 'police' });
    const mover = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      agencyId: cast.socialCare.agency.id,
      lineManagerId: cast.socialCare.manager.id,
    });
    const raised = await raiseAs(cast.school.practitioner, { otherPersonId: mover.id });
    const sees = async (person: Person) =>
      (await listDisagreements(deps(), { limit: 200 }, await as(person))).items.some(
        (item) => item.disagreement.id === raised.id,
      );
    assert.equal(await sees(mover), true);
    await updatePerson(
      deps(),
      {
        personId: mover.id,
        name: mover.name,
        jobTitle: null,
        telephone: null,
        agencyId: police.id,
        teamId: null,
        regionId: null,
        lineManagerId: null,
        active: true,
      },
      await as(cast.team),
    );
    assert.equal(await sees(mover), false);
    await assert.rejects(getDisagreement(deps(), raised.id, await as(mover)), NotFound);
  });

  test('waiting for you lists the stages a person acts at, resolved from the directory', async () => {
    const raised = await raiseAs(cast.school.practitioner);
    const atStage1 = await runCaseAction(
      deps(),
      escalate,
      {
        id: raised.id,
        version: raised.version,
        input: { occurredAt: '2026-11-24T09:00:00Z', reason: 'No agreement' },
      },
      await as(cast.school.practitioner),
    );
    const reasonsOf = async (person: Person) =>
      (await waitingFor(deps(), await as(person))).find(
        (item) => item.disagreement.id === atStage1.id,
      )?.reasons ?? [];
    assert.deepEqual(await reasonsOf(cast.school.manager), [
      'Act at Stage 1 (Line managers): record, resolve or escalate',
    ]);
    assert.deepEqual(await reasonsOf(cast.socialCare.manager), [
      'Act at Stage 1 (Line managers): record, resolve or escalate',
    ]);
    assert.deepEqual(await reasonsOf(cast.school.practitioner), [], 'line managers act at stage 1');
    assert.deepEqual(await reasonsOf(cast.socialCare.senior), []);
  });

  test('a rejected outcome clears the proposal and its actions; the stage goes on', async () => {
    const raised = await raiseAs(cast.school.practitioner);
    const proposed = await runCaseAction(
      deps(),
      proposeOutcome,
      {
        id: raised.id,
        version: raised.version,
        input: {
          occurredAt: '2026-11-24T09:00:00Z',
          agreedOutcome: 'Nothing more to do',
          actions: [
            {
              description: 'Write to the school',
              ownerId: cast.socialCare.practitioner.id,
              dueAt: '2026-11-30T17:00:00Z',
            },
          ],
        },
      },
      await as(cast.socialCare.practitioner),
    );
    const waiting = await waitingFor(deps(), await as(cast.school.practitioner));
    assert.ok(
      waiting
        .find((item) => item.disagreement.id === raised.id)
        ?.reasons.includes('Confirm or reject the proposed outcome'),
    );
    const rejected = await runCaseAction(
      deps(),
      rejectOutcome,
      { id: raised.id, version: proposed.version, input: { reason: 'The child is still hungry' } },
      await as(cast.school.practitioner),
    );
    assert.equal(rejected.resolution, null);
    assert.deepEqual(rejected.actions, []);
    assert.equal(rejected.status, 'open');
  });

  test('a deadline to protect the child, and a change of working time, move the due time and say why', async () => {
    let disagreement = await raiseAs(cast.school.practitioner);
    disagreement = await runCaseAction(
      deps(),
      escalate,
      {
        id: disagreement.id,
        version: disagreement.version,
        input: { occurredAt: '2026-11-24T09:00:00Z', reason: 'No agreement' },
      },
      await as(cast.school.manager),
    );
    disagreement = await runCaseAction(
      deps(),
      setChildDeadline,
      {
        id: disagreement.id,
        version: disagreement.version,
        input: { dueAt: '2026-11-26T12:00:00Z', reason: 'Sam’s placement ends on Thursday' },
      },
      await as(cast.team),
    );
    assert.equal(disagreement.stages.at(-1)?.dueAt, '2026-11-26T12:00:00.000Z');
    await assert.rejects(
      runCaseAction(
        deps(),
        setChildDeadline,
        {
          id: disagreement.id,
          version: disagreement.version,
          input: { dueAt: '2026-11-23T13:59:00Z', reason: 'x' },
        },
        await as(cast.team),
      ),
      (error) =>
        error instanceof NotAllowedNow &&
        error.field === 'dueAt' &&
        /cannot be before the disagreement was raised \(2pm on Monday 23 November 2026\)/.test(
          error.message,
        ),
    );
    // A deadline already passed (from raising on) may be set: the stage is overdue at once.
    const passed = await runCaseAction(
      deps(),
      setChildDeadline,
      {
        id: disagreement.id,
        version: disagreement.version,
        input: { dueAt: '2026-11-24T09:00:00Z', reason: 'Logged late: 24 hours from the call' },
      },
      await as(cast.team),
    );
    assert.equal(passed.stages.at(-1)?.dueAt, '2026-11-24T09:00:00.000Z');
    assert.ok(isOverdue(passed, clock.now()), 'overdue at once');
    disagreement = await runCaseAction(
      deps(),
      setChildDeadline,
      {
        id: passed.id,
        version: passed.version,
        input: { dueAt: '2026-11-26T12:00:00Z', reason: 'Sam’s placement ends on Thursday' },
      },
      await as(cast.team),
    );

    const other = await runCaseAction(
      deps(),
      escalate,
      {
        id: (await raiseAs(cast.school.practitioner)).id,
        version: 1,
        input: { occurredAt: '2026-11-24T09:00:00Z', reason: 'No agreement' },
      },
      await as(cast.school.manager),
    );
    assert.equal(other.stages.at(-1)?.dueAt, '2026-12-01T17:00:00.000Z');
    await addClosureDay(
      deps(),
      { date: '2026-11-27', name: 'Partnership training day' },
      await as(cast.team),
    );
    const moved = (await getDisagreement(deps(), other.id, await as(cast.team))).disagreement;
    assert.equal(moved.stages.at(-1)?.dueAt, '2026-12-02T17:00:00.000Z');
    assert.match(moved.history.at(-1)?.text ?? '', /Partnership training day|27 November/);
    assert.match(moved.history.at(-1)?.text ?? '', /now due by 5pm on Wednesday 2 December 2026/);
    await setWorkingTime(
      deps(),
      { region: 'england-and-wales', workingHours: { start: '09:00', end: '16:00' } },
      await as(cast.team),
    );
    const shorter = (await getDisagreement(deps(), other.id, await as(cast.team))).disagreement;
    assert.equal(shorter.stages.at(-1)?.dueAt, '2026-12-02T16:00:00.000Z');
    assert.equal(shorter.stages[0]?.dueAt, null, 'an ended stage keeps its due time');
  });
});
