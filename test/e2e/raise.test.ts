import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { peopleRepository } from '../../src/db/repositories/peopleRepository.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { aDisagreementCast, TEST_PASSWORD } from '../factories.ts';
import { createMigratedDatabase, type ScratchDatabase } from '../testDatabase.ts';
import { browserSkipReason, launchBrowser, startServer } from './browser.ts';
import { KeyboardUser } from './pages/keyboardUser.ts';
import { RaisePages } from './pages/raisePages.ts';

// Raising a disagreement in Chromium, by keyboard alone, with axe-core on every page reached
// and on an error state of each form.

const skip = browserSkipReason;
let scratch: ScratchDatabase;
let database: Database;
let server: { app: FastifyInstance; url: string };
let browser: Browser;
let user: KeyboardUser;
let cast: Awaited<ReturnType<typeof aDisagreementCast>>;
const checkedPages: string[] = [];

before(async () => {
  if (skip) return;
  scratch = await createMigratedDatabase('sqlite');
  database = openDatabase(scratch.target);
  cast = await aDisagreementCast(database);
  // A name and job title of their own, so that typing finds them alone.
  const practitioner = {
    ...cast.socialCare.practitioner,
    name: 'Robin Ashworth',
    jobTitle: 'Social Worker',
  };
  await peopleRepository(database.db).update(practitioner.id, practitioner);
  cast.socialCare.practitioner = practitioner;
  server = await startServer({ database, clock: fixedClock('2026-11-24T10:00:00Z') });
  browser = await launchBrowser();
});
// Each test a browser of its own, signed in by the test itself.
beforeEach(async () => {
  if (skip) return;
  user = new KeyboardUser(await (await browser.newContext()).newPage(), checkedPages);
});
afterEach(async () => {
  if (skip) return;
  await user?.page.context().close();
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
  const raising = new RaisePages(user);
  await user.signIn(server.url, cast.school.practitioner.email, TEST_PASSWORD);
  await user.heading('Waiting for you');
  await user.press('Raise a disagreement');

  await user.heading('Raise a disagreement');
  await user.accessible('start');
  await user.submitWithErrors(
    'Continue',
    'start',
    'Select yes if your concern is about the conduct of a specific professional',
  );
  // A radio group takes one Tab; the arrow keys move through it and select.
  await user.tabTo('Yes');
  await user.key('ArrowRight');
  assert.equal(await user.page.getByLabel('No').isChecked(), true);
  await user.press('Continue');

  await user.heading('Which agency do you disagree with?');
  await user.accessible('other agency');
  await user.submitWithErrors('Continue', 'other agency', 'Select the agency you disagree with');
  await user.tabTo(cast.socialCare.agency.name);
  await user.key('Space');
  await user.press('Continue');

  await user.heading('Which professional do you disagree with? (optional)');
  // With JavaScript the select is alphagov's accessible-autocomplete.
  await user.page.locator('input#otherPersonId.autocomplete__input').waitFor();
  await user.accessible('other professional, an autocomplete');
  await user.tabTo(/Which professional/);
  await user.page.keyboard.type('Ashw');
  const suggestion = `Robin Ashworth — Social Worker, ${cast.socialCare.agency.name}`;
  await user.page.getByRole('option', { name: suggestion }).waitFor();
  await user.accessible('other professional, suggestions shown');
  await user.key('ArrowDown');
  await user.key('Enter');
  assert.equal(await user.page.locator('input#otherPersonId').inputValue(), suggestion);
  await user.press('Continue');

  await user.heading('What is the disagreement about?');
  await user.accessible('category');
  await user.submitWithErrors('Continue', 'category', 'Select what the disagreement is about');
  // Each radio is heard with its group's name first: the divider is only drawn.
  await user.tabTo('Referrals and the level of need: Threshold or level of need');
  await user.key('ArrowDown');
  assert.equal(
    await user.page.getByLabel('A referral not accepted at the front door').isChecked(),
    true,
  );
  await user.press('Continue');

  await user.heading('Which child is the disagreement about?');
  await user.accessible('children');
  await user.submitWithErrors('Continue', 'children', 'Enter the child’s first name');
  await raising.child({ first: 'Ada', last: 'Example', day: '3', month: '6', year: '2019' });
  await user.press('Add another child');
  await user.heading('Children the disagreement is about');
  await user.page.getByRole('button', { name: 'Remove Ada Example' }).waitFor();
  await user.accessible('children, one added');
  await user.press('Continue');

  await user.heading('The child’s family');
  await user.accessible('family');
  await user.submitWithErrors(
    'Continue',
    'family',
    'Enter the names of the child’s parents or carers',
  );
  await raising.family('Beth Example\nCarl Example', '1 Example Street\nExampletown');

  await user.heading('Your concern');
  await user.accessible('concern');
  await user.submitWithErrors('Continue', 'concern', 'Enter what you disagree about');
  await raising.concern({
    summary: 'The referral was closed.',
    impact: 'Ada is missing school.',
    outcome: 'An assessment.',
  });

  await user.heading('When you raised it, and how urgent it is');
  await user.accessible('when');
  await user.submitWithErrors(
    'Continue',
    'when',
    'Select yes if a child is at risk of immediate harm',
  );
  await user.tabTo('Yes');
  await user.key('Space');
  await user.press('Continue');

  await user.heading('Check your answers before raising the disagreement');
  await user.page.getByTestId('urgent-guidance').waitFor();
  await user.accessible('check your answers');
  await raising.raise();
  await user.accessible('disagreement raised');
  const told = await user.page.getByTestId('told').getByRole('listitem').allTextContents();
  assert.ok(
    told.some((line) => line.startsWith(`${cast.socialCare.practitioner.name}, `)),
    told.join('; '),
  );
  await user.page.getByTestId('what-happens-next').waitFor();
  assert.equal(
    await user.page.getByTestId('what-happens-next').textContent(),
    `“Initial challenge”: ${cast.socialCare.agency.name} should respond as soon as they can (this stage has no set timescale).`,
  );
  // Reloading it raises nothing again: the same confirmation.
  await user.page.reload();
  await user.heading('Disagreement raised');
  await user.press('View the disagreement');
  await user.page.waitForURL(/\/disagreements\/[0-9a-f-]{36}$/);
});

