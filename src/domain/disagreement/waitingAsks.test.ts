import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aDomainCase, aDomainCast, applied } from '../../../test/domainCases.ts';
import { actorOf } from '../access/can.ts';
import { escalate } from './actions/escalate.ts';
import { proposeOutcome } from './actions/proposeOutcome.ts';
import { otherSideInWords } from './otherSide.ts';
import { waitingAsks } from './waitingAsks.ts';

const cast = aDomainCast();
const raisedAt = Temporal.Instant.from('2026-11-23T14:00:00Z');
const { disagreement: raised, rules } = aDomainCase(cast, {
  raisedAt,
  now: Temporal.Instant.from('2026-11-26T09:00:00Z'),
});
const atStage1 = applied(
  cast,
  raised,
  rules,
  escalate,
  { occurredAt: '2026-11-24T09:00:00Z', reason: 'No agreement' },
  cast.school.practitioner,
).disagreement;
const directory = { people: cast.people, agencies: cast.agencies };
const asksOf = (disagreement: typeof atStage1, person: (typeof cast.people)[number]) =>
  waitingAsks(disagreement, rules, actorOf(person), directory).map(({ group, action, dueAt }) => ({
    group,
    action,
    dueAt,
  }));

test('each side’s line manager acts at stage 1, by its due time; nobody else is asked', () => {
  const due = atStage1.stages.at(-1)?.dueAt ?? null;
  for (const manager of [cast.school.manager, cast.socialCare.manager]) {
    assert.deepEqual(asksOf(atStage1, manager), [
      {
        group: 'stage',
        action: 'Act at Stage 1 (Line managers): record, resolve or escalate',
        dueAt: due,
      },
    ]);
  }
  assert.deepEqual(asksOf(atStage1, cast.school.practitioner), []);
  assert.deepEqual(asksOf(atStage1, cast.team), []);
});

test('a proposed outcome asks the other agency to confirm, and each owner to act', () => {
  const proposed = applied(
    cast,
    atStage1,
    rules,
    proposeOutcome,
    {
      occurredAt: '2026-11-25T09:00:00Z',
      agreedOutcome: 'An assessment starts',
      actions: [
        {
          description: 'Share the attendance record',
          ownerId: cast.school.lead.id,
          dueAt: '2026-12-04T17:00:00Z',
        },
      ],
    },
    cast.socialCare.manager,
  ).disagreement;
  assert.deepEqual(
    asksOf(proposed, cast.school.lead).map((ask) => [ask.group, ask.action, ask.dueAt]),
    [
      ['confirm', 'Confirm or reject the proposed outcome', proposed.stages.at(-1)?.dueAt],
      ['actions', 'Complete your action: Share the attendance record', '2026-12-04T17:00:00.000Z'],
    ],
  );
  assert.deepEqual(
    asksOf(proposed, cast.school.manager),
    [
      {
        group: 'confirm',
        action: 'Confirm or reject the proposed outcome',
        dueAt: proposed.stages.at(-1)?.dueAt ?? null,
      },
    ],
    'with an outcome proposed, the stage asks for nothing else',
  );
  assert.deepEqual(asksOf(proposed, cast.socialCare.manager), [], 'their agency proposed it');
});

test('the other agency as each side sees it', () => {
  const names = new Map(cast.agencies.map((agency) => [agency.id, agency.name]));
  const nameOf = (id: string) => names.get(id) ?? '';
  const school = cast.school.manager.agencyId;
  const socialCare = cast.socialCare.manager.agencyId;
  assert.equal(otherSideInWords(atStage1, school, nameOf), 'with Riverside Social Care');
  assert.equal(otherSideInWords(atStage1, socialCare, nameOf), 'raised by Brookside School');
  assert.equal(
    otherSideInWords(atStage1, null, nameOf),
    'between Brookside School and Riverside Social Care',
  );
});

test('an agreed action is asked for only while its case is open or resolved', () => {
  const withAction = applied(
    cast,
    atStage1,
    rules,
    proposeOutcome,
    {
      occurredAt: '2026-11-25T09:00:00Z',
      agreedOutcome: 'An assessment starts',
      actions: [
        {
          description: 'Share the attendance record',
          ownerId: cast.school.lead.id,
          dueAt: '2026-12-04T17:00:00Z',
        },
      ],
    },
    cast.socialCare.manager,
  ).disagreement;
  const actionsAsked = (status: typeof withAction.status) =>
    asksOf({ ...withAction, status }, cast.school.lead).filter((ask) => ask.group === 'actions');
  assert.equal(actionsAsked('open').length, 1);
  assert.equal(actionsAsked('resolved').length, 1);
  // An ended case's actions can no longer be marked done: asking for them offers what is refused.
  assert.deepEqual(actionsAsked('closed'), []);
  assert.deepEqual(actionsAsked('withdrawn'), []);
});
