import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { aDisagreementCast, TEST_PASSWORD } from '../factories.ts';
import { createScratchDatabase, type ScratchDatabase } from '../testDatabase.ts';
import {
  accessibilityViolations,
  browserSkipReason,
  launchBrowser,
  startServer,
} from './browser.ts';
import { tabTo, typeInto } from './keyboard.ts';

// Raising a disagreement in Chromium, by keyboard alone, with axe-core on every page reached
// and on an error state of each form.

const skip = browserSkipReason;
let scratch: ScratchDatabase;
let database: Database;
let server: { app: FastifyInstance; url: string };
let browser: Browser;
let page: Page;
let cast: Awaited<ReturnType<typeof aDisagreementCast>>;
const checkedPages: string[] = [];

async function expectAccessible(label: string): Promise<void> {
  assert.deepEqual(await accessibilityViolations(page), [], label);
  checkedPages.push(label);
}

async function heading(name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function press(button: string): Promise<void> {
  await tabTo(page, button);
  await page.keyboard.press('Enter');
}

/** Presses Continue with nothing answered, and checks the page with its errors. */
async function continueWithErrors(label: string, firstError: string): Promise<void> {
  await press('Continue');
  await page.getByRole('link', { name: firstError }).waitFor();
  await expectAccessible(`${label}, with errors`);
}

before(async () => {
  if (skip) return;
  scratch = await createScratchDatabase('sqlite');
  database = openDatabase(scratch.target);
  await migrateToLatest(database.db);
  cast = await aDisagreementCast(database);
  server = await startServer({ database, clock: fixedClock('2026-11-24T10:00:00Z') });
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
});
after(async () => {
  if (skip) return;
  console.log(
    `raise pages with 0 axe violations: ${checkedPages.length} (${checkedPages.join(', ')})`,
  );
  await browser?.close();
  await server?.app.close();
  await database?.close();
  await scratch?.remove();
});

test('a practitioner raises a disagreement by keyboard alone', { skip }, async () => {
  await page.goto(`${server.url}/sign-in`);
  await typeInto(page, 'E-mail address', cast.school.practitioner.email);
  await typeInto(page, 'Password', TEST_PASSWORD);
  await press('Sign in');
  await heading('Resolve professional disagreements about a child');
  await press('Raise a disagreement');

  await heading('Raise a disagreement');
  await expectAccessible('start');
  await continueWithErrors(
    'start',
    'Select yes if your concern is about the conduct of a specific professional',
  );
  // A radio group takes one Tab; the arrow keys move through it and select.
  await tabTo(page, 'Yes');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByLabel('No').isChecked(), true);
  await press('Continue');

  await heading('Which agency do you disagree with?');
  await expectAccessible('other agency');
  await continueWithErrors('other agency', 'Select the agency you disagree with');
  await tabTo(page, cast.socialCare.agency.name);
  await page.keyboard.press('Space');
  await press('Continue');

  await heading('Which professional do you disagree with? (optional)');
  await expectAccessible('other professional');
  await tabTo(page, 'Which professional do you disagree with? (optional)');
  await page.keyboard.type(cast.socialCare.practitioner.name);
  await press('Continue');

  await heading('What is the disagreement about?');
  await expectAccessible('category');
  await continueWithErrors('category', 'Select what the disagreement is about');
  await tabTo(page, 'Threshold or level of need');
  await page.keyboard.press('ArrowDown');
  assert.equal(
    await page.getByLabel('A referral not accepted at the front door').isChecked(),
    true,
  );
  await press('Continue');

  await heading('Which child is the disagreement about?');
  await expectAccessible('children');
  await continueWithErrors('children', 'Enter the child’s first name');
  await typeInto(page, 'First name', 'Ada');
  await typeInto(page, 'Last name', 'Example');
  await typeInto(page, 'Day', '3');
  await typeInto(page, 'Month', '6');
  await typeInto(page, 'Year', '2019');
  await press('Add another child');
  await heading('Children the disagreement is about');
  await page.getByRole('button', { name: 'Remove Ada Example' }).waitFor();
  await expectAccessible('children, one added');
  await press('Continue');

  await heading('The child’s family');
  await expectAccessible('family');
  await continueWithErrors('family', 'Enter the names of the child’s parents or carers');
  await typeInto(page, 'Parents or carers', 'Beth Example\nCarl Example');
  await typeInto(page, 'Family address', '1 Example Street\nExampletown');
  await press('Continue');

  await heading('Your concern');
  await expectAccessible('concern');
  await continueWithErrors('concern', 'Enter what you disagree about');
  await typeInto(page, 'What do you disagree about?', 'The referral was closed.');
  await typeInto(page, 'What is the impact on the child?', 'Ada is missing school.');
  await typeInto(page, 'What outcome do you want for the child?', 'An assessment.');
  await press('Continue');

  await heading('When you raised it, and how urgent it is');
  await expectAccessible('when');
  await continueWithErrors('when', 'Select yes if a child is at risk of immediate harm');
  await tabTo(page, 'Yes');
  await page.keyboard.press('Space');
  await press('Continue');

  await heading('Check your answers before raising the disagreement');
  await page.getByTestId('urgent-guidance').waitFor();
  await expectAccessible('check your answers');
  await press('Raise the disagreement');
  await page.waitForURL(/\/disagreements\/[0-9a-f-]{36}$/);
});

test('a concern about a professional’s conduct is sent elsewhere, by keyboard alone', {
  skip,
}, async () => {
  await page.goto(`${server.url}/disagreements/new`);
  await heading('Raise a disagreement');
  await tabTo(page, 'Yes');
  await page.keyboard.press('Space');
  await press('Continue');
  await heading('Use the complaints or allegations procedure instead');
  await page.getByText('Nothing has been saved.').waitFor();
  await expectAccessible('not this route');
});
