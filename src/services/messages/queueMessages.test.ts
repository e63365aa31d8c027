import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { aCase, aDisagreementCast, type Cast, contextOf } from '../../../test/factories.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';
import { outboxRepository } from '../../db/repositories/outboxRepository.ts';
import { fixedClock } from '../../domain/clock.ts';
import type { Person } from '../../domain/directory/directory.ts';
import { addAction } from '../../domain/disagreement/actions/addAction.ts';
import { arrangeMeeting } from '../../domain/disagreement/actions/arrangeMeeting.ts';
import { escalate } from '../../domain/disagreement/actions/escalate.ts';
import { recordDiscussion } from '../../domain/disagreement/actions/recordDiscussion.ts';
import { tellNextLevel } from '../../domain/disagreement/actions/tellNextLevel.ts';
import { withdraw } from '../../domain/disagreement/actions/withdraw.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { NotAllowedNow } from '../../domain/errors.ts';
import { chooseDailyDigest } from '../notificationPreferences.ts';
import { remindDeadlines } from '../remindDeadlines.ts';
import { runCaseAction } from '../runCaseAction.ts';
import { sendDigests } from '../sendDigests.ts';

// Who may hear of a case is who may see it, for every message: East Riding's stage 1 is the
// raising agency's alone, so nothing about it reaches the other agency until stage 2.

