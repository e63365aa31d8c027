import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { loadDemoData } from '../../src/services/loadDemoData.ts';
import { createMigratedDatabase, type ScratchDatabase } from '../testDatabase.ts';
import { browserSkipReason, launchBrowser, startServer } from './browser.ts';
import { KeyboardUser } from './pages/keyboardUser.ts';

// The service frame in Chromium with axe-core, on the demo: the demo's sign-in page on a
// 375 px phone (no sideways scrolling) and its suggested people, by keyboard; "Signed in as";
// and the four pages the footer links to, signed out and as the partnership team, with the
// team's page to change one.

const skip = browserSkipReason;
const clock = fixedClock('2026-11-24T10:00:00Z');
const phone = { width: 375, height: 812 };
let scratch: ScratchDatabase;
let database: Database;
let server: { app: FastifyInstance; url: string };
let browser: Browser;
const checked: string[] = [];

const fitsThePhone = async (page: Page, label: string) =>
  assert.ok(
    await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) <= 375),
    `${label} scrolls sideways at 375 px`,
  );

before(async () => {
  if (skip) return;
  scratch = await createMigratedDatabase('sqlite');
  database = openDatabase(scratch.target);
  await loadDemoData({ database, clock });
  server = await startServer({ database, clock, env: { DEMO_MODE: 'true' } });
  browser = await launchBrowser();
});
after(async () => {
  if (skip) return;
  console.log(
    `service frame pages with 0 axe violations: ${checked.length} (${checked.join(', ')})`,
  );
  await browser?.close();
  await server?.app.close();
  await database?.close();
  await scratch?.remove();
});

test('on a phone, the demo offers people to try first, and one button signs in as the partnership team', {
  skip,
}, async () => {
  const user = new KeyboardUser(
    await (await browser.newContext({ viewport: phone })).newPage(),
    checked,
  );
  const { page } = user;
  await page.goto(`${server.url}/demo/sign-in`);
  await user.heading('Sign in to the demo');
  await fitsThePhone(page, 'the demo sign-in page');
  await user.accessible('demo sign-in at 375 px');

  await user.press('Monitor as the partnership team');
  await page.waitForURL(`${server.url}/`);
  const identity = page.getByTestId('signed-in-as');
  assert.match(
    (await identity.innerText()).replace(/\s+/g, ' '),
    /Signed in as Gillian Hartley, Pan-Lancashire Safeguarding Partnership \(demo\)/,
  );
  await fitsThePhone(page, 'the home page, signed in');
  await user.accessible('home with "Signed in as" at 375 px');

  await page.goto(`${server.url}/directory/pages/privacy`);
  await user.heading('Change the privacy notice');
  await fitsThePhone(page, 'the page to change the privacy notice');
  await user.accessible('change the privacy notice');
  await user.press('Save page');
  await page.waitForURL(/\/directory\?saved=/);
  await user.banner(/Privacy notice saved/);

  await page.goto(`${server.url}/privacy`);
  await user.heading('Privacy notice');
  assert.match(await page.locator('main').innerText(), /Last updated/);
  await user.accessible('privacy notice, the team’s own text');
});

test('signed out, each page the footer links to opens from the footer, on a phone and without problems', {
  skip,
}, async () => {
  const user = new KeyboardUser(
    await (await browser.newContext({ viewport: phone })).newPage(),
    checked,
  );
  const { page } = user;
  const pages = {
    'Accessibility statement': 'Accessibility statement',
    Privacy: 'Privacy notice',
    Cookies: 'Cookies',
    Contact: 'Contact',
  };
  for (const [link, heading] of Object.entries(pages)) {
    await page.goto(`${server.url}/sign-in`);
    await page.locator('.govuk-footer').getByRole('link', { name: link, exact: true }).click();
    await user.heading(heading);
    // The demo runs four partnerships: a visitor who is not signed in may choose one.
    assert.ok((await page.getByRole('link', { name: /Humber/ }).count()) === 1, heading);
    await fitsThePhone(page, heading);
    await user.accessible(`${heading}, signed out`);
  }
});
