import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { accountRepository } from '../../src/db/repositories/accountRepository.ts';
import { partnershipRepository } from '../../src/db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../../src/db/repositories/peopleRepository.ts';
import { retentionRepository } from '../../src/db/repositories/retentionRepository.ts';
import { hashPassword } from '../../src/domain/accounts/passwordHash.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { loadDemoData } from '../../src/services/loadDemoData.ts';
import { runRetention } from '../../src/services/retention/runRetention.ts';
import { TEST_PASSWORD } from '../factories.ts';
import { createMigratedDatabase, type ScratchDatabase } from '../testDatabase.ts';
import { browserSkipReason, launchBrowser, startServer } from './browser.ts';
import { KeyboardUser } from './pages/keyboardUser.ts';

// The partnership team's pages in Chromium with axe-core, by keyboard alone, on the demo data
// set and its history: the dashboard (a period chosen, a wrong one, a figure followed to its
// cases), the learning log (filtered, a lesson's outcome recorded), the monitoring inbox; the
// dashboard without JavaScript; and a subject-access request, without JavaScript.

const skip = browserSkipReason;
const clock = fixedClock('2026-11-24T10:00:00Z');
let scratch: ScratchDatabase;
let database: Database;
let server: { app: FastifyInstance; url: string };
let browser: Browser;
let teamEmail: string;
const checked: string[] = [];

before(async () => {
  if (skip) return;
  scratch = await createMigratedDatabase('sqlite');
  database = openDatabase(scratch.target);
  await loadDemoData({ database, clock });
  const pan = (await partnershipRepository(database.db).list()).find((p) =>
    p.name.startsWith('Pan-Lancashire'),
  );
  const team = (await peopleRepository(database.db).inPartnership(pan?.id ?? '')).find((p) =>
    p.roles.includes('partnership-team'),
  );
  assert.ok(team);
  teamEmail = team.email;
  await accountRepository(database.db).setPasswordHash(
    team.id,
    await hashPassword(TEST_PASSWORD),
    '2026-11-24T09:00:00.000Z',
  );
  server = await startServer({ database, clock });
  browser = await launchBrowser();
});
after(async () => {
  if (skip) return;
  console.log(
    `partnership team pages with 0 axe violations: ${checked.length} (${checked.join(', ')})`,
  );
  await browser?.close();
  await server?.app.close();
  await database?.close();
  await scratch?.remove();
});

test('the dashboard by keyboard: a period chosen, a wrong date corrected, a figure followed to its cases', {
  skip,
}, async () => {
  const user = new KeyboardUser(await (await browser.newContext()).newPage(), checked);
  const { page } = user;
  await user.signIn(server.url, teamEmail, TEST_PASSWORD);
  await user.press('Dashboard');
  await user.heading('Dashboard');
  await user.accessible('dashboard');
  assert.ok((await page.locator('svg[role="img"]').count()) >= 7, 'the charts are drawn');

  await user.tabTo('Day');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('31');
  await user.tabTo('Month');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await user.submitWithErrors(
    'Show these figures',
    'dashboard',
    'Enter the first day as a real date, like 1 12 2025',
  );

  await user.tabTo('Day');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  await user.tabTo('Month');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('4');
  await user.tabTo('Year');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2026');
  await user.press('Show these figures');
  await page.waitForURL(/\/dashboard\?from=2026-04-01/);
  await user.accessible('dashboard, from 1 April 2026');

  const raised = page.locator('[data-testid="raised-by-agency"] tbody a').first();
  const figure = Number(await raised.textContent());
  await raised.focus();
  await user.key('Enter');
  await user.heading('Disagreements');
  assert.equal(
    await page.locator('[data-testid="case-list"] tbody tr').count(),
    Math.min(figure, 50),
  );
  await user.accessible('the cases behind a figure');
});

test('the learning log by keyboard: filtered by theme, a lesson’s outcome recorded', {
  skip,
}, async () => {
  const user = new KeyboardUser(await (await browser.newContext()).newPage(), checked);
  const { page } = user;
  await user.signIn(server.url, teamEmail, TEST_PASSWORD);
  await user.press('Learning log');
  await user.heading('Learning log');
  await user.accessible('learning log');

  await user.tabTo('Theme');
  await user.key('ArrowDown');
  await user.press('Apply filters');
  await page.waitForURL(/\/learning-log\?theme=training/);
  await user.accessible('learning log, one theme');
  assert.ok((await page.locator('[data-testid="lessons"] > li').count()) > 0);

  await user.press(/^Record what was done/);
  await user.heading('What was done with the lesson');
  await user.accessible('a lesson’s outcome');
  await user.chooseRadio('status', 'Actioned');
  await user.typeInto('Note (optional)', 'Added to the spring training programme.');
  await user.press('Save');
  await user.banner(/What was done with the lesson has been recorded/);
  await user.accessible('learning log, after recording');

  await user.press('Monitoring inbox');
  await user.heading('Monitoring inbox');
  await user.accessible('monitoring inbox');
});

