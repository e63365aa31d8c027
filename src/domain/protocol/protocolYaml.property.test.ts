import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { accordCommand } from '../../../test/accordCommand.ts';
import { protocolInputArbitrary } from '../../../test/arbitraries/protocolArbitrary.ts';
import { builtInProtocolFile, builtInProtocolIds } from '../../protocols/builtInProtocols.ts';
import type { Protocol } from './protocolSchema.ts';
import { protocolToYaml } from './protocolYaml.ts';
import {
  describeProblem,
  type ProtocolCheck,
  parseProtocolFile,
  validateProtocol,
} from './validateProtocol.ts';

const RUNS = { numRuns: 75 };

function checked(check: ProtocolCheck, what: string): Protocol {
  if (!check.ok) {
    assert.fail(`${what} has problems:\n${check.problems.map(describeProblem).join('\n')}`);
  }
  return check.protocol;
}

const aProtocol = protocolInputArbitrary.map((input) =>
  checked(validateProtocol(input), 'the generated protocol'),
);

describe('protocolToYaml over generated protocols', () => {
  test('every generated protocol passes the checker, and its YAML reads back as the same protocol', () => {
    fc.assert(
      fc.property(aProtocol, (protocol) => {
        const yaml = protocolToYaml(protocol);
        assert.deepEqual(checked(parseProtocolFile(yaml), 'the written YAML'), protocol);
      }),
      RUNS,
    );
  });

  test('the YAML is byte-stable: writing what was read back gives the same text', () => {
    fc.assert(
      fc.property(aProtocol, (protocol) => {
        const yaml = protocolToYaml(protocol);
        assert.equal(protocolToYaml(checked(parseProtocolFile(yaml), 'the written YAML')), yaml);
      }),
      RUNS,
    );
  });

  describe('accord protocol check', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'accord-protocol-yaml-'));
    after(() => rmSync(folder, { recursive: true, force: true }));

    test('passes the YAML written for a sample of generated protocols', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(aProtocol, async (protocol) => {
          const file = path.join(folder, `protocol-${run++}.yaml`);
          writeFileSync(file, protocolToYaml(protocol));
          const result = await accordCommand({}, 'protocol', 'check', file);
          assert.equal(result.exitCode, 0, result.stdout + result.stderr);
          assert.match(result.stdout, /is a valid protocol/);
        }),
        { numRuns: 10 },
      );
    });
  });
});

describe('protocolToYaml over the built-in protocols', () => {
  for (const id of builtInProtocolIds) {
    test(`${id}: read, written and read again is the same protocol, and the second writing is byte-identical`, () => {
      const protocol = checked(
        parseProtocolFile(readFileSync(builtInProtocolFile(id), 'utf8')),
        id,
      );
      const firstYaml = protocolToYaml(protocol);
      const reread = checked(parseProtocolFile(firstYaml), `${id} as written`);
      assert.deepEqual(reread, protocol);
      assert.equal(protocolToYaml(reread), firstYaml);
    });
  }
});
