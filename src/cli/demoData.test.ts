import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { accordCommand } from '../../test/accordCommand.ts';
import {
  createScratchDatabase,
  databaseKindsToTest,
  type ScratchDatabase,
} from '../../test/testDatabase.ts';

for (const { kind, skip } of databaseKindsToTest()) {
  describe(`accord demo-data [${kind}]`, { skip }, () => {
    // Each test its own database: one of them needs it empty.
    let scratch: ScratchDatabase;
    beforeEach(async () => {
      scratch = await createScratchDatabase(kind);
    });
    afterEach(() => scratch.remove());
    const run = (...argv: string[]) => accordCommand(scratch.environment, ...argv);

    test('loads the demo data set into an empty database and says how to sign in', async () => {
      const result = await run('demo-data');
      assert.equal(result.exitCode, 0, result.stderr);
      assert.match(
        result.stdout,
        /^Loaded the demo data set: 4 partnerships, \d+ people and \d+ cases/,
      );
      assert.match(result.stdout, /sign in as anyone at \/demo\/sign-in/);
      assert.match(result.stdout, /admin@example\.org/);
    });

    test('refuses a database that is not empty', async () => {
      const partnership = await run(
        'partnership',
        'create',
        '--name',
        `Already here ${process.pid}`,
        '--protocol',
        'humber',
      );
      assert.equal(partnership.exitCode, 0, partnership.stderr);
      const result = await run('demo-data');
      assert.equal(result.exitCode, 1);
      assert.equal(result.stdout, '');
      assert.match(
        result.stderr,
        /^accord demo-data: The demo data set loads only into an empty database/,
      );
    });
  });
}
