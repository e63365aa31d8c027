import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { commandLine } from '../../src/services/requestContext.ts';
import { setUpFirstPartnership } from '../../src/services/setUpFirstPartnership.ts';
import { openSetup } from '../../src/services/setupCode.ts';
import { createMigratedDatabase, type ScratchDatabase } from '../testDatabase.ts';
import {
  accessibilityViolations,
  browserSkipReason,
  launchBrowser,
  startServer,
} from './browser.ts';
import { tabTo, typeInto } from './keyboard.ts';

// The account journeys in Chromium, by keyboard alone, with axe-core on every page reached.

const skip = browserSkipReason;
let browser: Browser;
// Each test has an Accord of its own (a database and a server) and a browser of its own.
let scratch: ScratchDatabase;
let database: Database;
let server: { app: FastifyInstance; url: string };
let page: Page;
const checkedPages: string[] = [];
const ada = { email: 'ada@example.org', password: 'lantern orchard velvet compass' };

async function expectAccessible(label: string): Promise<void> {
  assert.deepEqual(await accessibilityViolations(page), [], label);
  checkedPages.push(label);
}

/** An Accord set up as the first-run page would, and Ada signed in to it, at "Your account". */
async function signedInAfterSetup(): Promise<void> {
  const setupCode = await openSetup({ database, clock: systemClock });
  assert.ok(setupCode, 'setup is open on an empty database');
  await setUpFirstPartnership(
    { database, clock: systemClock },
    {
      setupCode,
      partnershipName: 'Riverside Safeguarding Children Partnership',
      protocolId: 'east-riding',
      name: 'Ada Example',
      ...ada,
    },
    commandLine,
  );
  await page.goto(`${server.url}/sign-in`);
  await typeInto(page, 'E-mail address', ada.email);
  await typeInto(page, 'Password', ada.password);
  await tabTo(page, 'Sign in');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Waiting for you' }).waitFor();
  await page.goto(`${server.url}/account`);
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
}

before(async () => {
  if (skip) return;
  browser = await launchBrowser();
});
beforeEach(async () => {
  if (skip) return;
  scratch = await createMigratedDatabase('sqlite');
  database = openDatabase(scratch.target);
  server = await startServer({ database });
  page = await (await browser.newContext()).newPage();
});
afterEach(async () => {
  if (skip) return;
  await page?.context().close();
  await server?.app.close();
  await database?.close();
  await scratch?.remove();
});
after(async () => {
  if (skip) return;
  console.log(
    `account pages with 0 axe violations: ${checkedPages.length} (${checkedPages.join(', ')})`,
  );
  await browser?.close();
});

test('first-run setup works by keyboard alone', { skip }, async () => {
  // As the server prints it at start.
  const setupCode = await openSetup({ database, clock: systemClock });
  assert.ok(setupCode);
  await page.goto(server.url);
  assert.equal(new URL(page.url()).pathname, '/setup');
  await expectAccessible('setup');

  await tabTo(page, 'Set up Accord');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await expectAccessible('setup with errors');

  await typeInto(page, 'Setup code', setupCode);
  await typeInto(page, 'Partnership name', 'Riverside Safeguarding Children Partnership');
  // A radio group takes one Tab; the arrow keys move through it and select.
  await tabTo(page, 'Pan-Lancashire resolving professional disagreements');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(
    await page.getByLabel('East Riding resolving inter-agency disagreements').isChecked(),
    true,
  );
  await typeInto(page, 'Full name', 'Ada Example');
  await typeInto(page, 'E-mail address', 'ada@example.org');
  await typeInto(page, 'Create a password', 'lantern orchard velvet compass');
  await tabTo(page, 'Set up Accord');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  await expectAccessible('account after setup');
});

test('an API token is created, after the password, by keyboard alone', { skip }, async () => {
  await signedInAfterSetup();
  await typeInto(page, 'What is it for?', 'Case management system');
  await typeInto(page, 'Your password', 'lantern orchard velvet compass');
  await tabTo(page, 'Create token');
  await page.keyboard.press('Enter');
  const token = await page.getByTestId('new-token').textContent();
  assert.match(token ?? '', /^accord_/);
  await expectAccessible('account with a new token');
  assert.equal(await page.getByRole('button', { name: /^Revoke/ }).count(), 1);
});

test('signing out and in again works by keyboard alone', { skip }, async () => {
  await signedInAfterSetup();
  await tabTo(page, 'Sign out');
  await page.keyboard.press('Enter');
  await page.getByText('You have signed out.').waitFor();
  await expectAccessible('signed out');

  await typeInto(page, 'E-mail address', 'ada@example.org');
  await typeInto(page, 'Password', 'not the password at all');
  await tabTo(page, 'Sign in');
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Enter a correct e-mail address and password' }).waitFor();
  await expectAccessible('sign-in refused');

  await typeInto(page, 'Password', 'lantern orchard velvet compass');
  await tabTo(page, 'Sign in');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Waiting for you' }).waitFor();
  await expectAccessible('home, signed in');
});

test('the directory and audit pages of the partnership team have no violations', {
  skip,
}, async () => {
  await signedInAfterSetup();
  for (const [path, heading] of [
    ['/directory', /: directory$/],
    ['/directory/people/new', /^Add a person$/],
    ['/directory/agencies/new', /^Add an agency$/],
    ['/directory/retention', /^Change the retention period$/],
    ['/directory/working-time', /^Change working time$/],
    ['/directory/closure-days/new', /^Add a closure day$/],
    ['/audit', /^Audit trail$/],
  ] as const) {
    await page.goto(`${server.url}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await expectAccessible(path);
  }
  await page.goto(`${server.url}/directory/people/new`);
  await tabTo(page, 'Add person');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await expectAccessible('add a person, with errors');
  await page.goto(`${server.url}/directory/retention`);
  await page.getByLabel('How many months after a case ends are its details kept?').fill('six');
  await tabTo(page, 'Save retention period');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await expectAccessible('the retention period, with errors');
  await page.goto(`${server.url}/directory/working-time`);
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
    await page.getByLabel(day, { exact: true }).uncheck();
  }
  await tabTo(page, 'Save working time');
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Select at least one working day' }).waitFor();
  await expectAccessible('working time, with no working day');
});
