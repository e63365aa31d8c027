import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { builtInProtocol } from '../../protocols/builtInProtocols.ts';
import { capsCovering } from './ladder.ts';
import {
  allowedPathways,
  choosePathway,
  offersPathwayChoice,
  pathwayByRules,
} from './pathwayChoice.ts';
import { protocolOrInvalid } from './validateProtocol.ts';

const sixStep = protocolOrInvalid(
  readFileSync(new URL('../../../test/protocols/six-step.yaml', import.meta.url), 'utf8'),
);
const lancashire = builtInProtocol('pan-lancashire');

describe('the pathway a raise takes', () => {
  test('urgency takes the urgent route’s pathway, whatever the category', () => {
    assert.equal(pathwayByRules(sixStep, { category: 'threshold', urgent: true }), 'immediate');
    assert.equal(pathwayByRules(sixStep, { category: 'threshold', urgent: false }), 'general');
    // A protocol whose urgent route names no pathway keeps the category's.
    assert.equal(
      pathwayByRules(lancashire, { category: 'referral-not-accepted', urgent: true }),
      'front-door',
    );
  });

  test('the raiser may choose the rules’ pathway or any the protocol offers them', () => {
    assert.deepEqual(allowedPathways(sixStep, { category: 'threshold', urgent: false }), [
      'general',
      'panel',
    ]);
    assert.deepEqual(allowedPathways(sixStep, { category: 'threshold', urgent: true }), [
      'immediate',
      'panel',
    ]);
    assert.equal(offersPathwayChoice(sixStep, { category: 'threshold', urgent: false }), true);
    assert.equal(offersPathwayChoice(lancashire, { category: 'threshold', urgent: false }), false);
  });

  test('a pathway not allowed is refused, naming those that are', () => {
    assert.deepEqual(choosePathway(sixStep, { category: 'threshold', urgent: false }), {
      ok: true,
      pathway: 'general',
    });
    assert.deepEqual(choosePathway(sixStep, { category: 'threshold', urgent: true }, 'panel'), {
      ok: true,
      pathway: 'panel',
    });
    const refused = choosePathway(sixStep, { category: 'threshold', urgent: false }, 'immediate');
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.message, /only these pathways.*general, panel/);
  });
});

describe('the caps over a stage of a case', () => {
  const names = (stageKey: string, pathwayId: string, urgent: boolean) =>
    capsCovering(sixStep, stageKey, { pathwayId, urgent }).map((cap) => cap.name);

  test('the protocol’s caps, its pathway’s, and the urgent route’s when the case is urgent', () => {
    assert.deepEqual(names('step-5', 'general', false), ['steps 1 to 5 together']);
    assert.deepEqual(names('step-5', 'panel', false), [
      'steps 1 to 5 together',
      "the panel's review",
    ]);
    assert.deepEqual(names('step-6', 'general', false), []);
    assert.deepEqual(names('step-6', 'immediate', true), ['the immediate route']);
    assert.deepEqual(names('step-6', 'panel', true), ["the panel's review", 'the immediate route']);
  });
});
