import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aCase, aDisagreementCast } from '../../../test/factories.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';
import { fixedClock } from '../../domain/clock.ts';
import { CASE_DOCUMENT_VERSION } from '../../domain/disagreement/caseDocument.ts';
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
});
