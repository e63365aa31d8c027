import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { accountRepository } from '../db/repositories/accountRepository.ts';
import { sessionRepository } from '../db/repositories/sessionRepository.ts';
import { fixedClock } from '../domain/clock.ts';
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

    assert.deepEqual(purged, { sessions: 1, throttles: 1 });
    assert.equal(await sessions.get('expired'), undefined);
    assert.ok(await sessions.get('live'));
    assert.equal(await accounts.throttle('stale'), undefined);
    assert.ok(await accounts.throttle('locked'), 'a lock-out still in force stays');
    assert.ok(await accounts.throttle('recent'));
  });
});
