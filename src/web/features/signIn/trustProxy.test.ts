import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aPerson, setUpAccord, TEST_PASSWORD } from '../../../../test/factories.ts';
import { cookieFrom, csrfTokenIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';

const proxy = '10.0.0.2';

describeOnEachDatabase('sign-in throttles behind a proxy named by its address', (context) => {
  const running = useTestApp(context, {
    clock: fixedClock('2026-11-24T10:00:00Z'),
    env: { TRUST_PROXY: proxy },
  });

  /** A try through the proxy, which appends the address it saw to what the browser sent. */
  async function viaProxy(email: string, password: string, forwardedFor: string) {
    const { app } = running;
    const headers = { 'x-forwarded-for': forwardedFor };
    const page = await app.inject({
      method: 'GET',
      url: '/sign-in',
      headers,
      remoteAddress: proxy,
    });
    return app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { ...headers, cookie: cookieFrom(page) },
      payload: { email, password, _csrf: csrfTokenIn(page.body) },
      remoteAddress: proxy,
    });
  }

  test('a forged leftmost X-Forwarded-For neither dodges the address throttle nor makes another address wait', async () => {
    const { partnershipId } = await setUpAccord(context.database);
    const colleague = await aPerson(context.database, { partnershipId });
    const guesser = '198.51.100.99';
    const office = '203.0.113.7';
    // The guesser claims a new address each time, and the office's among them.
    for (let i = 0; i < 19; i++) {
      const forged = i % 2 === 0 ? office : `192.0.2.${i}`;
      const response = await viaProxy(`nobody${i}@example.org`, 'guess', `${forged}, ${guesser}`);
      assert.equal(response.statusCode, 401, `try ${i}`);
    }
    const next = await viaProxy('nobody@example.org', 'guess', `192.0.2.200, ${guesser}`);
    assert.equal(next.statusCode, 429, "the 20th failure from the guesser's own address waits");
    const fromOffice = await viaProxy(colleague.email, TEST_PASSWORD, office);
    assert.equal(fromOffice.statusCode, 303, 'the office is not kept waiting');
  });
});
