import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { builtInProtocol } from '../../protocols/builtInProtocols.ts';
import { ladderFor } from './ladder.ts';
import type { Protocol } from './protocolSchema.ts';
import { timescaleInWords } from './timescaleWords.ts';
import { protocolOrInvalid } from './validateProtocol.ts';

const sixStep = protocolOrInvalid(
  readFileSync(new URL('../../../test/protocols/six-step.yaml', import.meta.url), 'utf8'),
);

/** Each stage of a pathway's ladder, with its timescale in words. */
function wordsOf(protocol: Protocol, pathwayId = 'general', urgent = false) {
  const ladder = ladderFor(protocol, pathwayId);
  return Object.fromEntries(
    ladder.stages.map((stage) => [
      stage.key,
      timescaleInWords(protocol, ladder, stage, { urgent }),
    ]),
  );
}

describe('a stage’s timescale in words', () => {
  test('a stage with only a cap says the cap’s limit, never "No set timescale"', () => {
    const words = wordsOf(builtInProtocol('east-riding'));
    for (const stage of ['stage-1', 'stage-2', 'stage-3', 'stage-4']) {
      assert.equal(
        words[stage],
        'within 5 working days of raising (for stages 1 to 4 together)',
        stage,
      );
    }
    // Its own timescale, when it has one, is what a stage shows.
    assert.equal(words['stage-5'], '5 working days, and within 10 working days of raising');
  });

  test('a cap from a stage counts from its start', () => {
    const lancashire = builtInProtocol('pan-lancashire');
    const capOnly: Protocol = {
      ...lancashire,
      stages: lancashire.stages.map((stage) =>
        ['stage-1', 'stage-2', 'stage-3'].includes(stage.key)
          ? { ...stage, timescale: { unit: 'none' } }
          : stage,
      ),
    };
    assert.equal(
      wordsOf(capOnly)['stage-2'],
      'within 15 working days of the start of stage 1 (for stages 1 to 3 together)',
    );
    // The built-in file gives each stage 5 working days of its own.
    assert.equal(
      wordsOf(lancashire)['stage-2'],
      '5 working days, and within 15 working days of the start of stage 1 (for stages 1 to 3 together)',
    );
  });

  test('the protocol’s word for a stage, the pathway’s caps and the urgent route’s', () => {
    assert.equal(
      wordsOf(sixStep)['step-3'],
      'within 5 working days of raising (for steps 1 to 5 together)',
    );
    assert.equal(wordsOf(sixStep)['step-6'], '14 working days');
    assert.equal(
      wordsOf(sixStep, 'immediate', true)['step-1'],
      'within 5 working days of raising (for steps 1 to 5 together); within 24 hours of raising (for steps 1 to 6 together)',
    );
    // Step 6's own 14 working days, with the urgent route's 24 hours that bind it.
    assert.equal(
      wordsOf(sixStep, 'immediate', true)['step-6'],
      '14 working days, and within 24 hours of raising (for steps 1 to 6 together)',
    );
    // On the panel route, steps 4 and 5 are all of the shared cap's stages that it has.
    assert.equal(
      wordsOf(sixStep, 'panel')['step-5'],
      'within 5 working days of raising (for steps 4 and 5 together); within 10 working days of the start of step 5 (for steps 5 and 6 together)',
    );
  });

  test('a stage nothing limits has no set timescale', () => {
    // Lancashire's initial conversation has no timescale and no cap covers it.
    assert.equal(wordsOf(builtInProtocol('pan-lancashire')).initial, 'No set timescale');
  });
});
