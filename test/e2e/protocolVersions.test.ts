import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseDocument } from 'yaml';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { builtInProtocolFile } from '../../src/protocols/builtInProtocols.ts';
import { adoptProtocol } from '../../src/services/adoptProtocol.ts';
import { aDisagreementCast, contextOf, TEST_PASSWORD } from '../factories.ts';
import { createMigratedDatabase, type ScratchDatabase } from '../testDatabase.ts';
import {
  accessibilityViolations,
  browserSkipReason,
  launchBrowser,
  startServer,
} from './browser.ts';
import { tabTo, typeInto } from './keyboard.ts';

// The partnership team's protocol page, its versions and the difference between two, in
// Chromium without JavaScript, by keyboard, with axe-core on every page reached.

const skip = browserSkipReason;
const clock = fixedClock('2026-11-24T10:00:00Z');
let scratch: ScratchDatabase;
let database: Database;
let server: { app: FastifyInstance; url: string };
let browser: Browser;
let page: Page;
let adopted: string;
let teamEmail: string;

async function expectAccessible(label: string): Promise<void> {
  assert.deepEqual(await accessibilityViolations(page), [], label);
}

before(async () => {
  if (skip) return;
  scratch = await createMigratedDatabase('sqlite');
  database = openDatabase(scratch.target);
  const cast = await aDisagreementCast(database);
  const document = parseDocument(readFileSync(builtInProtocolFile('pan-lancashire'), 'utf8'));
  document.setIn(['stages', 1, 'timescale', 'amount'], 3);
  document.setIn(['stages', 3, 'guidance'], 'Meet within the week and write down what you agreed.');
  adopted = document.toString();
  await adoptProtocol(
    { database, clock },
    {
      partnershipId: cast.partnershipId,
      protocolSource: adopted,
      reason: 'Line managers act sooner.',
    },
    await contextOf(database, cast.team),
  );
  teamEmail = cast.team.email;
  server = await startServer({ database, clock });
  browser = await launchBrowser();
  page = await signedIn(await browser.newContext({ acceptDownloads: true }));
});

async function signedIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/sign-in`);
  await typeInto(page, 'E-mail address', teamEmail);
  await typeInto(page, 'Password', TEST_PASSWORD);
  await tabTo(page, 'Sign in');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

after(async () => {
  if (skip) return;
  await browser?.close();
  await server?.app.close();
  await database?.close();
  await scratch?.remove();
});

test('the protocol page, a version’s YAML and the difference from the version before, by keyboard', {
  skip,
}, async () => {
  await page.goto(`${server.url}/`);
  await tabTo(page, 'Protocol');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /Pan-Lancashire/ }).waitFor();
  await expectAccessible('the protocol page');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download YAML of version 2' }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'pan-lancashire-protocol-version-2.yaml');
  assert.equal(await readFile((await file.path()) as string, 'utf8'), adopted);

  await tabTo(page, /^Compare with the version before/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Compare versions of the protocol' }).waitFor();
  await page
    .getByText("Stage 1 'Line managers': timescale changed from 5 working days to 3 working days")
    .waitFor();
  await tabTo(page, 'Before and after');
  await page.keyboard.press('Enter');
  await page.getByText('Meet within the week and write down what you agreed.').waitFor();
  await expectAccessible('two versions compared');

  // The other way round, chosen in the form by keyboard alone.
  await tabTo(page, 'Compare version');
  await page.keyboard.press('ArrowUp');
  await tabTo(page, 'With version');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, 'Compare versions');
  await page.keyboard.press('Enter');
  await page.waitForURL(/from=2&to=1/);
  await page
    .getByText("Stage 1 'Line managers': timescale changed from 3 working days to 5 working days")
    .waitFor();
  await expectAccessible('two versions compared the other way round');

  await page.goto(`${server.url}/protocol/versions/compare?from=first&to=9`);
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await expectAccessible('comparing, with errors');
});

test('the versions are chosen and compared without JavaScript', { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await signedIn(context);
  await plain.goto(`${server.url}/protocol/versions/compare`);
  await plain.getByLabel('Compare version').selectOption('2');
  await plain.getByLabel('With version').selectOption('1');
  await plain.getByRole('button', { name: 'Compare versions' }).click();
  await plain.waitForURL(/from=2&to=1/);
  await plain
    .getByText("Stage 1 'Line managers': timescale changed from 3 working days to 5 working days")
    .waitFor();
  await context.close();
});