test('the dashboard works without JavaScript: every chart and table is drawn on the server', {
  skip,
}, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const user = new KeyboardUser(await context.newPage(), checked);
  await user.signIn(server.url, teamEmail, TEST_PASSWORD);
  await user.page.goto(`${server.url}/dashboard`);
  await user.heading('Dashboard');
  assert.ok((await user.page.locator('svg[role="img"] title').count()) >= 7);
  assert.ok((await user.page.locator('table.govuk-table').count()) >= 8);
  await user.page.locator('[data-testid="open-by-stage"] tbody a').first().click();
  await user.heading('Disagreements');
  await context.close();
});

test('a subject-access request by keyboard: a problem named, a child found, the ZIP downloaded', {
  skip,
}, async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const user = new KeyboardUser(await context.newPage(), checked);
  const { page } = user;
  await user.signIn(server.url, teamEmail, TEST_PASSWORD);
  await user.press('Subject access');
  await user.heading('Subject access request');
  await user.accessible('subject access request');
  await user.submitWithErrors(
    'Find cases naming the child',
    'subject access request',
    'Enter the child’s given names',
  );

  await user.typeInto('Given names', 'kacper');
  await user.typeInto('Family name', ' NOWICKI ');
  await user.press('Find cases naming the child');
  await user.heading('Cases naming the child');
  await user.accessible('subject access, cases found');
  assert.ok((await page.locator('[data-testid="found-cases"] tbody tr').count()) >= 1);

  const download = page.waitForEvent('download');
  await user.press('Export as ZIP');
  const file = await download;
  assert.match(file.suggestedFilename(), /^subject-access-[A-Z0-9]+-2026-11-24\.zip$/);
  const read = unzipSync(new Uint8Array(await readFile(await file.path())));
  assert.ok(read['README.txt']);
  assert.ok(Object.keys(read).some((name) => /^cases\/.+\/case\.json$/.test(name)));
  await context.close();
});

test('a subject-access request works without JavaScript', { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const user = new KeyboardUser(await context.newPage(), checked);
  await user.signIn(server.url, teamEmail, TEST_PASSWORD);
  await user.page.goto(`${server.url}/subject-access`);
  await user.typeInto('Given names', 'Kacper');
  await user.typeInto('Family name', 'Nowicki');
  await user.press('Find cases naming the child');
  await user.heading('Cases naming the child');
  assert.ok((await user.page.locator('[data-testid="found-cases"] tbody tr').count()) >= 1);
  await context.close();
});

// Last, as it changes the demo's history: Pan-Lancashire keeps cases for 12 months.
test('a case purged under the retention policy, and the learning log after, have no violations', {
  skip,
}, async () => {
  const pan = (await partnershipRepository(database.db).list()).find((p) =>
    p.name.startsWith('Pan-Lancashire'),
  );
  await retentionRepository(database.db).setPeriod(pan?.id ?? '', 12);
  const run = await runRetention({ database, clock });
  assert.ok(run.purged > 0);
  const purged = await database.db
    .selectFrom('disagreements')
    .select(['id', 'reference'])
    .where('partnership_id', '=', pan?.id ?? '')
    .where('purged_at', 'is not', null)
    .executeTakeFirstOrThrow();
  const user = new KeyboardUser(await (await browser.newContext()).newPage(), checked);
  await user.signIn(server.url, teamEmail, TEST_PASSWORD);
  await user.page.goto(`${server.url}/disagreements/${purged.id}`);
  await user.heading(/^Disagreement between /);
  assert.match(
    (await user.page.locator('[data-testid="purged-notice"]').textContent()) ?? '',
    /Details removed on .+ under the partnership's retention policy/,
  );
  await user.accessible('a purged case');
  await user.page.goto(`${server.url}/learning-log`);
  await user.heading('Learning log');
  await user.accessible('learning log, with purged lessons');
  const lesson = await database.db
    .selectFrom('lessons')
    .innerJoin('disagreements', 'disagreements.id', 'lessons.disagreement_id')
    .select('lessons.id')
    .where('disagreements.purged_at', 'is not', null)
    .executeTakeFirstOrThrow();
  await user.page.goto(`${server.url}/learning-log/${lesson.id}`);
  await user.heading('What was done with the lesson');
  assert.equal(await user.page.locator('textarea[name="note"]').count(), 0);
  await user.accessible('a purged case’s lesson, which takes no note');
});
