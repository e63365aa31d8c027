import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { aCase, aDisagreementCast, type Cast, contextOf } from '../../test/factories.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import { Invalid, NotFound } from '../domain/errors.ts';
import { addClosureDay, removeClosureDay, setWorkingTime } from './manageDirectory.ts';
import { getDisagreement } from './readDisagreements.ts';
import { reprojectOpenCases } from './reprojectOpenCases.ts';

// The directory's working-time changes: working days, and closure days taken away again, each
// re-projecting open stages with the reason on the case, and audited.

// Tuesday 24 November 2026, 10:00 in London.
const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('changing working days and closure days', (context) => {
  const deps = () => ({ database: context.database, clock });
  let cast: Cast;
  const reread = async (id: string) =>
    (await getDisagreement(deps(), id, await contextOf(context.database, cast.team))).disagreement;

  before(async () => {
    cast = await aDisagreementCast(context.database);
  });

  test('a closure day removed makes the day a working day again: open stages due earlier, saying why, audited', async () => {
    const team = await contextOf(context.database, cast.team);
    await addClosureDay(deps(), { date: '2026-11-27', name: 'Partnership training day' }, team);
    const open = await aCase(deps(), cast, {
      escalations: [{ at: '2026-11-24T09:00:00Z', by: cast.school.manager }],
    });
    assert.equal(open.stages.at(-1)?.dueAt, '2026-12-02T17:00:00.000Z');

    await removeClosureDay(deps(), { date: '2026-11-27' }, team);
    const after = await reread(open.id);
    assert.equal(after.stages.at(-1)?.dueAt, '2026-12-01T17:00:00.000Z');
    assert.equal(
      after.history.at(-1)?.text,
      'Closure day removed: Friday 27 November 2026 (Partnership training day). Was due by 5pm on Wednesday 2 December 2026, now due by 5pm on Tuesday 1 December 2026.',
    );
    assert.match(
      after.stages.at(-1)?.dueReasons?.reprojected ?? '',
      /^Re-projected on Tuesday 24 November 2026 because the partnership’s working time changed: closure day removed: Friday 27 November 2026/,
    );
    const audited = await context.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('action', '=', 'closure-day.removed')
      .where('record_id', '=', cast.partnershipId)
      .execute();
    assert.deepEqual(
      audited.map((row) => ({ ...row })),
      [{ action: 'closure-day.removed', actor_id: cast.team.id }],
    );

    await assert.rejects(removeClosureDay(deps(), { date: '2026-11-27' }, team), NotFound);
  });

  test('adding a closure day outside the calendar’s range is refused naming the range', async () => {
    const team = await contextOf(context.database, cast.team);
    for (const date of ['2025-11-23', '2042-01-01']) {
      await assert.rejects(
        addClosureDay(deps(), { date, name: 'Out of range' }, team),
        (error) =>
          error instanceof Invalid &&
          error.errors[0]?.path === 'date' &&
          error.errors[0]?.message ===
            'The date must be between 24 November 2025 and 31 December 2041',
      );
    }
  });

  test('working days changed: open stages are due again under them; no day at all is refused', async () => {
    const team = await contextOf(context.database, cast.team);
    const open = await aCase(deps(), cast, {
      escalations: [{ at: '2026-11-24T09:00:00Z', by: cast.school.manager }],
    });
    assert.equal(open.stages.at(-1)?.dueAt, '2026-12-01T17:00:00.000Z');
    await assert.rejects(
      setWorkingTime(
        deps(),
        {
          region: 'england-and-wales',
          workingHours: { start: '09:00', end: '17:00' },
          workingWeekdays: [],
        },
        team,
      ),
      (error) => error instanceof Invalid && error.errors[0]?.path === 'weekdays',
    );
    // Monday to Thursday: 25, 26, 30 November, 1 and 2 December.
    await setWorkingTime(
      deps(),
      {
        region: 'england-and-wales',
        workingHours: { start: '09:00', end: '17:00' },
        workingWeekdays: [1, 2, 3, 4],
      },
      team,
    );
    const after = await reread(open.id);
    assert.equal(after.stages.at(-1)?.dueAt, '2026-12-02T17:00:00.000Z');
    assert.match(
      after.history.at(-1)?.text ?? '',
      /^Working days changed from Monday, Tuesday, Wednesday, Thursday and Friday to Monday, Tuesday, Wednesday and Thursday\. Was due by 5pm on Tuesday 1 December 2026, now due by 5pm on Wednesday 2 December 2026\.$/,
    );
    await setWorkingTime(
      deps(),
      { region: 'england-and-wales', workingHours: { start: '09:00', end: '17:00' } },
      team,
    );
    assert.equal(
      (await reread(open.id)).stages.at(-1)?.dueAt,
      '2026-12-02T17:00:00.000Z',
      'working days left out are left as they are',
    );
  });

  test('saved with nothing that moves a due time: no case touched; a reminder-only change is audited as itself', async () => {
    const team = await contextOf(context.database, cast.team);
    const open = await aCase(deps(), cast, {
      escalations: [{ at: '2026-11-24T09:00:00Z', by: cast.school.manager }],
    });
    const read = await reread(open.id);
    const actions = async () =>
      (
        await context.database.db
          .selectFrom('audit_log')
          .select('action')
          .where('record_id', '=', cast.partnershipId)
          .where('action', 'in', ['working-time.changed', 'reminder-days.changed'])
          .orderBy('seq')
          .execute()
      ).map((row) => row.action);
    const already = await actions();
    const partnership = await partnershipRepository(context.database.db).get(cast.partnershipId);
    assert.ok(partnership);
    const { workingTime } = partnership;
    const asItIs = {
      region: workingTime.region,
      workingHours: workingTime.workingHours,
      workingWeekdays: workingTime.workingWeekdays,
    };

    await setWorkingTime(deps(), asItIs, team);
    // Asked to re-project with the working time as it is (as adoption or a closure day might):
    // nothing is touched.
    assert.equal(
      await context.database.db
        .transaction()
        .execute(async (trx) =>
          reprojectOpenCases(trx, deps(), cast.partnershipId, workingTime, team),
        ),
      0,
    );
    await setWorkingTime(deps(), { ...asItIs, reminderWorkingDays: 3 }, team);
    const after = await reread(open.id);
    assert.equal(after.version, read.version, 'the case is not saved again');
    assert.deepEqual(after.history, read.history);
    assert.deepEqual(await actions(), [...already, 'reminder-days.changed']);
    assert.equal(
      (await partnershipRepository(context.database.db).get(cast.partnershipId))
        ?.reminderWorkingDays,
      3,
    );
  });
});
