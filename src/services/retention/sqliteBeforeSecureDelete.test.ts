import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { aCase, aDisagreementCast, contextOf } from '../../../test/factories.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';
import { settingsRepository } from '../../db/repositories/settingsRepository.ts';
import { fixedClock } from '../../domain/clock.ts';
import type { Person } from '../../domain/directory/directory.ts';
import { confirmOutcome } from '../../domain/disagreement/actions/confirmOutcome.ts';
import { proposeOutcome } from '../../domain/disagreement/actions/proposeOutcome.ts';
import { recordDiscussion } from '../../domain/disagreement/actions/recordDiscussion.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { runCaseAction } from '../runCaseAction.ts';
import { runRetention } from './runRetention.ts';

const NOW = '2026-11-24T10:00:00Z';
const clock = fixedClock(NOW);
const CHILD = 'Zebedee';

describeOnEachDatabase('a database written before secure_delete was on', (context) => {
  test('once purged, the child is in none of its files', async (t) => {
    if (context.kind !== 'sqlite') return t.skip('PostgreSQL has no secure_delete');
    const db = context.database.db;
    const dataDir = context.environment.DATA_DIR as string;
    const timesInTheFiles = () =>
      readdirSync(dataDir)
        .map((file) => readFileSync(path.join(dataDir, file)).toString('latin1'))
        .join('')
        .split(CHILD).length - 1;
    const deps = { database: context.database, clock };
    // As every Accord before secure_delete: each changed version leaves the old in free pages.
    await sql`pragma secure_delete = OFF`.execute(db);
    const cast = await aDisagreementCast(context.database);
    clock.set('2019-03-04T10:00:00Z');
    let disagreement: Disagreement = await aCase(deps, cast, {
      raisedAt: '2019-03-04T10:00:00Z',
      children: [{ firstName: CHILD, lastName: 'X', dateOfBirth: '2015-01-01' }],
      summary: `${CHILD} summary`,
    });
    const act = async (
      command: Parameters<typeof runCaseAction>[1],
      input: Record<string, unknown>,
      by: Person,
      at: string,
    ) => {
      clock.set(at);
      disagreement = await runCaseAction(
        deps,
        command,
        { id: disagreement.id, version: disagreement.version, input: input as never },
        await contextOf(context.database, by),
      );
    };
    // The reviewer's sequence of discussions (issue 12's review), whose pages it left behind.
    const hours = [...Array.from({ length: 14 }, (_, i) => 10 + i), 10, 11, 12, 13, 14, 15];
    for (const hour of hours) {
      await act(
        recordDiscussion,
        {
          occurredAt: `2019-03-04T${hour}:00:00Z`,
          mode: 'phone',
          participants: ['Gran'],
          summary: 'talked about what the school saw, at some length '.repeat(5),
        },
        cast.school.practitioner,
        '2019-03-04T23:30:00Z',
      );
    }
    await act(
      proposeOutcome,
      { occurredAt: '2019-03-05T10:00:00Z', agreedOutcome: 'Agreed', actions: [] },
      cast.school.practitioner,
      '2019-03-05T10:00:00Z',
    );
    await act(confirmOutcome, {}, cast.socialCare.practitioner, '2019-03-06T10:00:00Z');
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    // Then upgraded to the Accord that turns it on.
    await sql`pragma secure_delete = ON`.execute(db);
    clock.set(NOW);

    assert.ok(timesInTheFiles() > 1, 'old versions of the case are in free pages');

    const run = await runRetention(deps);

    assert.equal(run.purged, 1);
    assert.equal(run.bytesReleased, true);
    assert.equal(timesInTheFiles(), 0);
    assert.equal((await settingsRepository(db).get('retention.sqlite-vacuumed'))?.value, 'yes');
  });
});
