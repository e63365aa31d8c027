import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aCase, aDisagreementCast, contextOf } from '../../test/factories.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import { auditReadCommits } from './auditedReads.ts';
import { getDisagreement, listDisagreements } from './readDisagreements.ts';
import { verifyAuditLog } from './verifyAuditLog.ts';

const clock = fixedClock('2026-12-07T10:00:00Z');

describeOnEachDatabase(
  'reads audited by group commit',
  (context) => {
    const deps = () => ({ database: context.database, clock });

    test('each read is in the log when it is answered, and reads of the same moment share commits', async () => {
      const cast = await aDisagreementCast(context.database);
      const raised = await aCase(deps(), cast);
      const asTeam = await contextOf(context.database, cast.team);
      const before = auditReadCommits(context.database);
      const audit = auditRepository(context.database.db);

      const reads = Array.from({ length: 40 }, async (_, i) => {
        await getDisagreement(deps(), raised.id, { ...asTeam, requestId: `read-${i}` });
        const logged = await audit.list({ recordId: raised.id, limit: 100 });
        assert.ok(
          logged.some((entry) => entry.requestId === `read-${i}`),
          `read ${i} is in the log when answered`,
        );
      });
      await Promise.all(reads);

      const after = auditReadCommits(context.database);
      assert.equal(after.entries - before.entries, 40);
      assert.ok(
        after.commits - before.commits < 40,
        `40 reads took ${after.commits - before.commits} commits`,
      );
      assert.deepEqual(await verifyAuditLog(context.database), {
        intact: true,
        entries: (await audit.list({ limit: 10_000 })).length,
        head: (await audit.recordedHead()) ?? null,
      });
    });

    test("a list's entries stay together, in order, while other reads commit alongside", async () => {
      const cast = await aDisagreementCast(context.database);
      for (let i = 0; i < 3; i++) await aCase(deps(), cast);
      const asTeam = await contextOf(context.database, cast.team);
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          listDisagreements(deps(), { limit: 50 }, { ...asTeam, requestId: `list-${i}` }),
        ),
      );
      const listed = (await auditRepository(context.database.db).list({ limit: 10_000 }))
        .filter((entry) => entry.action === 'disagreement.listed')
        .reverse();
      assert.equal(listed.length, 30);
      for (let at = 0; at < listed.length; at += 3) {
        const oneList = listed.slice(at, at + 3);
        assert.equal(new Set(oneList.map((entry) => entry.requestId)).size, 1);
        assert.deepEqual(
          oneList.map((entry) => entry.seq),
          [oneList[0]?.seq, (oneList[0]?.seq ?? 0) + 1, (oneList[0]?.seq ?? 0) + 2],
        );
      }
      assert.equal((await verifyAuditLog(context.database)).intact, true);
    });
  },
  { eachTest: true },
);
