import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { aPartnership, aPerson, setUpAccord, TEST_PASSWORD } from '../../../../test/factories.ts';
import { cookieFrom, csrfTokenIn, signIn } from '../../../../test/signIn.ts';
import { buildTestApp } from '../../../../test/testApp.ts';
import {
  createScratchDatabase,
  databaseKindsToTest,
  describeOnEachDatabase,
} from '../../../../test/testDatabase.ts';
import { openDatabase } from '../../../db/database.ts';
import { migrateToLatest } from '../../../db/migrate.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { openSetup } from '../../../services/setupCode.ts';

const strongPassword = 'lantern orchard velvet compass';

for (const { kind, skip } of databaseKindsToTest()) {
  describe(`first-run setup [${kind}]`, { skip }, () => {
    test('an empty database shows setup, which creates the partnership and its administrator once', async (t) => {
      const scratch = await createScratchDatabase(kind);
      const database = openDatabase(scratch.target);
      await migrateToLatest(database.db);
      const app = await buildTestApp({ database });
      const setupCode = await openSetup({ database, clock: fixedClock('2026-11-24T09:00:00Z') });
      assert.ok(setupCode);
      t.after(async () => {
        await app.close();
        await database.close();
        await scratch.remove();
      });

      const home = await app.inject({ method: 'GET', url: '/' });
      assert.equal(home.statusCode, 302);
      assert.equal(home.headers.location, '/setup');
      const page = await app.inject({ method: 'GET', url: '/setup' });
      const cookie = cookieFrom(page);
      const csrf = csrfTokenIn(page.body);
      assert.equal(cheerio.load(page.body)('input[name="protocolId"]').length, 4);

      const bad = await app.inject({
        method: 'POST',
        url: '/setup',
        headers: { cookie },
        payload: {
          _csrf: csrf,
          setupCode,
          partnershipName: '',
          name: 'Ada Example',
          email: 'not an email',
          password: 'short',
        },
      });
      assert.equal(bad.statusCode, 400);
      const $ = cheerio.load(bad.body);
      assert.equal($('title').text().trim(), 'Error: Set up Accord – Accord');
      assert.deepEqual(
        $('.govuk-error-summary__list a')
          .map((_, a) => $(a).attr('href'))
          .get(),
        ['#partnershipName', '#protocolId', '#email', '#password'],
      );
      assert.equal(
        (await app.inject({ method: 'GET', url: '/' })).headers.location,
        '/setup',
        'nothing stored',
      );

      const done = await app.inject({
        method: 'POST',
        url: '/setup',
        headers: { cookie },
        payload: {
          _csrf: csrf,
          setupCode,
          partnershipName: 'Riverside Safeguarding Children Partnership',
          protocolId: 'humber',
          name: 'Ada Example',
          email: 'ada@example.org',
          password: strongPassword,
        },
      });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/account?setUp=yes');
      const account = await app.inject({
        method: 'GET',
        url: '/account',
        headers: { cookie: cookieFrom(done, cookie) },
      });
      assert.match(
        cheerio.load(account.body)('.govuk-summary-list').text(),
        /Administrator, Partnership team/,
      );
      assert.equal((await app.inject({ method: 'GET', url: '/setup' })).statusCode, 404);
      assert.equal((await app.inject({ method: 'GET', url: '/' })).statusCode, 200);
    });
  });
}

