import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aCase, aDisagreementCast, contextOf } from '../../../test/factories.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';
import { fixedClock } from '../../domain/clock.ts';
import { escalate } from '../../domain/disagreement/actions/escalate.ts';
import { CASE_DOCUMENT_VERSION } from '../../domain/disagreement/caseDocument.ts';
import { runCaseAction } from '../../services/runCaseAction.ts';
import { disagreementRepository } from './disagreementRepository.ts';

describeOnEachDatabase('the case repository', (context) => {
  test('a case stored before documents had a version is upgraded whenever it is read', async () => {
    const cast = await aDisagreementCast(context.database);
    const deps = { database: context.database, clock: fixedClock('2026-11-24T10:00:00Z') };
    const raised = await aCase(deps, cast, {
      escalations: [{ at: '2026-11-24T09:00:00Z', by: cast.school.manager }],
    });
    const { documentVersion: _version, meetings: _meetings, ...older } = raised;
    const versionOne = {
      ...older,
      stages: older.stages.map(({ dueReasons: _reasons, ...stage }) => stage),
    };
    await context.database.db
      .updateTable('disagreements')
      .set({ document: JSON.stringify(versionOne) })
      .where('id', '=', raised.id)
      .execute();

    const read = await disagreementRepository(context.database.db).get(raised.id);
    assert.equal(read?.documentVersion, CASE_DOCUMENT_VERSION);
    assert.deepEqual(read?.meetings, []);
    assert.deepEqual(
      read?.stages.map((stage) => [stage.key, stage.dueAt, stage.dueReasons]),
      raised.stages.map((stage) => [stage.key, stage.dueAt, null]),
    );
    const [listed] = await disagreementRepository(context.database.db).ofAgencies(
      cast.partnershipId,
      [cast.school.agency.id],
    );
    assert.equal(listed?.documentVersion, CASE_DOCUMENT_VERSION, 'lists read it the same way');
  });

  test('who stands on a case is written again from a directory change only over the case as it was read', async () => {
    const cast = await aDisagreementCast(context.database);
    const deps = { database: context.database, clock: fixedClock('2026-11-24T10:00:00Z') };
    const read = await aCase(deps, cast, { raisedAt: '2026-11-24T09:00:00Z' });
    // Saved (in another instance, say) after the directory change read it.
    await runCaseAction(
      deps,
      escalate,
      {
        id: read.id,
        version: read.version,
        input: { occurredAt: '2026-11-24T09:30:00Z', reason: 'No agreement' },
      },
      await contextOf(context.database, cast.school.manager),
    );
    const repository = disagreementRepository(context.database.db);
    const standing = await repository.involvedPeople(read.id);
    assert.ok(standing.length > 0);
    assert.equal(await repository.replaceInvolved(read, []), false);
    assert.deepEqual(await repository.involvedPeople(read.id), standing, 'the save’s rows stand');
    const now = (await repository.get(read.id)) as typeof read;
    assert.equal(await repository.replaceInvolved(now, standing), true);
  });
});