describeOnEachDatabase('who hears of a case', (context) => {
  let cast: Cast;
  before(async () => {
    cast = await aDisagreementCast(context.database, { protocolId: 'east-riding' });
  });

  test('East Riding’s stage 1 reaches nobody in the other agency by any message, urgent or not', async () => {
    // Tuesday 24 November 2026, 10:00: an urgent case raised at 9am, at stage 1.
    const clock = fixedClock('2026-11-24T10:00:00Z');
    const deps = { database: context.database, clock, baseUrl: 'https://accord.example.org' };
    let disagreement: Disagreement = await aCase(deps, cast, {
      raisedAt: '2026-11-24T09:00:00Z',
      urgent: true,
    });
    assert.equal(disagreement.stages.at(-1)?.key, 'stage-1');
    const act = async (
      run: (request: { id: string; version: number }) => Promise<Disagreement>,
    ) => {
      disagreement = await run({ id: disagreement.id, version: disagreement.version });
    };
    const school = await contextOf(context.database, cast.school.manager);
    await act((request) =>
      runCaseAction(
        deps,
        recordDiscussion,
        {
          ...request,
          input: {
            occurredAt: '2026-11-24T09:30:00Z',
            mode: 'face-to-face',
            participants: ['The practitioner and their manager'],
            summary: 'Clarified what the disagreement is about.',
          },
        },
        school,
      ),
    );
    // Nobody of the other agency may own an action at stage 1: they cannot see the case yet.
    await assert.rejects(
      runCaseAction(
        deps,
        addAction,
        {
          id: disagreement.id,
          version: disagreement.version,
          input: {
            description: 'Send the referral again',
            ownerId: cast.socialCare.practitioner.id,
            dueAt: '2026-11-26T17:00:00Z',
          },
        },
        school,
      ),
      (error) => error instanceof NotAllowedNow && error.field === 'ownerId',
    );
    // An action of the raising agency's own, whose reminders and overdue prompts follow.
    await act((request) =>
      runCaseAction(
        deps,
        addAction,
        {
          ...request,
          input: {
            description: 'Ask the designated safeguarding lead',
            ownerId: cast.school.practitioner.id,
            dueAt: '2026-11-26T17:00:00Z',
          },
        },
        school,
      ),
    );
    // Stage 1 calls for no chaired meeting, so no invitation can go to anyone.
    await assert.rejects(
      runCaseAction(
        deps,
        arrangeMeeting,
        {
          id: disagreement.id,
          version: disagreement.version,
          input: {
            chairId: cast.school.senior.id,
            startsAt: '2026-11-25T10:00:00Z',
            endsAt: '2026-11-25T11:00:00Z',
            place: 'Room 1',
            attendeeIds: [cast.socialCare.practitioner.id],
          },
        },
        school,
      ),
      NotAllowedNow,
    );
    // The reminders, the overdue prompts and the next level's alerts as the days pass.
    for (const at of ['2026-11-25T09:00:00Z', '2026-11-26T17:30:00Z', '2026-11-30T09:00:00Z']) {
      clock.set(at);
      await remindDeadlines(deps);
    }
    clock.set('2026-12-01T17:30:00Z');
    await remindDeadlines(deps);
    await act((request) => runCaseAction(deps, tellNextLevel, { ...request, input: {} }, school));
    await act((request) =>
      runCaseAction(
        deps,
        withdraw,
        { ...request, input: { reason: 'Resolved inside the school' } },
        school,
      ),
    );

    const queued = await outboxRepository(context.database.db).forDisagreement(disagreement.id);
    const otherAgency = new Set(
      Object.values(cast.socialCare)
        .filter((value) => 'email' in value)
        .map((person) => (person as { email: string }).email),
    );
    const kinds = (to: string) =>
      queued.filter((row) => row.recipient === to).map((row) => row.kind);
    // The messages went where they should, so their absence elsewhere means something.
    assert.deepEqual(kinds(cast.school.lead.email), ['urgentRaised']);
    assert.ok(
      queued.some((row) => row.kind.startsWith('action')),
      `the action's messages were queued: ${queued.map((row) => row.kind).join(', ')}`,
    );
    assert.ok(kinds(cast.school.practitioner.email).includes('stageOverdue'));
    assert.ok(queued.some((row) => row.kind === 'nextLevelAlert'));
    assert.deepEqual(
      queued
        .filter((row) => otherAgency.has(row.recipient))
        .map((row) => `${row.kind} to ${row.recipient}`),
      [],
    );
  });
  test('East Riding’s stage 1 puts nothing in the other agency’s morning summary; stage 2 does', async () => {
    const clock = fixedClock('2026-11-24T10:00:00Z');
    const deps = { database: context.database, clock, baseUrl: 'https://accord.example.org' };
    const everyone = (agency: Cast['school']) =>
      Object.values(agency).filter((value): value is Person => 'email' in value);
    for (const person of [...everyone(cast.socialCare), cast.school.manager]) {
      await chooseDailyDigest(deps, true, await contextOf(context.database, person));
    }
    let disagreement = await aCase(deps, cast, { raisedAt: '2026-11-24T09:00:00Z' });
    const school = await contextOf(context.database, cast.school.practitioner);
    disagreement = await runCaseAction(
      deps,
      recordDiscussion,
      {
        id: disagreement.id,
        version: disagreement.version,
        input: {
          occurredAt: '2026-11-24T09:30:00Z',
          mode: 'phone',
          participants: ['The practitioner and their manager'],
          summary: 'Clarified the concern.',
        },
      },
      school,
    );
    // An action of the manager's, whose reminder is routine news for the morning summary.
    disagreement = await runCaseAction(
      deps,
      addAction,
      {
        id: disagreement.id,
        version: disagreement.version,
        input: {
          description: 'Talk it through',
          ownerId: cast.school.manager.id,
          dueAt: '2026-11-26T17:00:00Z',
        },
      },
      school,
    );
    const digestsTo = async (people: readonly Person[]) => {
      const addresses = new Set(people.map((person) => person.email));
      const rows = await context.database.db
        .selectFrom('outbox')
        .select(['recipient', 'kind'])
        .where('kind', '=', 'digest')
        .execute();
      return rows.filter((row) => addresses.has(row.recipient)).length;
    };
    // The next morning's summaries: the school's manager has one, the other agency none.
    clock.set('2026-11-25T09:00:00Z');
    await remindDeadlines(deps);
    clock.set('2026-11-25T09:45:00Z');
    await sendDigests(deps);
    assert.equal(await digestsTo([cast.school.manager]), 1, 'the summaries went out');
    assert.equal(await digestsTo(everyone(cast.socialCare)), 0);
    assert.deepEqual(
      (await outboxRepository(context.database.db).forDisagreement(disagreement.id))
        .filter((row) => everyone(cast.socialCare).some((person) => person.email === row.recipient))
        .map((row) => row.kind),
      [],
    );
    // At stage 2 the other agency hears of it, in its next summary.
    await runCaseAction(
      deps,
      escalate,
      {
        id: disagreement.id,
        version: disagreement.version,
        input: { occurredAt: '2026-11-25T09:40:00Z', reason: 'No agreement within the school' },
      },
      school,
    );
    clock.set('2026-11-26T09:45:00Z');
    await sendDigests(deps);
    assert.ok((await digestsTo(everyone(cast.socialCare))) > 0, 'stage 2 reaches the other agency');
  });
});

describeOnEachDatabase('what a message says of who acted', (context) => {
  test('a withdrawal by the partnership team names them, not "Someone"', async () => {
    const cast = await aDisagreementCast(context.database);
    const clock = fixedClock('2026-11-24T10:00:00Z');
    const deps = { database: context.database, clock, baseUrl: 'https://accord.example.org' };
    const raised = await aCase(deps, cast, { raisedAt: '2026-11-24T09:00:00Z' });
    await runCaseAction(
      deps,
      withdraw,
      { id: raised.id, version: raised.version, input: { reason: 'Raised in error' } },
      await contextOf(context.database, cast.team),
    );
    const told = (await outboxRepository(context.database.db).forDisagreement(raised.id)).filter(
      (row) => row.kind === 'withdrawn',
    );
    assert.ok(told.length > 0);
    for (const row of told) {
      assert.match(row.body, new RegExp(`${cast.team.name} \\(the partnership team\\)`));
      assert.doesNotMatch(row.body, /Someone/);
    }
  });
});
