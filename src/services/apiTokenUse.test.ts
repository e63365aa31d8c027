import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aDisagreementCast } from '../../test/factories.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { apiTokenRepository } from '../db/repositories/apiTokenRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import { authenticateApiToken, createApiToken } from './apiTokens.ts';
import { commandLine } from './requestContext.ts';

describeOnEachDatabase('when a token was last used', (context) => {
  test('is kept to the minute: uses within a minute of the last write nothing', async () => {
    const clock = fixedClock('2026-12-07T10:00:00Z');
    const deps = { database: context.database, clock };
    const cast = await aDisagreementCast(context.database);
    const { id, token } = await createApiToken(
      deps,
      { personId: cast.team.id, name: 'reports' },
      commandLine,
    );
    const lastUsed = async () =>
      (await apiTokenRepository(context.database.db).get(id))?.lastUsedAt;
    assert.equal(await lastUsed(), null);

    assert.ok(await authenticateApiToken(deps, token));
    assert.equal(await lastUsed(), '2026-12-07T10:00:00.000Z');
    clock.set('2026-12-07T10:00:59Z');
    assert.ok(await authenticateApiToken(deps, token));
    assert.equal(
      await lastUsed(),
      '2026-12-07T10:00:00.000Z',
      'not written again within the minute',
    );
    clock.set('2026-12-07T10:01:00Z');
    assert.ok(await authenticateApiToken(deps, token));
    assert.equal(await lastUsed(), '2026-12-07T10:01:00.000Z');
  });
});
