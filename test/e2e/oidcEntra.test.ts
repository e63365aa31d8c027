import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { aPerson, setUpAccord } from '../factories.ts';
import { buildTestApp } from '../testApp.ts';
import { createMigratedDatabase, type ScratchDatabase } from '../testDatabase.ts';
import { accessibilityViolations, browserSkipReason, launchBrowser } from './browser.ts';
import { freePort, type LocalOidcProvider, startLocalOidcProvider } from './localOidcProvider.ts';

// Sign-in with a local provider that issues tokens shaped as Microsoft Entra ID's are: under a
// single tenant's issuer (/TENANT-ID/v2.0), with tid and oid, an unverified email claim (or
// only preferred_username) and never email_verified.

const skip = browserSkipReason;
const tenant = '0b3c8f7e-1a2d-4c5e-9f6a-7b8c9d0e1f2a';
const otherTenant = '7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a098';
type EntraAccount = { tid: string; oid: string; email?: string; preferred_username?: string };
// What the provider says about each of its accounts; the tests change it between sign-ins.
const accounts = new Map<string, EntraAccount>();

let scratch: ScratchDatabase;
let database: Database;
let app: FastifyInstance;
let provider: LocalOidcProvider;
let browser: Browser;
let accordUrl: string;
let graceId: string;

before(async () => {
  if (skip) return;
  const accordPort = await freePort();
  accordUrl = `http://127.0.0.1:${accordPort}`;
  // Under the tenant's path, as login.microsoftonline.com answers; as Entra, tid and oid in
  // every ID token, email only as an optional claim, unverified.
  provider = await startLocalOidcProvider({
    accordUrl,
    path: `/${tenant}/v2.0`,
    claims: { openid: ['sub', 'tid', 'oid'], email: ['email'], profile: ['preferred_username'] },
    conformIdTokenClaims: false,
    accountClaims: (id) => ({ sub: `pairwise-${id}`, ...(accounts.get(id) ?? {}) }),
  });
  const { issuer } = provider;

  scratch = await createMigratedDatabase('sqlite');
  database = openDatabase(scratch.target);
  const { partnershipId } = await setUpAccord(database);
  graceId = (
    await aPerson(database, {
      partnershipId,
      email: 'grace@example.org',
      name: 'Grace Example',
      password: null,
    })
  ).id;
  await aPerson(database, {
    partnershipId,
    email: 'ben@example.org',
    name: 'Ben Example',
    password: null,
  });
  app = await buildTestApp({
    database,
    env: {
      BASE_URL: accordUrl,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'accord',
      OIDC_CLIENT_SECRET: 'a-client-secret-for-the-tests-only',
    },
    // The local provider stands in for login.microsoftonline.com, which alone config takes for
    // Entra: say its tenant as config would for Microsoft's host.
    configure: (config) =>
      config.oidc ? { ...config, oidc: { ...config.oidc, entraTenant: tenant } } : config,
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
  await page.getByRole('button', { name: 'Sign in with your organisation’s account' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password will do here');
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]', { hasText: 'Continue' });
  if (await consent.count()) await consent.click();
  await page.waitForURL(`${accordUrl}/**`);
  return page;
}

async function signedInAs(page: Page, name: string): Promise<void> {
  await page.goto(`${accordUrl}/account`);
  // The account page's own summary, not the header's "Signed in as".
  await page.locator('#main-content').getByText(name).waitFor();
  await page.context().close();
}

test("Entra's first sign-in, without email_verified, links by e-mail from the tenant's issuer; later ones by object id", {
  skip,
}, async () => {
  const oid = '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
  accounts.set('grace', { tid: tenant, oid, email: 'grace@example.org' });
  await signedInAs(await signInAtProvider('grace'), 'Grace Example');

  // Entra now reports another address: the link by tenant and object id still finds Grace.
  accounts.set('grace', { tid: tenant, oid, email: 'grace.renamed@example.org' });
  await signedInAs(await signInAtProvider('grace'), 'Grace Example');

  const links = await database.db
    .selectFrom('oidc_identities')
    .select(['subject', 'person_id'])
    .execute();
  assert.deepEqual(
    links.map((link) => ({ ...link })),
    [{ subject: `${tenant}/${oid}`, person_id: graceId }],
  );
});

test("without Entra's optional email claim, the user name links the account", {
  skip,
}, async () => {
  accounts.set('ben', {
    tid: tenant,
    oid: '6e2f3a4b-5c6d-4e7f-9081-92a3b4c5d6e7',
    preferred_username: 'ben@example.org',
  });
  await signedInAs(await signInAtProvider('ben'), 'Ben Example');
});

test('a token for another tenant signs nobody in, whatever address it carries', {
  skip,
}, async () => {
  accounts.set('intruder', {
    tid: otherTenant,
    oid: '7f3a4b5c-6d7e-4f80-a192-a3b4c5d6e7f8',
    email: 'grace@example.org',
  });
  const page = await signInAtProvider('intruder');
  await page.getByText('not from the organisation this Accord signs people in with').waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.goto(`${accordUrl}/account`);
  assert.equal(new URL(page.url()).pathname, '/sign-in');
});
