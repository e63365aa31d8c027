import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
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

type Raw = Record<string, unknown>;
const isEmpty = (value: unknown) =>
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
const listAt = (value: unknown): Raw[] => (Array.isArray(value) ? value : []);

/** The places in a protocol file, as YAML reads it, that hold a value the schema would fill in. */
function defaultsWritten(file: Raw): string[] {
  const found: string[] = [];
  const check = (where: string, value: Raw | undefined, defaults: Raw) => {
    for (const [key, defaultValue] of Object.entries(defaults)) {
      if (value && key in value) {
        const written = value[key];
        const same =
          defaultValue === 'empty'
            ? isEmpty(written)
            : JSON.stringify(written) === JSON.stringify(defaultValue);
        if (same) found.push(`${where}.${key}`);
      }
    }
  };
  check('', file, {
    sources: 'empty',
    caps: 'empty',
    pathways: 'empty',
    categories: 'empty',
    levels: 'empty',
    forms: 'empty',
    principles: 'empty',
  });
  check('terms', file.terms as Raw, { stage: 'stage' });
  check('urgent', file.urgent as Raw, { caps: 'empty' });
  check('learning', file.learning as Raw, {
    themes: ['training', 'commissioning', 'agency-guidance', 'partnership-guidance'],
    subgroups: [{ name: 'Learning and improvement subgroup' }],
  });
  const pathways = listAt(file.pathways);
  const stages = [...listAt(file.stages), ...pathways.flatMap((pathway) => listAt(pathway.stages))];
  stages.forEach((stage, i) => {
    check(`stage ${i}`, stage, {
      number: null,
      sides: 'both',
      prompts: 'empty',
      jumpsTo: 'empty',
      onEntry: 'empty',
    });
    check(`stage ${i}.roles`, stage.roles as Raw, {
      raising: 'empty',
      other: 'empty',
      partnership: 'empty',
      byAgencyKind: 'empty',
    });
    check(`stage ${i}.onEntry`, stage.onEntry as Raw, {
      notifyMonitoringTeam: false,
      tellOtherAgencyFirst: false,
    });
    check(`stage ${i}.onEntry.chairedMeeting`, (stage.onEntry as Raw)?.chairedMeeting as Raw, {
      minuted: true,
    });
  });
  pathways.forEach((pathway, p) => {
    check(`pathway ${p}`, pathway, {
      stages: 'empty',
      atStages: 'empty',
      caps: 'empty',
      raiserMayChoose: false,
    });
  });
  listAt(file.forms).forEach((form, f) => {
    listAt(form.fields).forEach((field, i) => {
      check(`form ${f}.fields ${i}`, field, { withAgency: false });
    });
  });
  return found;
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

  test('the YAML leaves out every field equal to its default', () => {
    fc.assert(
      fc.property(aProtocol, (protocol) => {
        const written = parse(protocolToYaml(protocol));
        assert.deepEqual(defaultsWritten(written), []);
      }),
      { numRuns: 50 },
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
