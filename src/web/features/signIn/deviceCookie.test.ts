import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aPerson, setUpAccord, TEST_PASSWORD } from '../../../../test/factories.ts';
import { cookieFrom, csrfTokenIn, deviceCookieFrom, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';

describeOnEachDatabase('sign-in device cookies', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const running = useTestApp(context, { clock });

  /** One sign-in try through the form, from an address, with a device cookie or none. */
  async function attempt(email: string, password: string, address: string, device = '') {
    const { app } = running;
    const page = await app.inject({ method: 'GET', url: '/sign-in', remoteAddress: address });
    const cookie = [cookieFrom(page), device].filter(Boolean).join('; ');
    return app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress: address,
      headers: { cookie },
      payload: { email, password, _csrf: csrfTokenIn(page.body) },
    });
  }

  test('signing in with a password gives the browser an HttpOnly, SameSite=Strict device cookie for the sign-in page', async () => {
    const { partnershipId } = await setUpAccord(context.database);
    const person = await aPerson(context.database, { partnershipId });
    const response = await attempt(person.email, TEST_PASSWORD, '203.0.113.80');
    assert.equal(response.statusCode, 303);
    const setCookie = [response.headers['set-cookie']]
      .flat()
      .find((cookie) => cookie?.startsWith('accord_device='));
    assert.ok(setCookie);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.match(setCookie, /Path=\/sign-in/);
    assert.match(setCookie, /Max-Age=15552000/);
    assert.doesNotMatch(setCookie, new RegExp(person.email.split('@')[0] ?? ''));
    const refused = await attempt(person.email, 'not the password', '203.0.113.80');
    assert.equal(refused.statusCode, 401);
    assert.equal(deviceCookieFrom(refused), '', 'only a sign-in that succeeds sets one');
  });

  test("an address's wait keeps out the office, but not who brings their own device cookie; a forged or another account's cookie counts for nothing", async () => {
    const { partnershipId } = await setUpAccord(context.database);
    const owner = await aPerson(context.database, { partnershipId });
    const colleague = await aPerson(context.database, { partnershipId });
    const office = '203.0.113.81';
    clock.set('2026-11-24T11:00:00Z');
    const ownersDevice = deviceCookieFrom(await attempt(owner.email, TEST_PASSWORD, office));
    const colleaguesDevice = deviceCookieFrom(
      await attempt(colleague.email, TEST_PASSWORD, office),
    );
    assert.match(ownersDevice, /^accord_device=[\w-]{22}\.\d+\.[\w-]{43}$/);

    // Someone at (or claiming) the office's address guesses at made-up accounts till it waits.
    for (let i = 0; i < 20; i++) await attempt(`nobody${i}@example.org`, 'guess', office);
    assert.equal((await attempt(colleague.email, TEST_PASSWORD, office)).statusCode, 429);

    const forged = ownersDevice.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    assert.equal((await attempt(owner.email, TEST_PASSWORD, office, forged)).statusCode, 429);
    assert.equal(
      (await attempt(owner.email, TEST_PASSWORD, office, colleaguesDevice)).statusCode,
      429,
      "another account's device cookie is no proof for this one",
    );
    assert.equal((await attempt(owner.email, TEST_PASSWORD, office, ownersDevice)).statusCode, 303);
  });

  test("a device cookie's wrong passwords make that device wait", async () => {
    const { partnershipId } = await setUpAccord(context.database);
    const owner = await aPerson(context.database, { partnershipId });
    clock.set('2026-11-24T12:00:00Z');
    const device = deviceCookieFrom(await attempt(owner.email, TEST_PASSWORD, '203.0.113.82'));
    for (let i = 0; i < 4; i++) {
      const address = `198.51.100.${50 + i}`;
      assert.equal((await attempt(owner.email, `guess ${i}`, address, device)).statusCode, 401);
    }
    const fifth = await attempt(owner.email, 'guess 4', '198.51.100.60', device);
    assert.equal(fifth.statusCode, 429);
    assert.equal(fifth.headers['retry-after'], '30');
    const right = await attempt(owner.email, TEST_PASSWORD, '198.51.100.61', device);
    assert.equal(right.statusCode, 429, 'no password is tried while the device waits');
    // The owner's other browsers, without it, go by the usual rules and are not held.
    assert.equal((await attempt(owner.email, TEST_PASSWORD, '203.0.113.83')).statusCode, 303);
  });

  test("a stranger's guesses at the account do not stop its signed-in owner confirming their password, but the session's own wrong ones do", async () => {
    const { partnershipId } = await setUpAccord(context.database);
    const owner = await aPerson(context.database, { partnershipId });
    clock.set('2026-11-24T13:00:00Z');
    const browser = await signIn(running.app, owner.email, TEST_PASSWORD, '203.0.113.84');
    // Eleven guesses from as many addresses: the account-wide throttle now makes tries wait.
    for (let i = 0; i < 11; i++) await attempt(owner.email, `guess ${i}`, `198.51.100.${70 + i}`);
    assert.equal((await attempt(owner.email, TEST_PASSWORD, '203.0.113.85')).statusCode, 429);

    const createToken = (password: string) =>
      running.app.inject({
        method: 'POST',
        url: '/account/tokens',
        remoteAddress: '203.0.113.84',
        headers: { cookie: browser.cookie },
        payload: { name: `Case reports ${password}`, password, _csrf: browser.csrfToken },
      });
    assert.equal((await createToken(TEST_PASSWORD)).statusCode, 200);
    for (let i = 0; i < 5; i++) assert.equal((await createToken(`wrong ${i}`)).statusCode, 401);
    assert.equal((await createToken(TEST_PASSWORD)).statusCode, 401, 'the session now waits');
  });
});
