import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aDomainCase, aDomainCast, applied } from '../../../test/domainCases.ts';
import { london } from '../../../test/londonTime.ts';
import { escalate } from './actions/escalate.ts';
import { proposeOutcome } from './actions/proposeOutcome.ts';
import {
  awaitingConfirmationFrom,
  currentStage,
  isOverdue,
  nextStages,
  otherSideCanSee,
  partyAgencyIds,
  stageInForceAt,
  stageLabel,
} from './disagreement.ts';

// What can be asked of a case, without a database.

const raisedAt = london('2026-11-23T14:00');
const now = london('2026-11-24T10:00');

function atStageOne() {
  const cast = aDomainCast();
  const raised = aDomainCase(cast, { raisedAt, now });
  const escalated = applied(
    cast,
    raised.disagreement,
    raised.rules,
    escalate,
    {
      occurredAt: london('2026-11-24T09:00').toString(),
      reason: 'No agreement',
    },
    cast.school.manager,
  ).disagreement;
  return { cast, rules: raised.rules, raised: raised.disagreement, escalated };
}

describe('a case’s stages', () => {
  test('the current stage is the last one entered, until it ends', () => {
    const { escalated } = atStageOne();
    assert.equal(currentStage(escalated)?.key, 'stage-1');
    const ended = {
      ...escalated,
      stages: escalated.stages.map((stage) => ({ ...stage, endedAt: stage.startedAt })),
    };
    assert.equal(currentStage(ended), null);
  });

  test('the stage in force at an instant is the last one started by then', () => {
    const { escalated } = atStageOne();
    assert.equal(stageInForceAt(escalated, london('2026-11-23T15:00').toString()).key, 'initial');
    assert.equal(stageInForceAt(escalated, london('2026-11-24T09:00').toString()).key, 'stage-1');
    assert.equal(
      stageInForceAt(escalated, london('2026-11-20T09:00').toString()).key,
      'initial',
      'before it was raised, the first',
    );
  });

  test('overdue is an open case past its current stage’s due time, and never a closed one', () => {
    const { escalated } = atStageOne();
    assert.equal(isOverdue(escalated, london('2026-12-01T16:59')), false);
    assert.equal(isOverdue(escalated, london('2026-12-01T17:01')), true);
    assert.equal(
      isOverdue({ ...escalated, status: 'withdrawn' }, london('2026-12-02T09:00')),
      false,
    );
  });

  test('where the case may go next: the next stage, and none once it is not open', () => {
    const { escalated, rules } = atStageOne();
    assert.deepEqual(
      nextStages(escalated, rules).map((stage) => stage.key),
      ['stage-2'],
    );
    assert.deepEqual(nextStages({ ...escalated, status: 'resolved' }, rules), []);
  });

  test('a stage is named as its protocol names it', () => {
    const { rules } = atStageOne();
    assert.equal(stageLabel(rules, rules.ladder.stages[1]), 'Stage 1 (Line managers)');
    assert.equal(stageLabel(rules, undefined), 'an unknown stage');
  });
});

describe('the agencies of a case', () => {
  test('the raiser’s agency first, then the others; the other side sees it from a both-sides stage', () => {
    const { cast, raised, rules } = atStageOne();
    assert.deepEqual(
      partyAgencyIds(raised),
      cast.agencies.map((agency) => agency.id),
    );
    assert.equal(otherSideCanSee(raised, rules.ladder), true);
    const eastRiding = aDomainCase(aDomainCast(), { protocolId: 'east-riding', raisedAt, now });
    assert.equal(otherSideCanSee(eastRiding.disagreement, eastRiding.rules.ladder), false);
  });

  test('a proposed outcome waits for every party agency but the proposer’s', () => {
    const { cast, escalated, rules } = atStageOne();
    assert.deepEqual(awaitingConfirmationFrom(escalated), []);
    const proposed = applied(
      cast,
      escalated,
      rules,
      proposeOutcome,
      {
        occurredAt: london('2026-11-24T09:30').toString(),
        agreedOutcome: 'Assess',
        actions: [],
      },
      cast.school.manager,
    ).disagreement;
    assert.deepEqual(awaitingConfirmationFrom(proposed), [cast.agencies[1]?.id]);
    assert.deepEqual(awaitingConfirmationFrom({ ...proposed, status: 'withdrawn' }), []);
  });
});
