import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Disagreement } from '../../src/domain/disagreement/disagreement.ts';
import { aCase, aDisagreementCast, type Cast, TEST_PASSWORD } from '../factories.ts';
import { createMigratedDatabase, type ScratchDatabase } from '../testDatabase.ts';
import { browserSkipReason, fitsItsWidth, launchBrowser, startServer } from './browser.ts';
import { KeyboardUser } from './pages/keyboardUser.ts';

// The home page in Chromium with axe-core, by keyboard alone: a line manager's Waiting for you
// (at 1280 and at 375 px, where nothing scrolls sideways), a case followed from it, and the
// partnership team's home.

const skip = browserSkipReason;
const clock = fixedClock('2026-11-24T09:00:00Z');
let scratch: ScratchDatabase;
let database: Database;
let server: { app: FastifyInstance; url: string };
let browser: Browser;
let cast: Cast;
let overdue: Disagreement;

before(async () => {
  if (skip) return;
  scratch = await createMigratedDatabase('sqlite');
  database = openDatabase(scratch.target);
  cast = await aDisagreementCast(database);
  overdue = await aCase({ database, clock }, cast, {
    urgent: true,
    children: [{ firstName: 'Robin', lastName: 'Example', dateOfBirth: '2019-03-01' }],
    escalations: [{ at: '2026-11-24T09:00:00Z' }],
  });
  await aCase({ database, clock }, cast, { escalations: [{ at: '2026-11-24T09:00:00Z' }] });
  clock.set('2026-12-08T10:00:00Z');
  server = await startServer({ database, clock });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.app.close();
  await database?.close();
  await scratch?.remove();
});

test('a line manager’s home is what waits for them, by keyboard, at 1280 and 375 px', {
  skip,
}, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const user = new KeyboardUser(await context.newPage());
  const { page } = user;
  await user.signIn(server.url, cast.school.manager.email, TEST_PASSWORD);
  await user.heading('Waiting for you');
  await page.getByRole('table', { name: /Disagreements to act on at a stage \(2\)/ }).waitFor();
  await user.accessible('home, waiting for you');
  await page.setViewportSize({ width: 375, height: 800 });
  assert.ok(await fitsItsWidth(page), 'nothing scrolls sideways at 375 px');
  await user.accessible('home, waiting for you, at 375 px');
  await user.press(overdue.reference);
  await page.waitForURL(`${server.url}/disagreements/${overdue.id}`);
  await context.close();
});

test("the partnership team's home: its inbox and what is overdue, by keyboard", {
  skip,
}, async () => {
  const context = await browser.newContext();
  const user = new KeyboardUser(await context.newPage());
  const { page } = user;
  await user.signIn(server.url, cast.team.email, TEST_PASSWORD);
  await user.heading('Waiting for you');
  await page.getByRole('heading', { name: 'Overdue: 2 disagreements' }).waitFor();
  await user.accessible("the team's home");
  await user.press('See the overdue disagreements in the list');
  await page.waitForURL(`${server.url}/disagreements?overdue=true&sort=due`);
  await context.close();
});
