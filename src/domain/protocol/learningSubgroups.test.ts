import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { builtInProtocol } from '../../protocols/builtInProtocols.ts';
import { subgroupFor, subgroupsFor } from './learningSubgroups.ts';
import { DEFAULT_LEARNING_SUBGROUP } from './protocolSchema.ts';
import { validateProtocol } from './validateProtocol.ts';

const withSubgroups = (subgroups: unknown, themes?: string[]) => {
  const { learning, ...rest } = builtInProtocol('humber');
  return validateProtocol({
    ...rest,
    learning: { ...learning, subgroups, ...(themes ? { themes } : {}) },
  });
};

describe('learning subgroups', () => {
  test('each built-in routes every lesson to its named subgroup, or to the default one', () => {
    assert.equal(
      subgroupFor(builtInProtocol('lincolnshire'), 'training'),
      'LSCB Policy and Procedure, Education and Training (PPET) subgroup',
    );
    assert.equal(
      subgroupFor(builtInProtocol('east-riding'), 'commissioning'),
      'ERSCP Management, Evaluation and Effectiveness Group',
    );
    assert.equal(subgroupFor(builtInProtocol('humber'), 'training'), DEFAULT_LEARNING_SUBGROUP);
  });

  test('a theme goes to the subgroup naming it, the rest to the one naming none', () => {
    const checked = withSubgroups([
      { name: 'Learning' },
      { name: 'Workforce', themes: ['training'] },
    ]);
    assert.ok(checked.ok);
    assert.deepEqual(subgroupsFor(checked.protocol, ['training', 'commissioning']), [
      'Workforce',
      'Learning',
    ]);
    assert.deepEqual(subgroupsFor(checked.protocol, ['commissioning', 'agency-guidance']), [
      'Learning',
    ]);
  });

  test('a theme in two subgroups, none for a theme, or two taking the rest are refused', () => {
    const problems = (check: ReturnType<typeof validateProtocol>) =>
      check.ok ? [] : check.problems.map((p) => `${p.path}: ${p.message}`);
    assert.deepEqual(
      problems(
        withSubgroups([
          { name: 'A', themes: ['training'] },
          {
            name: 'B',
            themes: ['training', 'commissioning', 'agency-guidance', 'partnership-guidance'],
          },
        ]),
      ),
      ['learning.subgroups[1].themes: training already goes to learning.subgroups[0]'],
    );
    assert.deepEqual(problems(withSubgroups([{ name: 'A', themes: ['training'] }])), [
      'learning.subgroups: no subgroup takes commissioning, agency-guidance, partnership-guidance: list it under one, or add a subgroup without themes',
    ]);
    assert.deepEqual(problems(withSubgroups([{ name: 'A' }, { name: 'B' }])), [
      "learning.subgroups[1].themes: learning.subgroups[0] already takes the themes no other subgroup names: list this one's themes",
    ]);
    assert.deepEqual(
      problems(withSubgroups([{ name: 'A', themes: ['training', 'commissioning'] }], ['training'])),
      ['learning.subgroups[0].themes: commissioning is not one of learning.themes'],
    );
  });
});
