import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  aDomainCase,
  aDomainCast,
  applied,
  type DomainCast,
} from '../../../../test/domainCases.ts';
import { inLondon, london } from '../../../../test/londonTime.ts';
import { Invalid, NotAllowedNow } from '../../errors.ts';
import type { CaseRules, Disagreement } from '../disagreement.ts';
import { addAction } from './addAction.ts';
import { arrangeMeeting } from './arrangeMeeting.ts';
import { close } from './close.ts';
import { confirmOutcome } from './confirmOutcome.ts';
import { escalate } from './escalate.ts';
import { proposeOutcome } from './proposeOutcome.ts';
import { rejectOutcome } from './rejectOutcome.ts';
import { setChildDeadline } from './setChildDeadline.ts';
import { tellNextLevel } from './tellNextLevel.ts';
import { withdraw } from './withdraw.ts';

// The commands without a database: each returns the changed case and the events it caused.

// Monday 23 November 2026, 2pm: raised; the case is worked on the next morning.
const raisedAt = london('2026-11-23T14:00');
const now = london('2026-11-24T10:00');
const dueInLondon = (iso: string | null | undefined) =>
  inLondon(iso ? Temporal.Instant.from(iso) : null);

function raisedCase(options: Parameters<typeof aDomainCase>[1] = { raisedAt, now }) {
  const cast = aDomainCast();
  const { disagreement, events, rules } = aDomainCase(cast, options);
  return { cast, disagreement, events, rules };
}

function atStageOne(cast: DomainCast, disagreement: Disagreement, rules: CaseRules) {
  return applied(
    cast,
    disagreement,
    rules,
    escalate,
    {
      occurredAt: london('2026-11-24T09:00').toString(),
      reason: 'No agreement between practitioners',
    },
    cast.school.manager,
  );
}

describe('raising and escalating', () => {
  test('raising opens the first stage and tells of it: the other agencies are involved from the start', () => {
    const { disagreement, events } = raisedCase();
    assert.equal(disagreement.version, 1);
    assert.equal(disagreement.stages[0]?.key, 'initial');
    assert.deepEqual(
      events.map((event) => event.type),
      ['DisagreementRaised', 'StageEntered', 'OtherAgenciesInvolved'],
    );
    assert.deepEqual(disagreement.stages[0]?.dueReasons, {
      explanation: 'No set timescale',
      parts: [],
      met: null,
    });
  });

  test('in East Riding the other agency is involved only when stage 2 begins', () => {
    const cast = aDomainCast();
    const raised = aDomainCase(cast, { protocolId: 'east-riding', raisedAt, now });
    assert.deepEqual(
      raised.events.map((event) => event.type),
      ['DisagreementRaised', 'StageEntered'],
    );
    const second = applied(
      cast,
      raised.disagreement,
      raised.rules,
      escalate,
      {
        occurredAt: london('2026-11-24T09:00').toString(),
        reason: 'Clarified with my manager',
      },
      cast.school.manager,
    );
    assert.deepEqual(
      second.events.map((event) => event.type),
      ['StageEntered', 'OtherAgenciesInvolved'],
    );
  });

  test('escalating keeps the new stage’s due time with the reasons it was worked out from', () => {
    const { cast, disagreement, rules } = raisedCase();
    const { disagreement: escalated, events } = atStageOne(cast, disagreement, rules);
    const stage = escalated.stages.at(-1);
    assert.equal(escalated.version, 2);
    assert.deepEqual(events, [{ type: 'StageEntered', stageIndex: 1 }]);
    assert.equal(dueInLondon(stage?.dueAt), '2026-12-01T17:00');
    assert.deepEqual(
      stage?.dueReasons?.parts.map((part) => [part.kind, dueInLondon(part.dueAt)]),
      [
        ['stage', '2026-12-01T17:00'],
        ['cap', '2026-12-15T17:00'],
      ],
    );
    assert.match(stage?.dueReasons?.explanation ?? '', /^5 working days from Tuesday 24 November/);
    assert.equal(escalated.stages[0]?.outcome, 'escalated');
  });

  test('reaching the monitoring stage tells the monitoring team, once', () => {
    const { cast, disagreement, rules } = raisedCase({
      raisedAt,
      now: london('2026-11-27T10:00'),
    });
    let current = atStageOne(cast, disagreement, rules).disagreement;
    const eventsOf: string[][] = [];
    for (const [at, to] of [
      ['2026-11-25T09:00', undefined],
      ['2026-11-26T09:00', undefined],
    ] as const) {
      const step = applied(
        cast,
        current,
        rules,
        escalate,
        {
          occurredAt: london(at).toString(),
          reason: 'Still no agreement',
          ...(to ? { toStageKey: to } : {}),
        },
        cast.school.senior,
      );
      eventsOf.push(step.events.map((event) => event.type));
      current = step.disagreement;
    }
    assert.deepEqual(eventsOf, [['StageEntered'], ['StageEntered', 'MonitoringStageReached']]);
    assert.ok(current.monitoringNotifiedAt);
    assert.equal(current.history.at(-1)?.kind, 'monitoring-notified');
  });

  test('an escalation dated before the stage began, or past the last stage, is refused', () => {
    const { cast, disagreement, rules } = raisedCase();
    assert.throws(
      () =>
        applied(
          cast,
          disagreement,
          rules,
          escalate,
          {
            occurredAt: london('2026-11-23T13:00').toString(),
            reason: 'x',
          },
          cast.school.manager,
        ),
      (error) => error instanceof NotAllowedNow && error.field === 'occurredAt',
    );
    assert.throws(
      () =>
        applied(
          cast,
          disagreement,
          rules,
          escalate,
          {
            occurredAt: london('2026-11-24T09:00').toString(),
            reason: 'x',
            toStageKey: 'no-such-stage',
          },
          cast.school.manager,
        ),
      Invalid,
    );
  });
});

