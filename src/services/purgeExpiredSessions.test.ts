import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aPerson } from '../../test/factories.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { accountRepository } from '../db/repositories/accountRepository.ts';
import { sessionRepository } from '../db/repositories/sessionRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import { keptAnswers } from './keptAnswers.ts';
import { purgeExpiredSessions } from './purgeExpiredSessions.ts';

describeOnEachDatabase('purging expired sessions', (context) => {
  test('expired sessions and their drafts go; live sessions and current throttles stay', async () => {
    const sessions = sessionRepository(context.database.db);
    const accounts = accountRepository(context.database.db);
    const draft = { raiseDraft: { children: [{ firstName: 'Ada', lastName: 'Example' }] } };
    await sessions.save(
      'expired',
      {
        personId: null,
        data: draft,
        createdAt: '2026-11-24T08:00:00.000Z',
        expiresAt: '2026-11-24T09:30:00.000Z',
      },
      '2026-11-24T09:00:00.000Z',
    );
    await sessions.save(
      'live',
      {
        personId: null,
        data: draft,
        createdAt: '2026-11-24T09:50:00.000Z',
        expiresAt: '2026-11-24T10:20:00.000Z',
      },
      '2026-11-24T09:50:00.000Z',
    );
    await accounts.saveThrottle({
      key: 'stale',
      failures: 2,
      first_failure_at: '2026-11-24T09:00:00.000Z',
      locked_until: null,
    });
    await accounts.saveThrottle({
      key: 'locked',
      failures: 5,
      first_failure_at: '2026-11-24T09:00:00.000Z',
      locked_until: '2026-11-24T10:10:00.000Z',
    });
    await accounts.saveThrottle({
      key: 'recent',
      failures: 1,
      first_failure_at: '2026-11-24T09:55:00.000Z',
      locked_until: null,
    });

    const purged = await purgeExpiredSessions({
      database: context.database,
      clock: fixedClock('2026-11-24T10:00:00Z'),
    });

    assert.deepEqual(purged, { sessions: 1, throttles: 1, keptAnswers: 0 });
    assert.equal(await sessions.get('expired'), undefined);
    assert.ok(await sessions.get('live'));
    assert.equal(await accounts.throttle('stale'), undefined);
    assert.ok(await accounts.throttle('locked'), 'a lock-out still in force stays');
    assert.ok(await accounts.throttle('recent'));
  });

  test('a person’s ended session is emptied at once but says whose it was for 12 hours', async () => {
    const sessions = sessionRepository(context.database.db);
    const person = await aPerson(context.database);
    const draft = { raiseDraft: { children: [{ firstName: 'Ada', lastName: 'Example' }] } };
    await sessions.save(
      'ended-signed-in',
      {
        personId: person.id,
        data: draft,
        createdAt: '2026-11-24T09:00:00.000Z',
        expiresAt: '2026-11-24T09:30:00.000Z',
      },
      '2026-11-24T09:00:00.000Z',
    );
    const purge = (at: string) =>
      purgeExpiredSessions({ database: context.database, clock: fixedClock(at) });

    await purge('2026-11-24T10:00:00Z');
    assert.deepEqual((await sessions.get('ended-signed-in'))?.data, {}, 'the draft has gone');
    assert.equal((await sessions.get('ended-signed-in'))?.personId, person.id);

    await purge('2026-11-24T21:30:00Z');
    assert.equal(await sessions.get('ended-signed-in'), undefined, 'forgotten after 12 hours');
  });

  test('answers kept after a session ended are deleted when they expire, two hours on', async () => {
    const person = await aPerson(context.database);
    const kept = keptAnswers({
      database: context.database,
      clock: fixedClock('2026-11-24T10:00:00Z'),
    });
    const id = await kept.keep({
      personId: person.id,
      path: '/disagreements/x/record-discussion',
      answers: { summary: 'What Ada said' },
    });
    assert.ok(id);
    const purge = (at: string) =>
      purgeExpiredSessions({ database: context.database, clock: fixedClock(at) });
    assert.equal((await purge('2026-11-24T11:59:00Z')).keptAnswers, 0);
    assert.equal((await purge('2026-11-24T12:00:00Z')).keptAnswers, 1);
    const rows = await context.database.db.selectFrom('kept_answers').selectAll().execute();
    assert.deepEqual(rows, []);
  });
});
