import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { verifyAuditLog } from '../../src/services/verifyAuditLog.ts';
import { aPerson, setUpAccord } from '../factories.ts';
import { buildTestApp } from '../testApp.ts';
import { createMigratedDatabase, type ScratchDatabase } from '../testDatabase.ts';
import { accessibilityViolations, browserSkipReason, launchBrowser } from './browser.ts';
import { freePort, type LocalOidcProvider, startLocalOidcProvider } from './localOidcProvider.ts';

// Sign-in with a real OpenID Connect provider (oidc-provider) started here, in Chromium.

const skip = browserSkipReason;
// What the provider says about each of its accounts; the tests change it between sign-ins.
const accounts = new Map<string, { email: string; email_verified: boolean }>();

let scratch: ScratchDatabase;
let database: Database;
let app: FastifyInstance;
let provider: LocalOidcProvider;
let browser: Browser;
let accordUrl: string;
let adaId: string;

before(async () => {
  if (skip) return;
  const accordPort = await freePort();
  accordUrl = `http://127.0.0.1:${accordPort}`;
  provider = await startLocalOidcProvider({
    accordUrl,
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    accountClaims: (id) => accounts.get(id) ?? {},
  });
  const { issuer } = provider;

  scratch = await createMigratedDatabase('sqlite');
  database = openDatabase(scratch.target);
  const { partnershipId } = await setUpAccord(database);
  adaId = (
    await aPerson(database, {
      partnershipId,
      email: 'ada@example.org',
      name: 'Ada Example',
      password: null,
    })
  ).id;
  app = await buildTestApp({
    database,
    env: {
      BASE_URL: accordUrl,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'accord',
      OIDC_CLIENT_SECRET: 'a-client-secret-for-the-tests-only',
    },
  });
  await app.listen({ port: accordPort, host: '127.0.0.1' });
  browser = await launchBrowser();
});
after(async () => {
  if (skip) return;
  await browser?.close();
  await app?.close();
  await provider?.close();
  await database?.close();
  await scratch?.remove();
});

/** Signs in at the provider as `login`, from Accord's sign-in page, in a fresh browser. */
async function signInAtProvider(login: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${accordUrl}/sign-in`);
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByRole('button', { name: 'Sign in with your organisation’s account' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password will do here');
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]', { hasText: 'Continue' });
  if (await consent.count()) await consent.click();
  await page.waitForURL(`${accordUrl}/**`);
  return page;
}

/** Ada signed in through the provider once more, so her account is linked whatever ran before. */
async function adaLinked(): Promise<void> {
  accounts.set('entra-object-ada', { email: 'ada@example.org', email_verified: true });
  const page = await signInAtProvider('entra-object-ada');
  await page.goto(`${accordUrl}/account`);
  await page.locator('#main-content').getByText('Ada Example').waitFor();
  await page.context().close();
}

test('the first sign-in links the account by verified e-mail; later ones find it by subject alone', {
  skip,
}, async () => {
  accounts.set('entra-object-ada', { email: 'ada@example.org', email_verified: true });
  const first = await signInAtProvider('entra-object-ada');
  await first.getByRole('heading', { level: 1, name: 'Waiting for you' }).waitFor();
  await first.goto(`${accordUrl}/account`);
  await first.locator('#main-content').getByText('Ada Example').waitFor();

  // The provider now reports another address: the link by subject still finds Ada.
  accounts.set('entra-object-ada', { email: 'ada.renamed@example.org', email_verified: true });
  const second = await signInAtProvider('entra-object-ada');
  await second.goto(`${accordUrl}/account`);
  await second.locator('#main-content').getByText('Ada Example').waitFor();
});

test("another provider account with Ada's e-mail is not linked to her", { skip }, async () => {
  await adaLinked();
  accounts.set('entra-object-mallory', { email: 'ada@example.org', email_verified: true });
  const page = await signInAtProvider('entra-object-mallory');
  await page.getByText('already linked to a different organisation account').waitFor();
  assert.equal(new URL(page.url()).pathname, '/sign-in/oidc/callback');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.goto(`${accordUrl}/account`);
  assert.equal(new URL(page.url()).pathname, '/sign-in');
});

test('an unverified e-mail address, or one not in the directory, signs nobody in', {
  skip,
}, async () => {
  accounts.set('entra-object-unverified', { email: 'ben@example.org', email_verified: false });
  const unverified = await signInAtProvider('entra-object-unverified');
  await unverified.getByText('did not confirm your e-mail address').waitFor();
  accounts.set('entra-object-stranger', { email: 'stranger@example.org', email_verified: true });
  const stranger = await signInAtProvider('entra-object-stranger');
  await stranger.getByText('is not in Accord’s directory').waitFor();
});

test('every sign-in is in an intact audit log, Ada linked once however often she signs in', {
  skip,
}, async () => {
  await adaLinked();
  await adaLinked();
  accounts.set('entra-object-mallory', { email: 'ada@example.org', email_verified: true });
  await (await signInAtProvider('entra-object-mallory'))
    .getByText('already linked to a different organisation account')
    .waitFor();
  const check = await verifyAuditLog(database);
  assert.equal(check.intact, true);
  const rows = await database.db
    .selectFrom('audit_log')
    .select(['action', 'record_id'])
    .where('action', '=', 'identity.linked')
    .execute();
  assert.deepEqual(
    rows.map((row) => ({ ...row })),
    [{ action: 'identity.linked', record_id: adaId }],
  );
});