/** The school's practitioner proposes an outcome with one action for social care's manager. */
function anOutcomeProposed(cast: DomainCast, disagreement: Disagreement, rules: CaseRules) {
  return applied(
    cast,
    disagreement,
    rules,
    proposeOutcome,
    {
      occurredAt: london('2026-11-24T09:30').toString(),
      agreedOutcome: 'An assessment will be opened.',
      actions: [
        {
          description: 'Open the assessment',
          ownerId: cast.socialCare.manager.id,
          dueAt: london('2026-11-27T17:00').toString(),
        },
      ],
    },
    cast.school.practitioner,
  );
}

describe('agreeing an outcome', () => {
  test('a proposed outcome waits for the other agency; its confirmation resolves the case', () => {
    const { cast, disagreement, rules } = raisedCase();
    const proposed = anOutcomeProposed(cast, disagreement, rules);
    assert.equal(proposed.events[0]?.type, 'OutcomeProposed');
    assert.equal(proposed.disagreement.resolution?.proposedByAgencyId, cast.agencies[0]?.id);
    assert.equal(proposed.disagreement.actions.length, 1);

    const confirmed = applied(
      cast,
      proposed.disagreement,
      rules,
      confirmOutcome,
      {},
      cast.socialCare.manager,
    );
    assert.deepEqual(
      confirmed.events.map((event) => event.type),
      ['OutcomeConfirmed', 'DisagreementResolved'],
    );
    assert.equal(confirmed.disagreement.status, 'resolved');
    assert.equal(confirmed.disagreement.stages.at(-1)?.outcome, 'resolved');
  });

  test('a rejected outcome takes its actions with it, and the stage goes on', () => {
    const { cast, disagreement, rules } = raisedCase();
    const proposed = anOutcomeProposed(cast, disagreement, rules).disagreement;
    const rejected = applied(
      cast,
      proposed,
      rules,
      rejectOutcome,
      {
        reason: 'It does not meet the child’s needs',
      },
      cast.socialCare.manager,
    );
    assert.equal(rejected.disagreement.resolution, null);
    assert.deepEqual(rejected.disagreement.actions, []);
    assert.equal(rejected.disagreement.status, 'open');
    assert.deepEqual(rejected.events, [
      { type: 'OutcomeRejected', proposalId: proposed.resolution?.id },
    ]);
  });

  test('an action’s owner must work for an agency in the disagreement', () => {
    const { cast, disagreement, rules } = raisedCase();
    assert.throws(
      () =>
        applied(
          cast,
          disagreement,
          rules,
          addAction,
          {
            description: 'Call the family',
            ownerId: cast.team.id,
            dueAt: london('2026-11-27T17:00').toString(),
          },
          cast.school.practitioner,
        ),
      (error) => error instanceof Invalid && error.errors[0]?.path === 'ownerId',
    );
  });

  test('an action’s owner must see the case now: not the other agency at East Riding’s stage 1', () => {
    const { cast, disagreement, rules } = raisedCase({ raisedAt, now, protocolId: 'east-riding' });
    assert.equal(disagreement.stages.at(-1)?.key, 'stage-1');
    const addFor = (ownerId: string) =>
      applied(
        cast,
        disagreement,
        rules,
        addAction,
        { description: 'Call back', ownerId, dueAt: london('2026-11-27T17:00').toString() },
        cast.school.practitioner,
      );
    for (const owner of [cast.socialCare.practitioner, cast.socialCare.manager]) {
      assert.throws(
        () => addFor(owner.id),
        (error) => error instanceof NotAllowedNow && error.field === 'ownerId',
        owner.name,
      );
    }
    assert.throws(
      () =>
        applied(
          cast,
          disagreement,
          rules,
          proposeOutcome,
          {
            occurredAt: now.toString(),
            agreedOutcome: 'Agreed inside the school',
            actions: [
              {
                description: 'Call back',
                ownerId: cast.socialCare.practitioner.id,
                dueAt: london('2026-11-27T17:00').toString(),
              },
            ],
          },
          cast.school.manager,
        ),
      (error) => error instanceof NotAllowedNow && error.field === 'actions.0.ownerId',
    );
    assert.equal(addFor(cast.school.manager.id).disagreement.actions.length, 1);
  });

  test('only a resolved case closes, and only with the partnership’s own lesson themes', () => {
    const { cast, disagreement, rules } = raisedCase();
    assert.throws(
      () => applied(cast, disagreement, rules, close, { lessons: [] }, cast.school.practitioner),
      NotAllowedNow,
    );
    const resolved = { ...disagreement, status: 'resolved' as const };
    const closed = applied(
      cast,
      resolved,
      rules,
      close,
      {
        lessons: [{ theme: 'training', text: 'Threshold training for new staff' }],
      },
      cast.school.practitioner,
    );
    assert.deepEqual(closed.events, [{ type: 'DisagreementClosed', lessons: 1 }]);
    assert.equal(closed.disagreement.status, 'closed');
    assert.deepEqual(closed.disagreement.lessons[0]?.themes, ['training']);
    const twoThemes = applied(
      cast,
      resolved,
      rules,
      close,
      { lessons: [{ themes: ['commissioning', 'training'], text: 'Commission training' }] },
      cast.school.practitioner,
    );
    assert.deepEqual(twoThemes.disagreement.lessons[0]?.themes, ['commissioning', 'training']);
    assert.throws(
      () =>
        applied(
          cast,
          resolved,
          rules,
          close,
          { lessons: [{ themes: ['training', 'training'], text: 'Twice' }] },
          cast.school.practitioner,
        ),
      /must name each theme once/,
    );
    // Lessons referred while it ran count too: twenty in all, however given.
    const lesson = { themes: ['training' as const], text: 'A lesson' };
    const nineteen = applied(
      cast,
      resolved,
      rules,
      close,
      { lessons: Array.from({ length: 19 }, () => lesson) },
      cast.school.practitioner,
    ).disagreement.lessons;
    const withNineteen = { ...resolved, lessons: nineteen };
    assert.throws(
      () =>
        applied(
          cast,
          withNineteen,
          rules,
          close,
          { lessons: [lesson, lesson] },
          cast.school.practitioner,
        ),
      (error) =>
        error instanceof Invalid && /give 1 more at most/.test(error.errors[0]?.message ?? ''),
    );
    assert.equal(
      applied(cast, withNineteen, rules, close, { lessons: [lesson] }, cast.school.practitioner)
        .disagreement.lessons.length,
      20,
    );
  });
});