describeOnEachDatabase('signing in', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  let app: FastifyInstance;
  let partnershipId: string;
  before(async () => {
    partnershipId = (await setUpAccord(context.database)).partnershipId;
    app = await buildTestApp({ database: context.database, clock });
  });

  async function attempt(email: string, password: string, remoteAddress = '127.0.0.1') {
    const page = await app.inject({ method: 'GET', url: '/sign-in' });
    const started = performance.now();
    const response = await app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress,
      headers: { cookie: cookieFrom(page) },
      payload: { email, password, _csrf: csrfTokenIn(page.body) },
    });
    return { response, ms: performance.now() - started, cookieBefore: cookieFrom(page) };
  }

  test('a wrong password and an unknown account get the same answer, each after a password check', async () => {
    const person = await aPerson(context.database, { partnershipId });
    const wrong = await attempt(person.email, 'not the password at all');
    const unknown = await attempt('nobody-here@example.org', 'not the password at all');
    for (const { response, ms } of [wrong, unknown]) {
      assert.equal(response.statusCode, 401);
      assert.equal(
        cheerio.load(response.body)('.govuk-error-summary a').text(),
        'Enter a correct e-mail address and password',
      );
      assert.ok(ms > 10, `an argon2id check takes time (${ms.toFixed(1)} ms)`);
    }
  });

  test('signing in starts a new session, in an HttpOnly SameSite=Lax cookie', async () => {
    const person = await aPerson(context.database, { partnershipId });
    const { response, cookieBefore } = await attempt(person.email, TEST_PASSWORD);
    assert.equal(response.statusCode, 303);
    const setCookie = String(response.headers['set-cookie']);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.doesNotMatch(setCookie, /Secure/);
    assert.notEqual(cookieFrom(response), cookieBefore, 'the session id changes at sign-in');
  });

  test('five failures make the next try wait, account or not', async () => {
    const person = await aPerson(context.database, { partnershipId });
    for (let i = 0; i < 5; i++) await attempt(person.email, `wrong password ${i}`);
    const locked = await attempt(person.email, TEST_PASSWORD);
    assert.equal(locked.response.statusCode, 429);
    assert.match(locked.response.body, /tried to sign in too many times/);
    for (let i = 0; i < 5; i++) await attempt('ghost@example.org', `wrong password ${i}`);
    assert.equal((await attempt('ghost@example.org', 'anything at all')).response.statusCode, 429);
    clock.set('2026-11-24T10:16:00Z');
    assert.equal((await attempt(person.email, TEST_PASSWORD)).response.statusCode, 303);
    clock.set('2026-11-24T10:00:00Z');
  });

  const errorOf = (response: { body: string }) =>
    cheerio.load(response.body)('.govuk-error-summary a').text();

  test("a stranger's wrong passwords make the stranger wait, longer each time, but not the owner", async () => {
    const owner = await aPerson(context.database, { partnershipId });
    const stranger = '198.51.100.7';
    clock.set('2026-11-24T11:00:00Z');
    for (let i = 0; i < 4; i++) {
      assert.equal((await attempt(owner.email, `guess ${i}`, stranger)).response.statusCode, 401);
    }
    const fifth = await attempt(owner.email, 'guess 4', stranger);
    assert.equal(fifth.response.statusCode, 429);
    assert.equal(fifth.response.headers['retry-after'], '30');
    assert.equal(
      errorOf(fifth.response),
      'You have tried to sign in too many times. Wait 30 seconds before you try again',
    );
    // While the stranger waits, even the right password is not tried, and the wait does not grow.
    clock.set('2026-11-24T11:00:20Z');
    const early = await attempt(owner.email, TEST_PASSWORD, stranger);
    assert.equal(early.response.statusCode, 429);
    assert.match(errorOf(early.response), /Wait 10 seconds before you try again$/);

    // The owner, from their own address, is not kept out at all.
    const ownerSignsIn = await attempt(owner.email, TEST_PASSWORD, '203.0.113.20');
    assert.equal(ownerSignsIn.response.statusCode, 303);

    // Each further failure doubles the stranger's wait, up to a quarter of an hour.
    const waits: string[] = [];
    let at = Temporal.Instant.from('2026-11-24T11:00:30Z');
    for (let i = 5; i < 12; i++) {
      clock.set(at.toString());
      const response = (await attempt(owner.email, `guess ${i}`, stranger)).response;
      assert.equal(response.statusCode, 429);
      waits.push(String(response.headers['retry-after']));
      at = at.add({ seconds: Number(response.headers['retry-after']) });
    }
    assert.deepEqual(waits, ['60', '120', '240', '480', '900', '900', '900']);
    clock.set('2026-11-24T10:00:00Z');
  });

  test('guesses at one account from many addresses slow its owner by a minute at most', async () => {
    const owner = await aPerson(context.database, { partnershipId });
    let at = Temporal.Instant.from('2026-11-24T12:00:00Z');
    const waits: number[] = [];
    for (let i = 0; i < 20; i++) {
      // Each guess from a new address, the moment the account's wait is over.
      clock.set(at.toString());
      const response = (await attempt(owner.email, `guess ${i}`, `198.51.100.${100 + i}`)).response;
      const wait = Number(response.headers['retry-after'] ?? 0);
      waits.push(wait);
      at = at.add({ seconds: wait });
    }
    assert.deepEqual(waits.slice(8), [0, 30, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60]);
    clock.set(at.toString());
    const owners = await attempt(owner.email, TEST_PASSWORD, '203.0.113.21');
    assert.equal(owners.response.statusCode, 303, 'once the last wait is over, the owner is in');
    clock.set('2026-11-24T10:00:00Z');
  });

  test('a form without its CSRF token is refused', async () => {
    const person = await aPerson(context.database, { partnershipId });
    const page = await app.inject({ method: 'GET', url: '/sign-in' });
    const response = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: cookieFrom(page) },
      payload: { email: person.email, password: TEST_PASSWORD },
    });
    assert.equal(response.statusCode, 403);
  });

  test('a session ends after 30 minutes idle, and after 12 hours whatever happens', async () => {
    const person = await aPerson(context.database, { partnershipId });
    clock.set('2026-11-24T10:00:00Z');
    const browser = await signIn(app, person.email);
    const account = () =>
      app.inject({ method: 'GET', url: '/account', headers: { cookie: browser.cookie } });
    clock.set('2026-11-24T10:29:00Z');
    assert.equal((await account()).statusCode, 200);
    clock.set('2026-11-24T11:00:00Z');
    assert.equal((await account()).statusCode, 302, 'idle for 31 minutes');

    clock.set('2026-11-24T10:00:00Z');
    const busy = await signIn(app, person.email);
    for (let minutes = 20; minutes <= 12 * 60; minutes += 20) {
      clock.set(Temporal.Instant.from('2026-11-24T10:00:00Z').add({ minutes }).toString());
      const response = await app.inject({
        method: 'GET',
        url: '/account',
        headers: { cookie: busy.cookie },
      });
      assert.equal(response.statusCode, 200, `still signed in after ${minutes} minutes`);
    }
    clock.set('2026-11-24T22:01:00Z');
    assert.equal(
      (await app.inject({ method: 'GET', url: '/account', headers: { cookie: busy.cookie } }))
        .statusCode,
      302,
    );
    clock.set('2026-11-24T10:00:00Z');
  });

  test('signing out everywhere ends every session of the person', async () => {
    const person = await aPerson(context.database, { partnershipId });
    const laptop = await signIn(app, person.email);
    const phone = await signIn(app, person.email);
    const out = await app.inject({
      method: 'POST',
      url: '/account/sign-out-everywhere',
      headers: { cookie: laptop.cookie },
      payload: { _csrf: laptop.csrfToken },
    });
    assert.equal(out.statusCode, 303);
    for (const browser of [laptop, phone]) {
      const response = await app.inject({
        method: 'GET',
        url: '/account',
        headers: { cookie: browser.cookie },
      });
      assert.equal(response.statusCode, 302);
    }
  });

  test('pages for signed-in people are never cached', async () => {
    const person = await aPerson(context.database, { partnershipId });
    const browser = await signIn(app, person.email);
    const response = await app.inject({
      method: 'GET',
      url: '/account',
      headers: { cookie: browser.cookie },
    });
    assert.equal(response.headers['cache-control'], 'no-store');
  });
});

