import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { accordCommand } from '../../../../test/accordCommand.ts';
import { protocolInputArbitrary } from '../../../../test/arbitraries/protocolArbitrary.ts';
import type { Protocol } from '../../../domain/protocol/protocolSchema.ts';
import { protocolToYaml } from '../../../domain/protocol/protocolYaml.ts';
import {
  describeProblem,
  parseProtocolFile,
  validateProtocol,
} from '../../../domain/protocol/validateProtocol.ts';
import { type DraftData, draftYaml, readDraftData } from './draftData.ts';
import { isFormProblem } from './editorPage.ts';
import { editorPages } from './editorPages.ts';
import { withoutStage } from './listRoutes.ts';
import { stagePage } from './stageForm.ts';
import { stageKeyReferences } from './stageReferences.ts';

// Issue 13's properties of the editor, over generated protocols that use every field of the
// format: a protocol file read into the editor and sent back through every one of its pages
// unchanged is the same protocol; what the editor stores then passes `accord protocol check`;
// and its YAML is byte-stable from the second round trip on.

function parsedFrom(yaml: string): Protocol {
  const check = parseProtocolFile(yaml);
  if (!check.ok) assert.fail(check.problems.map(describeProblem).join('\n'));
  return check.protocol;
}

/** The draft sent through every page of the editor, each with the values it shows, in turn. */
function throughEveryPage(start: DraftData): { data: DraftData; pages: number } {
  let data = start;
  let pages = 0;
  for (const page of editorPages) {
    for (const params of page.instances(data)) {
      const applied = page.apply(data, page.values(data, params), params);
      if (isFormProblem(applied)) {
        assert.fail(`${page.path} ${JSON.stringify(params)} refused its own values`);
      }
      // As the editor keeps a draft between pages: stored as YAML, read back.
      data = readDraftData(draftYaml(applied));
      pages++;
    }
  }
  return { data, pages };
}

describe('the protocol editor over generated protocols', () => {
  test('YAML → every page of the editor → YAML is the same protocol, and byte-stable from the second round', () => {
    fc.assert(
      fc.property(protocolInputArbitrary, (input) => {
        const check = validateProtocol(input);
        if (!check.ok) assert.fail(check.problems.map(describeProblem).join('\n'));
        const file = protocolToYaml(check.protocol);

        const first = throughEveryPage(readDraftData(file));
        assert.ok(first.pages >= 9, 'every part of the protocol has a page');
        const firstYaml = draftYaml(first.data);
        assert.deepEqual(parsedFrom(firstYaml), parsedFrom(file));

        const secondYaml = draftYaml(throughEveryPage(readDraftData(firstYaml)).data);
        assert.equal(secondYaml, firstYaml);
      }),
      { numRuns: 30 },
    );
  });

  test('editing keeps the protocol whole: a stage renamed leaves it valid, a stage removed leaves nothing naming it', () => {
    fc.assert(
      fc.property(protocolInputArbitrary, fc.nat(), (input, pick) => {
        const check = validateProtocol(input);
        if (!check.ok) assert.fail(check.problems.map(describeProblem).join('\n'));
        const data = readDraftData(protocolToYaml(check.protocol));
        const stages = check.protocol.stages;
        const index = pick % stages.length;
        const oldKey = (stages[index] as { key: string }).key;
        const params = { index: String(index) };

        // Renamed on the stage page, with everything else as the page shows it.
        const values = { ...stagePage.values(data, params), key: `renamed-${index}` };
        const renamed = stagePage.apply(data, values, params);
        if (isFormProblem(renamed)) assert.fail('the stage page refused its own values');
        const stored = readDraftData(draftYaml(renamed));
        const afterRename = validateProtocol(stored);
        if (!afterRename.ok) assert.fail(afterRename.problems.map(describeProblem).join('\n'));
        assert.deepEqual(stageKeyReferences(stored, oldKey), [], 'renamed');

        // Removed from the ladder: no list names it; a single reference (a limit counting from
        // its start, a form field about its meeting) the person must point elsewhere.
        if (stages.length > 1) {
          const removed = readDraftData(draftYaml(withoutStage(data, index)));
          const left = stageKeyReferences(removed, oldKey);
          assert.deepEqual(
            left.filter((reference) => reference.kind !== 'one'),
            [],
            'removed from every list that named it',
          );
          // The checker refuses such a draft, so the overview lists what to fix before adopting.
          if (left.length > 0) assert.equal(validateProtocol(removed).ok, false);
        }
      }),
      { numRuns: 30 },
    );
  });

  const folder = mkdtempSync(path.join(os.tmpdir(), 'accord-editor-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('what the editor saves from a generated protocol passes accord protocol check', async () => {
    const samples = fc.sample(protocolInputArbitrary, { numRuns: 6, seed: 13 });
    for (const [index, input] of samples.entries()) {
      const check = validateProtocol(input);
      if (!check.ok) assert.fail(check.problems.map(describeProblem).join('\n'));
      const saved = draftYaml(throughEveryPage(readDraftData(protocolToYaml(check.protocol))).data);
      const file = path.join(folder, `saved-${index}.yaml`);
      writeFileSync(file, saved);
      const result = await accordCommand({}, 'protocol', 'check', file);
      assert.equal(result.exitCode, 0, result.stderr || result.stdout);
      assert.match(result.stdout, /is a valid protocol/);
    }
  });
});
