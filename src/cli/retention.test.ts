import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { accordCommand } from '../../test/accordCommand.ts';
import { aCase, aDisagreementCast, contextOf } from '../../test/factories.ts';
import {
  createScratchDatabase,
  databaseKindsToTest,
  type ScratchDatabase,
} from '../../test/testDatabase.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { caseReads } from '../db/repositories/caseReads.ts';
import { fixedClock } from '../domain/clock.ts';
import { withdraw } from '../domain/disagreement/actions/withdraw.ts';
import { runCaseAction } from '../services/runCaseAction.ts';

for (const { kind, skip } of databaseKindsToTest()) {
  describe(`accord retention run [${kind}]`, { skip }, () => {
    let scratch: ScratchDatabase;
    let caseId: string;
    beforeEach(async () => {
      scratch = await createScratchDatabase(kind);
      const database = openDatabase(scratch.target);
      try {
        await migrateToLatest(database.db);
        const clock = fixedClock('2018-03-06T12:00:00Z');
        const cast = await aDisagreementCast(database);
        const raised = await aCase({ database, clock }, cast, { raisedAt: '2018-03-05T10:00:00Z' });
        const withdrawn = await runCaseAction(
          { database, clock },
          withdraw,
          { id: raised.id, version: raised.version, input: { reason: 'Agreed after all' } },
          await contextOf(database, cast.school.manager),
        );
        caseId = withdrawn.id;
      } finally {
        await database.close();
      }
    });
    afterEach(() => scratch.remove());
    const run = (...argv: string[]) => accordCommand(scratch.environment, ...argv);

    test('a dry run says how many cases it would purge, then a run purges them', async () => {
      const dry = await run('retention', 'run', '--dry-run');
      assert.equal(dry.exitCode, 0, dry.stderr);
      assert.match(dry.stdout, /\(72 months\): 1 case\nWould purge 1 case\.\n$/);
      const purged = await run('retention', 'run');
      assert.equal(purged.exitCode, 0, purged.stderr);
      assert.match(purged.stdout, /Purged 1 case\.\n$/);
      assert.match((await run('retention', 'run')).stdout, /Purged 0 cases\.\n$/);
      const database = openDatabase(scratch.target);
      try {
        const disagreement = await caseReads(database.db).get(caseId);
        assert.deepEqual(disagreement?.children, []);
        assert.ok(disagreement?.purgedAt);
      } finally {
        await database.close();
      }
    });

    test('says what it can do when asked for something else', async () => {
      const result = await run('retention', 'sweep');
      assert.equal(result.exitCode, 2);
      assert.match(
        result.stderr,
        /unknown subcommand "sweep"\nUsage: accord retention run \[--dry-run\]/,
      );
    });
  });
}
