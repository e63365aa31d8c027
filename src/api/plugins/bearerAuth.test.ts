import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aPerson, setUpAccord } from '../../../test/factories.ts';
import { signIn } from '../../../test/signIn.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';
import { fixedClock } from '../../domain/clock.ts';
import { createApiToken } from '../../services/apiTokens.ts';
import { commandLine } from '../../services/requestContext.ts';

describeOnEachDatabase('API authentication', (context) => {
  const server = useTestApp(context);

  test('a token acts as its own person, whatever session cookie comes with it', async () => {
    const { partnershipId } = await setUpAccord(context.database);
    const tokenHolder = await aPerson(context.database, { partnershipId });
    const cookieHolder = await aPerson(context.database, {
      partnershipId,
      roles: ['partnership-team'],
    });
    const { token } = await createApiToken(
      { database: context.database, clock: fixedClock('2026-11-24T10:00:00Z') },
      { personId: tokenHolder.id, name: 'test' },
      commandLine,
    );
    const browser = await signIn(server.app, cookieHolder.email);

    const both = await server.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}`, cookie: browser.cookie },
    });
    assert.equal(both.statusCode, 200);
    assert.equal(both.json().id, tokenHolder.id);

    const cookieOnly = await server.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: browser.cookie },
    });
    assert.equal(cookieOnly.statusCode, 401, 'a session cookie alone is no way into the API');
  });
});
