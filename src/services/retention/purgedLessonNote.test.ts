import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  type ActStep,
  aCase,
  actAt,
  aDisagreementCast,
  type Cast,
  contextOf,
} from '../../../test/factories.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';
import { lessonsRepository } from '../../db/repositories/lessonsRepository.ts';
import { fixedClock } from '../../domain/clock.ts';
import { close } from '../../domain/disagreement/actions/close.ts';
import { confirmOutcome } from '../../domain/disagreement/actions/confirmOutcome.ts';
import { proposeOutcome } from '../../domain/disagreement/actions/proposeOutcome.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { Invalid } from '../../domain/errors.ts';
import { recordLessonStatus } from '../learningLog.ts';
import { runRetention } from './runRetention.ts';

const NOW = '2026-11-24T10:00:00Z';
const clock = fixedClock(NOW);

describeOnEachDatabase('no note outlives its case’s purge', (context) => {
  const deps = () => ({ database: context.database, clock });
  let cast: Cast;
  let purged: Disagreement;
  let lessonId: string;
  const act = (...step: ActStep) => actAt(deps(), ...step);
  const lessonRow = async () => ({
    ...(await context.database.db
      .selectFrom('lessons')
      .select(['status', 'note'])
      .where('id', '=', lessonId)
      .executeTakeFirstOrThrow()),
  });

  before(async () => {
    cast = await aDisagreementCast(context.database);
    clock.set('2019-03-04T10:00:00Z');
    purged = await aCase(deps(), cast, { raisedAt: '2019-03-04T10:00:00Z' });
    purged = await act(
      purged,
      proposeOutcome,
      { occurredAt: '2019-03-05T10:00:00Z', agreedOutcome: 'Agreed', actions: [] },
      cast.school.practitioner,
      '2019-03-05T10:00:00Z',
    );
    purged = await act(
      purged,
      confirmOutcome,
      {},
      cast.socialCare.practitioner,
      '2019-03-06T10:00:00Z',
    );
    purged = await act(
      purged,
      close,
      { lessons: [{ themes: ['training'], text: 'Threshold training' }] },
      cast.school.practitioner,
      '2019-03-07T10:00:00Z',
    );
    lessonId = purged.lessons[0]?.id as string;
    clock.set(NOW);
    assert.equal((await runRetention(deps())).purged, 1);
  });

  test('a note on a purged case’s lesson is refused, naming the note, and nothing is stored', async () => {
    const team = await contextOf(context.database, cast.team);
    const refused = await recordLessonStatus(
      deps(),
      { lessonId, status: 'actioned', note: 'Zebedee Example of 12 Example Road' },
      team,
    ).then(
      () => undefined,
      (error: unknown) => error,
    );

    assert.ok(refused instanceof Invalid);
    assert.deepEqual(
      refused.errors.map((problem) => problem.path),
      ['note'],
    );
    assert.deepEqual(await lessonRow(), { status: 'new', note: null });
  });

  test('its status may still be recorded, without a note', async () => {
    const team = await contextOf(context.database, cast.team);
    await recordLessonStatus(deps(), { lessonId, status: 'considered', note: '  ' }, team);

    assert.deepEqual(await lessonRow(), { status: 'considered', note: null });
  });

  test('a note that got past the check before the purge committed is not kept', async () => {
    await lessonsRepository(context.database.db).recordStatus(lessonId, {
      status: 'actioned',
      note: 'Zebedee Example of 12 Example Road',
      by: cast.team.id,
      at: NOW,
    });

    assert.deepEqual(await lessonRow(), { status: 'actioned', note: null });
  });

  test('each run clears a note written back onto a purged case’s lesson (a race with the purge)', async () => {
    await context.database.db
      .updateTable('lessons')
      .set({ note: 'Zebedee Example of 12 Example Road' })
      .where('id', '=', lessonId)
      .execute();

    const run = await runRetention(deps());

    assert.equal(run.purged, 0);
    assert.equal((await lessonRow()).note, null);
    assert.notEqual(run.bytesReleased, null, 'the cleared note’s old bytes leave the files');
  });
});
