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
import { KeyboardUser } from './pages/keyboardUser.ts';

// The audit trail in Chromium with axe-core, by keyboard alone: filtered by action and period
// (a date that is not real corrected on the way), list views asked for; then without JavaScript.

const skip = browserSkipReason;
const clock = fixedClock('2026-11-24T10:00:00Z');
let scratch: ScratchDatabase;
let database: Database;
let server: { app: FastifyInstance; url: string };
let browser: Browser;
let cast: Cast;
let disagreement: Disagreement;
const checked: string[] = [];

before(async () => {
  if (skip) return;
  scratch = await createMigratedDatabase('sqlite');
  database = openDatabase(scratch.target);
  cast = await aDisagreementCast(database);
  disagreement = await aCase({ database, clock }, cast, {
    escalations: [{ at: '2026-11-24T09:30:00Z' }],
  });
  server = await startServer({ database, clock });
  browser = await launchBrowser();
});
after(async () => {
  if (skip) return;
  console.log(`audit trail pages with 0 axe violations: ${checked.length} (${checked.join(', ')})`);
  await browser?.close();
  await server?.app.close();
  await database?.close();
  await scratch?.remove();
});

test('the audit trail by keyboard: changes to cases in a period, then list views too', {
  skip,
}, async () => {
  const user = new KeyboardUser(await (await browser.newContext()).newPage(), checked);
  const { page } = user;
  await user.signIn(server.url, cast.team.email, TEST_PASSWORD);
  await user.press('Audit trail');
  await user.heading('Audit trail');
  await user.accessible('audit trail');
  const cells = page.locator('[data-testid="audit-entries"] tbody td');
  assert.ok((await cells.allTextContents()).includes('Escalated to Stage 1 (Line managers)'));

  await user.tabTo('Action');
  await user.key('ArrowDown');
  await user.typeInto(/^Day/, '31');
  await user.typeInto(/^Month/, '2');
  await user.typeInto(/^Year/, '2026');
  await user.submitWithErrors(
    'Apply filters',
    'audit trail',
    'Enter the first date as a real date, like 1 12 2026',
  );
  assert.equal(await page.getByLabel('Action').inputValue(), 'case-changes', 'the choice is kept');

  // The error summary's link takes the person to the day's box.
  await page.getByRole('link', { name: /Enter the first date as a real date/ }).focus();
  await user.key('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'from-day');
  await user.key('Control+A');
  await page.keyboard.type('24');
  await user.key('Tab');
  await user.key('Control+A');
  await page.keyboard.type('11');
  await user.press('Apply filters');
  await page.waitForURL(/\/audit\?group=case-changes&from=2026-11-24$/);
  await user.accessible('audit trail, changes to cases from 24 November 2026');
  const actions = await page
    .locator('[data-testid="audit-entries"] tbody tr td:nth-child(3)')
    .allTextContents();
  assert.deepEqual(actions, ['Escalated to Stage 1 (Line managers)', 'Raised the disagreement']);
  await page.getByRole('link', { name: disagreement.reference }).first().waitFor();

  await user.tick('Show list and search views');
  await user.press('Apply filters');
  await page.waitForURL(/lists=yes$/);
  await user.accessible('audit trail, with list views');
});

test('the filters work without JavaScript', { skip }, async () => {
  const user = new KeyboardUser(
    await (await browser.newContext({ javaScriptEnabled: false })).newPage(),
    checked,
  );
  const { page } = user;
  await user.signIn(server.url, cast.team.email, TEST_PASSWORD);
  await page.goto(`${server.url}/audit`);
  await page.getByLabel('Person').selectOption({ label: cast.school.senior.name });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(new RegExp(`/audit\\?person=${cast.school.senior.id}$`));
  const actions = await page
    .locator('[data-testid="audit-entries"] tbody tr td:nth-child(3)')
    .allTextContents();
  assert.ok(actions.includes('Escalated to Stage 1 (Line managers)'));
  assert.match(
    (await page.getByTestId('filters').textContent()) ?? '',
    new RegExp(`by or about ${cast.school.senior.name}`),
  );
});
