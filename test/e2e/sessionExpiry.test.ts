import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Disagreement } from '../../src/domain/disagreement/disagreement.ts';
import { aCase, aDisagreementCast, type Cast, TEST_PASSWORD } from '../factories.ts';
import { createMigratedDatabase, type ScratchDatabase } from '../testDatabase.ts';
import { browserSkipReason, launchBrowser, startServer } from './browser.ts';
import { CasePages } from './pages/casePages.ts';
import { KeyboardUser } from './pages/keyboardUser.ts';
import { SessionPages } from './pages/sessionPages.ts';

// Nothing typed is lost (issue 14): the session ends mid-form and the answers come back after
// signing in again; the warning two minutes before, and "Stay signed in". By keyboard alone,
// with axe on each state. The server's clock is moved on, and the page's with Playwright's.

const skip = browserSkipReason;
const start = '2026-11-24T10:00:00Z';
const clock = fixedClock(start);
const minutesLater = (minutes: number) =>
  clock.set(Temporal.Instant.from(start).add({ minutes }).toString());
let scratch: ScratchDatabase;
let database: Database;
let server: { app: FastifyInstance; url: string };
let browser: Browser;
let cast: Cast;
let disagreement: Disagreement;

before(async () => {
  if (skip) return;
  scratch = await createMigratedDatabase('sqlite');
  database = openDatabase(scratch.target);
  cast = await aDisagreementCast(database);
  disagreement = await aCase({ database, clock }, cast, { raisedAt: '2026-11-23T14:00:00Z' });
  server = await startServer({ database, clock });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.app.close();
  await database?.close();
  await scratch?.remove();
});

const summary = 'We agreed Ada needs an assessment this week.';

test('session expiry mid-form: the answers are kept, and sent after signing in again', {
  skip,
}, async () => {
  minutesLater(0);
  const context = await browser.newContext();
  const user = new KeyboardUser(await context.newPage());
  const { page } = user;
  const session = new SessionPages(user);
  const aCase = new CasePages(user);
  await user.signIn(server.url, cast.school.practitioner.email, TEST_PASSWORD);
  await page.goto(`${server.url}/disagreements/${disagreement.id}`);
  await aCase.open('Record a discussion', 'Record a discussion');
  const formUrl = page.url();
  await user.tabTo('Phone call');
  await user.key('Space');
  await user.typeInto('Who took part', 'Both practitioners');
  await user.typeInto('What was said and agreed', summary);
  await user.accessible('record a discussion, typed in');

  minutesLater(31);
  await user.press('Save the record');
  assert.equal(
    await session.signedOutNotice(),
    'You were signed out. Sign in again to carry on: your answers have been kept.',
  );
  await user.accessible('sign in, after the session ended');

  await session.signInAgain(cast.school.practitioner.email, TEST_PASSWORD, formUrl);
  await session.answersKept();
  assert.equal(await page.getByLabel('What was said and agreed').inputValue(), summary);
  assert.equal(await page.getByLabel('Who took part').inputValue(), 'Both practitioners');
  assert.ok(await page.getByLabel('Phone call').isChecked());
  await user.accessible('record a discussion, answers kept');

  await user.press('Save the record');
  await user.banner(/Discussion recorded/);
  await page.getByTestId('timeline').getByText(summary).waitFor();
  await context.close();
});

test('the warning two minutes before the end: "Stay signed in", then the end keeps what was typed', {
  skip,
}, async () => {
  minutesLater(0);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  const user = new KeyboardUser(page);
  const session = new SessionPages(user);
  await user.signIn(server.url, cast.school.practitioner.email, TEST_PASSWORD);
  const formUrl = `${server.url}/disagreements/${disagreement.id}/record-discussion`;
  await page.goto(formUrl);
  await user.heading('Record a discussion');

  minutesLater(28);
  await page.clock.fastForward('28:05');
  await session.warned();
  await user.accessible('the warning before the session ends');
  await session.staySignedIn();

  // Kept alive at 28 minutes: still signed in 25 minutes later, past the first 30.
  minutesLater(53);
  await page.reload();
  await user.heading('Record a discussion');

  await user.typeInto('What was said and agreed', summary);
  minutesLater(53 + 31);
  await page.clock.fastForward('31:00');
  assert.match(
    await session.signedOutNotice(),
    /^You were signed out after 30 minutes without activity, to protect children’s information\. Anything you had typed has been kept/,
  );
  await user.accessible('sign in, after the page’s timer ended the session');
  await session.signInAgain(cast.school.practitioner.email, TEST_PASSWORD, formUrl);
  await session.answersKept();
  assert.equal(await page.getByLabel('What was said and agreed').inputValue(), summary);
  await context.close();
});
