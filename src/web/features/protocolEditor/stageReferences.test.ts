import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { builtInProtocolFile } from '../../../protocols/builtInProtocols.ts';
import { type DraftData, draftProblems } from './draftData.ts';
import { withoutStage } from './listRoutes.ts';
import { rewriteStageReferences, stageKeyReferences } from './stageReferences.ts';

// A stage's key is named in many places: a new key or a removed stage changes all of them.

const sixStep: DraftData = parse(
  readFileSync(new URL('../../../../test/protocols/six-step.yaml', import.meta.url), 'utf8'),
);
const eastRiding: DraftData = parse(readFileSync(builtInProtocolFile('east-riding'), 'utf8'));

test('six-step: step-5 is named by a pathway ladder, every list of limits and a limit’s start', () => {
  assert.deepEqual(
    stageKeyReferences(sixStep, 'step-5').map(({ path, kind }) => `${path.join('.')} (${kind})`),
    [
      'pathways.1.ladder (list)',
      'caps.0.stages (list)',
      'urgent.caps.0.stages (list)',
      'pathways.1.caps.0.stages (list)',
      'pathways.1.caps.0.from (one)',
    ],
  );
  const renamed = rewriteStageReferences(
    {
      ...sixStep,
      stages: (sixStep.stages as DraftData[]).map((s) =>
        s.key === 'step-5' ? { ...s, key: 'heads' } : s,
      ),
    },
    'step-5',
    'heads',
  );
  assert.deepEqual(draftProblems(renamed), []);
  assert.deepEqual(stageKeyReferences(renamed, 'step-5'), []);
  assert.equal(stageKeyReferences(renamed, 'heads').length, 5);
});

test('East Riding: stage-4 is named by forms’ fields; removing it takes it out of the lists', () => {
  assert.deepEqual(
    stageKeyReferences(eastRiding, 'stage-4').map(
      ({ path, kind }) => `${path.join('.')} (${kind})`,
    ),
    ['caps.0.stages (list)', 'forms.0.fields.11.stage (one)', 'forms.0.fields.12.stage (one)'],
  );
  const without = withoutStage(eastRiding, 1);
  assert.deepEqual(stageKeyReferences(without, 'stage-2'), []);
  assert.deepEqual(draftProblems(without), []);
});