describe('deadlines, withdrawal and the next level', () => {
  test('a deadline to protect the child moves the open stage’s due time, with its reason kept', () => {
    const { cast, disagreement, rules } = raisedCase();
    const atOne = atStageOne(cast, disagreement, rules).disagreement;
    const set = applied(
      cast,
      atOne,
      rules,
      setChildDeadline,
      {
        dueAt: london('2026-11-26T12:00').toString(),
        reason: 'The child’s review is on Thursday',
      },
      cast.school.manager,
    );
    const stage = set.disagreement.stages.at(-1);
    assert.equal(dueInLondon(stage?.dueAt), '2026-11-26T12:00');
    assert.equal(stage?.dueReasons?.parts[0]?.kind, 'child-deadline');
    assert.deepEqual(set.events, [{ type: 'ChildDeadlineSet' }]);
  });

  test('a withdrawal says whether the other agency knew of the disagreement', () => {
    const { cast, disagreement, rules } = raisedCase();
    const withdrawn = applied(
      cast,
      disagreement,
      rules,
      withdraw,
      { reason: 'Settled' },
      cast.school.manager,
    );
    assert.deepEqual(withdrawn.events, [
      { type: 'DisagreementWithdrawn', otherAgenciesKnew: true },
    ]);
    assert.equal(withdrawn.disagreement.status, 'withdrawn');
    assert.equal(withdrawn.disagreement.stages.at(-1)?.outcome, 'withdrawn');
  });

  test('the next level is told only of an overdue stage, and only those who may see the case', () => {
    const { cast, disagreement, rules } = raisedCase();
    const atOne = atStageOne(cast, disagreement, rules).disagreement;
    assert.throws(
      () => applied(cast, atOne, rules, tellNextLevel, {}, cast.school.manager),
      NotAllowedNow,
    );
    const late = { ...rules, now: london('2026-12-02T10:00') };
    const told = applied(cast, atOne, late, tellNextLevel, {}, cast.school.manager);
    const event = told.events[0];
    assert.equal(event?.type, 'NextLevelTold');
    assert.deepEqual(
      event?.type === 'NextLevelTold' ? [...event.personIds].sort() : [],
      [cast.school.senior.id, cast.socialCare.senior.id].sort(),
    );
  });

  test('a meeting is arranged only where the stage calls for one', () => {
    const { cast, disagreement, rules } = raisedCase();
    assert.throws(
      () =>
        applied(
          cast,
          disagreement,
          rules,
          arrangeMeeting,
          {
            chairId: cast.team.id,
            startsAt: london('2026-11-25T10:00').toString(),
            endsAt: london('2026-11-25T11:00').toString(),
            place: 'Room 1',
            attendeeIds: [],
          },
          cast.school.manager,
        ),
      (error) =>
        error instanceof NotAllowedNow && /does not call for a chaired meeting/.test(error.message),
    );
  });
});
