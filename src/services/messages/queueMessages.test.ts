import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { aCase, aDisagreementCast, type Cast, contextOf } from '../../../test/factories.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';
import { outboxRepository } from '../../db/repositories/outboxRepository.ts';
import { fixedClock } from '../../domain/clock.ts';
import { addAction } from '../../domain/disagreement/actions/addAction.ts';
import { recordDiscussion } from '../../domain/disagreement/actions/recordDiscussion.ts';
import { tellNextLevel } from '../../domain/disagreement/actions/tellNextLevel.ts';
import { withdraw } from '../../domain/disagreement/actions/withdraw.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { remindDeadlines } from '../remindDeadlines.ts';
import { runCaseAction } from '../runCaseAction.ts';

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
    // An action owned by someone of the other agency still tells them nothing at stage 1.
    await act((request) =>
      runCaseAction(
        deps,
        addAction,
        {
          ...request,
          input: {
            description: 'Send the referral again',
            ownerId: cast.socialCare.practitioner.id,
            dueAt: '2026-11-26T17:00:00Z',
          },
        },
        school,
      ),
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
    assert.ok(kinds(cast.school.practitioner.email).includes('stageOverdue'));
    assert.ok(queued.some((row) => row.kind === 'nextLevelAlert'));
    assert.deepEqual(
      queued
        .filter((row) => otherAgency.has(row.recipient))
        .map((row) => `${row.kind} to ${row.recipient}`),
      [],
    );
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
