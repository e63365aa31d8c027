import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { strFromU8 } from 'fflate';
import { aCase, aDisagreementCast, type Cast } from '../../../test/factories.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';
import { disagreementRepository } from '../../db/repositories/disagreementRepository.ts';
import { monitoringAnswersRepository } from '../../db/repositories/monitoringAnswersRepository.ts';
import { retentionRepository } from '../../db/repositories/retentionRepository.ts';
import { fixedClock } from '../../domain/clock.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { rulesFor } from '../caseRules.ts';
import { caseFilesForSubjectAccess } from './caseFilesForSubjectAccess.ts';

// A case's files in a subject-access archive hold what Accord holds about it: the monitoring
// form's answers too (the parents' or carers' views, the senior officers), as the purge left them.

const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('a case’s files for subject access', (context) => {
  let cast: Cast;
  let answered: Disagreement;
  let unanswered: Disagreement;

  const caseJson = async (disagreement: Disagreement) => {
    const db = context.database.db;
    const read = (await disagreementRepository(db).get(disagreement.id)) as Disagreement;
    const now = clock.now();
    const files = await caseFilesForSubjectAccess(db, read, await rulesFor(db, read, now), now);
    const file = files.find((each) => each.name === `cases/${read.reference}/case.json`);
    assert.ok(file, 'the archive holds case.json');
    return JSON.parse(strFromU8(file.bytes as Uint8Array));
  };

  before(async () => {
    cast = await aDisagreementCast(context.database);
    const deps = { database: context.database, clock };
    answered = await aCase(deps, cast);
    unanswered = await aCase(deps, cast);
    await monitoringAnswersRepository(context.database.db).save(
      answered.id,
      {
        meetingDate: '2026-11-18',
        parentsInformed: 'yes',
        parentsViews: 'The carers want the school to keep supporting Robin.',
        seniorOfficers: [
          { name: 'Morgan Example', agency: 'Example Council', role: 'Head of Service' },
        ],
        completedBy: cast.school.manager.id,
        completedAt: '2026-11-19T10:00:00.000Z',
      },
      0,
    );
  });

  test('case.json holds the monitoring form’s answers, or says there are none', async () => {
    const held = await caseJson(answered);
    assert.equal(held.monitoringFormAnswers.meetingDate, '2026-11-18');
    assert.equal(held.monitoringFormAnswers.parentsInformed, 'yes');
    assert.equal(
      held.monitoringFormAnswers.parentsViews,
      'The carers want the school to keep supporting Robin.',
    );
    assert.deepEqual(held.monitoringFormAnswers.seniorOfficers, [
      { name: 'Morgan Example', agency: 'Example Council', role: 'Head of Service' },
    ]);
    assert.equal((await caseJson(unanswered)).monitoringFormAnswers, null);
  });

  test('a purged case’s answers are exported as the purge left them: no views, no officers', async () => {
    await context.database.db.transaction().execute(async (trx) => {
      const read = (await disagreementRepository(trx).get(answered.id)) as Disagreement;
      assert.ok(await retentionRepository(trx).purge(read, '2026-11-24T10:00:00.000Z'));
    });
    const held = await caseJson(answered);
    assert.equal(held.monitoringFormAnswers.parentsViews, '');
    assert.deepEqual(held.monitoringFormAnswers.seniorOfficers, []);
    assert.doesNotMatch(JSON.stringify(held), /Robin|Morgan Example/);
  });
});
