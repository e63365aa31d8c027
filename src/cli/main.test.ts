import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { testConfig } from '../../test/testApp.ts';
import { createScratchDatabase, databaseKindsToTest } from '../../test/testDatabase.ts';
import { migrationNames } from '../db/migrate.ts';
import { runCli } from './main.ts';

const cliFile = path.join(import.meta.dirname, 'main.ts');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

describe('accord command line', () => {
  test('--help lists the commands and exits 0', async () => {
    const { io, stdout } = capture();
    assert.equal(await runCli(['--help'], io), 0);
    assert.match(stdout(), /^Usage: accord <command> \[options\]/);
    assert.match(stdout(), /accord migrate +create or upgrade the database schema/);
  });

  test('no command prints the help on stderr and exits 2', async () => {
    const { io, stderr } = capture();
    assert.equal(await runCli([], io), 2);
    assert.match(stderr(), /Usage: accord/);
  });

  test('an unknown command is refused with exit 2', async () => {
    const { io, stderr } = capture();
    assert.equal(await runCli(['frobnicate'], io), 2);
    assert.match(stderr(), /unknown command "frobnicate"/);
  });

  test('an unknown option is refused with the usage and exit 2', async () => {
    const { io, stderr } = capture();
    assert.equal(await runCli(['migrate', '--force'], io), 2);
    assert.match(stderr(), /Unknown option '--force'/);
    assert.match(stderr(), /Usage: accord migrate/);
  });

  test('a bad configuration is reported naming the variable, with exit 1', async () => {
    const { io, stderr } = capture();
    const exitCode = await runCli(['migrate'], {
      ...io,
      loadConfig: () => testConfig({ DATABASE_URL: 'mysql://nope' }),
    });
    assert.equal(exitCode, 1);
    assert.match(stderr(), /DATABASE_URL: must be a postgres:\/\/ URL/);
  });

  test('runs as a program: `accord --help` exits 0', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [cliFile, '--help']);
    assert.match(stdout, /accord migrate/);
  });
});

for (const { kind, skip } of databaseKindsToTest()) {
  describe(`accord migrate [${kind}]`, { skip }, () => {
    test('migrates a new database, then reports it up to date', async (t) => {
      const scratch = await createScratchDatabase(kind);
      t.after(() => scratch.remove());
      const loadConfig = () => testConfig(scratch.environment);

      const first = capture();
      assert.equal(await runCli(['migrate'], { ...first.io, loadConfig }), 0);
      const names = await migrationNames();
      assert.ok(
        first.stdout().endsWith(`:\n${names.map((name) => `  ${name}\n`).join('')}`),
        first.stdout(),
      );
      assert.match(first.stdout(), new RegExp(`^Applied ${names.length} migrations to `));

      const second = capture();
      assert.equal(await runCli(['migrate'], { ...second.io, loadConfig }), 0);
      assert.match(second.stdout(), /is up to date/);
    });
  });
}
