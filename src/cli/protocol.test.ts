import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { builtInProtocolFile, builtInProtocolIds } from '../protocols/builtInProtocols.ts';
import { runCli } from './main.ts';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const exitCode = await runCli(argv, {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
  });
  return { exitCode, stdout: out.join(''), stderr: err.join('') };
}

describe('accord protocol check', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'accord-protocol-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  for (const id of builtInProtocolIds) {
    test(`passes the built-in ${id}`, async () => {
      const result = await run('protocol', 'check', builtInProtocolFile(id));
      assert.equal(result.exitCode, 0);
      assert.match(result.stdout, new RegExp(`is a valid protocol: .* \\(${id}, version 1\\)`));
    });

    test(`rejects a broken copy of ${id}, one line per problem naming the field`, async () => {
      const data = parseDocument(readFileSync(builtInProtocolFile(id), 'utf8')).toJS();
      data.stages[1].timescale = { unit: 'workingDays', amount: -3 };
      data.stages[0].jumpsTo = ['nowhere'];
      data.categories.other = 'no-such-pathway';
      const file = path.join(folder, `${id}-broken.yaml`);
      writeFileSync(file, JSON.stringify(data));
      const firstPass = await run('protocol', 'check', file);
      assert.equal(firstPass.exitCode, 1);
      assert.equal(
        firstPass.stdout,
        'stages[1].timescale.amount: must be a positive whole number\n',
      );

      data.stages[1].timescale.amount = 3;
      writeFileSync(file, JSON.stringify(data));
      const secondPass = await run('protocol', 'check', file);
      assert.equal(secondPass.exitCode, 1);
      assert.equal(
        secondPass.stdout,
        'stages[0].jumpsTo[0]: unknown stage "nowhere"\ncategories.other: unknown pathway "no-such-pathway"\n',
      );
    });
  }

  test('a file with an alias or anchor exits 1, naming the line', async () => {
    const source = readFileSync(builtInProtocolFile('pan-lancashire'), 'utf8');
    const file = path.join(folder, 'aliased.yaml');
    const text = `${source}\nnote: *nowhere\n`;
    writeFileSync(file, text);
    const result = await run('protocol', 'check', file);
    assert.equal(result.exitCode, 1);
    const line = text.split('\n').indexOf('note: *nowhere') + 1;
    assert.match(
      result.stdout,
      new RegExp(
        `^line ${line}: aliases \\(\\*name\\) and anchors \\(&name\\) are not allowed in a protocol file$`,
        'm',
      ),
    );
  });

  test('a file that cannot be read exits 1 saying so', async () => {
    const result = await run('protocol', 'check', path.join(folder, 'missing.yaml'));
    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, /cannot read .*missing\.yaml: ENOENT/);
  });

  test('without a file, or with an unknown subcommand, the usage is shown with exit 2', async () => {
    const noFile = await run('protocol', 'check');
    assert.equal(noFile.exitCode, 2);
    assert.match(
      noFile.stderr,
      /give exactly one protocol file\nUsage: accord protocol check FILE/,
    );
    assert.equal((await run('protocol', 'frobnicate')).exitCode, 2);
  });
});