describeOnEachDatabase('API tokens and the directory API', (context) => {
  let app: FastifyInstance;
  let partnershipId: string;
  before(async () => {
    partnershipId = (await setUpAccord(context.database)).partnershipId;
    app = await buildTestApp({ database: context.database });
  });

  async function createToken(browser: { cookie: string; csrfToken: string }, password: string) {
    return app.inject({
      method: 'POST',
      url: '/account/tokens',
      headers: { cookie: browser.cookie },
      payload: { _csrf: browser.csrfToken, name: 'Case system', password },
    });
  }

  test('a token is created only after the password is given again, shown once, and acts as its person', async () => {
    const person = await aPerson(context.database, { partnershipId, name: 'Tia Example' });
    const browser = await signIn(app, person.email);
    assert.equal((await createToken(browser, 'not my password at all')).statusCode, 401);

    const created = await createToken(browser, TEST_PASSWORD);
    assert.equal(created.statusCode, 200);
    const token = cheerio.load(created.body)('[data-testid="new-token"]').text();
    assert.match(token, /^accord_[\w-]{43}$/);
    const again = await app.inject({
      method: 'GET',
      url: '/account',
      headers: { cookie: browser.cookie },
    });
    assert.doesNotMatch(again.body, new RegExp(token));

    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(me.statusCode, 200);
    assert.deepEqual(me.json(), {
      id: person.id,
      name: 'Tia Example',
      email: person.email,
      role: 'practitioner',
      roles: ['practitioner'],
      agencyId: null,
      partnershipId,
    });
    assert.equal(me.headers['cache-control'], 'no-store');

    const listed = await app.inject({
      method: 'GET',
      url: '/account',
      headers: { cookie: browser.cookie },
    });
    assert.doesNotMatch(
      cheerio.load(listed.body)('table').text(),
      /Never/,
      'the last use is shown',
    );

    const tokenId = cheerio
      .load(listed.body)('form[action$="/revoke"]')
      .attr('action')
      ?.split('/')[3];
    await app.inject({
      method: 'POST',
      url: `/account/tokens/${tokenId}/revoke`,
      headers: { cookie: browser.cookie },
      payload: { _csrf: browser.csrfToken },
    });
    const revoked = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(revoked.statusCode, 401);
  });

  test('the API refuses a missing or made-up token with a 401 problem', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer accord_madeup' },
      { authorization: 'Basic abc' },
    ]) {
      const response = await app.inject({ method: 'GET', url: '/api/v1/partnerships', headers });
      assert.equal(response.statusCode, 401);
      assert.match(response.headers['content-type'] ?? '', /^application\/problem\+json/);
      assert.equal(response.json().status, 401);
    }
  });

  test('directory reads show a person their own partnership, an admin every one, and 404 otherwise', async () => {
    const other = await aPartnership(context.database);
    const person = await aPerson(context.database, { partnershipId });
    const admin = await aPerson(context.database, { roles: ['admin'] });
    const tokenOf = async (personId: string) =>
      (await import('../../../services/apiTokens.ts')).createApiToken(
        { database: context.database, clock: fixedClock('2026-11-24T10:00:00Z') },
        { personId, name: 'test' },
        { actor: null, via: 'cli', requestId: null },
      );
    const personToken = (await tokenOf(person.id)).token;
    const adminToken = (await tokenOf(admin.id)).token;
    const get = (url: string, token: string) =>
      app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

    const own = (await get('/api/v1/partnerships', personToken)).json();
    assert.deepEqual(
      own.map((p: { id: string }) => p.id),
      [partnershipId],
    );
    assert.deepEqual(Object.keys(own[0]).sort(), [
      'calendar',
      'id',
      'name',
      'protocolId',
      'protocolVersion',
      'timeZone',
      'workingHours',
      'workingWeekdays',
    ]);
    const all = (await get('/api/v1/partnerships', adminToken))
      .json()
      .map((p: { id: string }) => p.id);
    assert.ok(all.includes(partnershipId) && all.includes(other.id));

    for (const path of ['protocol', 'local-authorities', 'agencies', 'people']) {
      assert.equal(
        (await get(`/api/v1/partnerships/${partnershipId}/${path}`, personToken)).statusCode,
        200,
        path,
      );
      assert.equal(
        (await get(`/api/v1/partnerships/${other.id}/${path}`, personToken)).statusCode,
        404,
        path,
      );
      assert.equal(
        (await get(`/api/v1/partnerships/${other.id}/${path}`, adminToken)).statusCode,
        200,
        path,
      );
    }
    const protocol = (
      await get(`/api/v1/partnerships/${partnershipId}/protocol`, personToken)
    ).json();
    assert.equal(protocol.id, 'pan-lancashire');
    assert.deepEqual(protocol.stages[0], {
      key: 'initial',
      number: null,
      name: 'Initial challenge',
      timescale: { unit: null, amount: null },
    });
    assert.deepEqual(protocol.stages[1].timescale, { unit: 'workingDays', amount: 5 });
  });
});
