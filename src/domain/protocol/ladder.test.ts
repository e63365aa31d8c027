import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { builtInProtocol } from '../../protocols/builtInProtocols.ts';
import { GENERAL_PATHWAY } from '../vocabulary.ts';
import {
  capsCovering,
  escalationTargets,
  ladderFor,
  pathwayForCategory,
  UnknownPathway,
} from './ladder.ts';

describe('a pathway’s ladder', () => {
  const lancashire = builtInProtocol('pan-lancashire');
  const humber = builtInProtocol('humber');

  test('a category follows the pathway the protocol names for it, else the general one', () => {
    assert.equal(pathwayForCategory(lancashire, 'referral-not-accepted'), 'front-door');
    assert.equal(pathwayForCategory(lancashire, 'threshold'), GENERAL_PATHWAY);
  });

  test('the general ladder is the protocol’s stages in order', () => {
    const ladder = ladderFor(lancashire);
    assert.equal(ladder.pathwayName, 'General');
    assert.deepEqual(
      ladder.stages.map((stage) => [stage.key, stage.position]),
      lancashire.stages.map((stage, position) => [stage.key, position]),
    );
  });

  test('a pathway changes what its stages say, and keeps the rest', () => {
    const general = ladderFor(lancashire);
    const frontDoor = ladderFor(lancashire, 'front-door');
    assert.equal(frontDoor.pathwayName, 'Challenging a front-door decision');
    const initial = frontDoor.stages.find((stage) => stage.key === 'initial');
    assert.deepEqual(initial?.roles.raising, ['practitioner']);
    assert.deepEqual(initial?.roles.other, ['manager']);
    assert.match(initial?.who ?? '', /Practice Manager for the region/);
    assert.deepEqual(
      frontDoor.stages.find((stage) => stage.key === 'stage-3')?.timescale,
      general.stages.find((stage) => stage.key === 'stage-3')?.timescale,
    );
  });

  test('escalating goes to the next stage, or jumps where the protocol allows', () => {
    const ladder = ladderFor(humber);
    const first = ladder.stages[0];
    const targets = escalationTargets(ladder, first?.key ?? '').map((stage) => stage.key);
    assert.equal(targets[0], ladder.stages[1]?.key);
    assert.ok(targets.includes('stage-4'), 'Humber allows going straight to stage 4');
    const last = ladder.stages.at(-1);
    assert.deepEqual(escalationTargets(ladder, last?.key ?? ''), []);
    assert.deepEqual(escalationTargets(ladder, 'no-such-stage'), []);
  });

  test('a cap covers the stages it names', () => {
    assert.deepEqual(
      capsCovering(lancashire, 'stage-2', { pathwayId: GENERAL_PATHWAY, urgent: false }).map(
        (cap) => cap.name,
      ),
      ['stages 1 to 3 together'],
    );
    assert.deepEqual(
      capsCovering(lancashire, 'initial', { pathwayId: GENERAL_PATHWAY, urgent: false }),
      [],
    );
  });

  test('a pathway the protocol does not have is refused', () => {
    assert.throws(() => ladderFor(lancashire, 'no-such-pathway'), UnknownPathway);
  });
});