test('a concern about a professional’s conduct is sent elsewhere, by keyboard alone', {
  skip,
}, async () => {
  await user.signIn(server.url, cast.school.practitioner.email, TEST_PASSWORD);
  await user.heading('Waiting for you');
  await user.page.goto(`${server.url}/disagreements/new`);
  await user.heading('Raise a disagreement');
  await user.tabTo('Yes');
  await user.key('Space');
  await user.press('Continue');
  await user.heading('Use the complaints or allegations procedure instead');
  await user.page.getByText('Nothing has been saved.').waitFor();
  await user.accessible('not this route');
});

test('without JavaScript the other professional is a select, chosen by keyboard', {
  skip,
}, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const noScript = new KeyboardUser(await context.newPage(), checkedPages);
  try {
    const raising = new RaisePages(noScript);
    await noScript.signIn(server.url, cast.school.practitioner.email, TEST_PASSWORD);
    await noScript.page.goto(`${server.url}/disagreements/new`);
    await noScript.heading('Raise a disagreement');
    await raising.notAboutConduct();
    await noScript.heading('Which agency do you disagree with?');
    await raising.otherAgency(cast.socialCare.agency.name);
    await noScript.heading('Which professional do you disagree with? (optional)');
    const select = noScript.page.locator('select#otherPersonId');
    assert.equal(await select.isVisible(), true);
    assert.equal(await noScript.page.locator('.autocomplete__input').count(), 0);
    await noScript.tabTo(/Which professional/);
    await noScript.page.keyboard.type('Robin');
    assert.equal(await select.inputValue(), cast.socialCare.practitioner.id);
    await noScript.press('Continue');
    await noScript.heading('What is the disagreement about?');
  } finally {
    await context.close();
  }
});

test('the select left as it is when the autocomplete’s script does not load has no axe violations', {
  skip,
}, async () => {
  // axe-core needs JavaScript in the page: the plain select is checked with the enhancement lost.
  const context = await browser.newContext();
  await context.route('**/assets/accessible-autocomplete.min.js', (route) => route.abort());
  const plain = new KeyboardUser(await context.newPage(), checkedPages);
  try {
    const raising = new RaisePages(plain);
    await plain.signIn(server.url, cast.school.practitioner.email, TEST_PASSWORD);
    await plain.page.goto(`${server.url}/disagreements/new`);
    await plain.heading('Raise a disagreement');
    await raising.notAboutConduct();
    await plain.heading('Which agency do you disagree with?');
    await raising.otherAgency(cast.socialCare.agency.name);
    await plain.heading('Which professional do you disagree with? (optional)');
    assert.equal(await plain.page.locator('select#otherPersonId').isVisible(), true);
    await plain.accessible('other professional, a select');
  } finally {
    await context.close();
  }
});
