import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { aPerson, setUpAccord } from '../../../../test/factories.ts';
import { cookieFrom, csrfTokenIn, signIn } from '../../../../test/signIn.ts';
import { buildTestApp, testConfig } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { runCli } from '../../../cli/main.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Person } from '../../../domain/directory/directory.ts';

describeOnEachDatabase('one-time links to set a password', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  let app: FastifyInstance;
  let newcomer: Person;
  before(async () => {
    const { partnershipId } = await setUpAccord(context.database);
    newcomer = await aPerson(context.database, {
      partnershipId,
      name: 'Nia Example',
      password: null,
    });
    app = await buildTestApp({ database: context.database, clock });
  });

  async function linkFor(email: string): Promise<string> {
    const out: string[] = [];
    const exitCode = await runCli(['account', 'password-link', '--user', email], {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => out.push(text) },
      loadConfig: () =>
        testConfig({
          ...context.environment,
          BASE_URL: 'https://accord.example.org',
        }),
    });
    assert.equal(exitCode, 0, out.join(''));
    return out.join('').trim();
  }

  test('an administrator’s link lets a person set their password once, then sign in with it', async () => {
    const token = (await linkFor(newcomer.email)).split('/').at(-1) ?? '';
    const url = `/set-password/${token}`;
    const page = await app.inject({ method: 'GET', url });
    assert.equal(page.statusCode, 200);
    assert.match(cheerio.load(page.body)('main').text(), /This is for Nia Example/);
    const cookie = cookieFrom(page);

    const weak = await app.inject({
      method: 'POST',
      url,
      headers: { cookie },
      payload: { _csrf: csrfTokenIn(page.body), password: 'password' },
    });
    assert.equal(weak.statusCode, 400);
    assert.match(cheerio.load(weak.body)('.govuk-error-summary').text(), /15 characters or more/);

    const set = await app.inject({
      method: 'POST',
      url,
      headers: { cookie },
      payload: { _csrf: csrfTokenIn(weak.body), password: 'meadow lantern copper harbour' },
    });
    assert.equal(set.statusCode, 303);
    assert.equal(set.headers.location, '/sign-in?passwordSet=yes');
    await signIn(app, newcomer.email, 'meadow lantern copper harbour');
    assert.equal((await app.inject({ method: 'GET', url })).statusCode, 404, 'used once only');
  });

  test('a link expires after 24 hours', async () => {
    const { createPasswordLink } = await import('../../../services/passwordLinks.ts');
    const token = await createPasswordLink({ database: context.database, clock }, newcomer.id, {
      actor: null,
      via: 'cli',
      requestId: null,
    });
    clock.set('2026-11-25T10:00:01Z');
    assert.equal(
      (await app.inject({ method: 'GET', url: `/set-password/${token}` })).statusCode,
      404,
    );
    clock.set('2026-11-24T10:00:00Z');
  });

  test('accord account password-link prints only the link, for an active person', async () => {
    const link = await linkFor(newcomer.email);
    assert.match(link, /^https:\/\/accord\.example\.org\/set-password\/[\w-]{43}$/);
  });
});
