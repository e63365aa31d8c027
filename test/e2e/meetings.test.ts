import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Person } from '../../src/domain/directory/directory.ts';
import { escalate } from '../../src/domain/disagreement/actions/escalate.ts';
import { loadActor } from '../../src/services/loadActor.ts';
import { runCaseAction } from '../../src/services/runCaseAction.ts';
import { aCase, aDisagreementCast, TEST_PASSWORD } from '../factories.ts';
import { createScratchDatabase, type ScratchDatabase } from '../testDatabase.ts';
import {
  accessibilityViolations,
  browserSkipReason,
  launchBrowser,
  startServer,
} from './browser.ts';
import { tabTo, typeInto } from './keyboard.ts';

// The pages issue 6 added, in Chromium with axe-core: arranging a chaired meeting (with its
// errors), the case page with the meeting and an overdue stage's "tell the next level now",
// recording minutes, and the choice of a morning summary on Your account.

const skip = browserSkipReason;
const clock = fixedClock('2026-11-24T10:00:00Z');
let scratch: ScratchDatabase;
let database: Database;
let server: { app: FastifyInstance; url: string };
let browser: Browser;
let page: Page;
let cast: Awaited<ReturnType<typeof aDisagreementCast>>;
let caseId: string;
const checked: string[] = [];

async function accessible(label: string): Promise<void> {
  assert.deepEqual(await accessibilityViolations(page), [], label);
  checked.push(label);
}
async function press(control: string | RegExp): Promise<void> {
  await tabTo(page, control, 150);
  await page.keyboard.press('Enter');
}

before(async () => {
  if (skip) return;
  scratch = await createScratchDatabase('sqlite');
  database = openDatabase(scratch.target);
  await migrateToLatest(database.db);
  cast = await aDisagreementCast(database, { protocolId: 'humber' });
  const as = async (person: Person) => ({
    actor: await loadActor(database, person.id),
    via: 'cli' as const,
    requestId: null,
  });
  const deps = { database, clock };
  const raised = await aCase(deps, cast, { raisedAt: '2026-11-16T09:00:00Z' });
  const atPanel = await runCaseAction(
    deps,
    escalate,
    {
      id: raised.id,
      version: raised.version,
      input: {
        occurredAt: '2026-11-16T10:00:00Z',
        reason: 'Policy',
        toStageKey: 'stage-4',
        writtenAccount: 'Our account',
      },
    },
    await as(cast.school.senior),
  );
  caseId = atPanel.id;
  server = await startServer({ database, clock });
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
});
after(async () => {
  if (skip) return;
  console.log(
    `meeting and account pages with 0 axe violations: ${checked.length} (${checked.join(', ')})`,
  );
  await browser?.close();
  await server?.app.close();
  await database?.close();
  await scratch?.remove();
});

test('the partnership team arranges the panel by keyboard; every page and error state passes axe', {
  skip,
}, async () => {
  await page.goto(`${server.url}/sign-in`);
  await typeInto(page, 'E-mail address', cast.team.email);
  await typeInto(page, 'Password', TEST_PASSWORD);
  await press('Sign in');
  await page.waitForURL(`${server.url}/`);

  await page.goto(`${server.url}/disagreements/${caseId}`);
  await page.getByRole('heading', { name: 'The meeting' }).waitFor();
  await accessible('case page, overdue, meeting to arrange');
  await press('Arrange the meeting');
  await page.getByRole('heading', { level: 1, name: 'Arrange the meeting' }).waitFor();
  await accessible('arrange the meeting');
  await press('Send the invitations');
  await page.getByRole('link', { name: 'Choose the chair' }).waitFor();
  await accessible('arrange the meeting, with errors');
  await tabTo(page, 'Who will chair it?');
  await page.keyboard.type(cast.team.name);
  await typeInto(page, 'Day', '26');
  await typeInto(page, 'Month', '11');
  await typeInto(page, 'Year', '2026');
  await typeInto(page, 'Time', '2pm');
  await typeInto(page, 'Where?', 'Civic Centre, Room 2');
  await press('Send the invitations');
  await page
    .locator('.govuk-notification-banner--success')
    .getByText(/Meeting arranged/)
    .waitFor();
  await accessible('case page, meeting arranged');

  clock.set('2026-11-26T15:00:00Z');
  await page.goto(`${server.url}/sign-in`);
  await typeInto(page, 'E-mail address', cast.team.email);
  await typeInto(page, 'Password', TEST_PASSWORD);
  await press('Sign in');
  await page.waitForURL(`${server.url}/`);
  await page.goto(`${server.url}/disagreements/${caseId}/meeting-minutes`);
  await accessible('record the minutes');
  await press('Save the minutes');
  await page.getByRole('link', { name: 'Enter the minutes' }).waitFor();
  await accessible('record the minutes, with errors');
  await typeInto(page, 'Minutes', 'The panel agreed a joint assessment.');
  await press('Save the minutes');
  await page
    .locator('.govuk-notification-banner--success')
    .getByText(/Minutes recorded/)
    .waitFor();

  await page.goto(`${server.url}/account`);
  await accessible('your account, with the choice of messages');
  await tabTo(page, 'Each one as it happens');
  await page.keyboard.press('ArrowDown');
  await press('Save');
  await page.getByText('Your choice is saved.').waitFor();
  await accessible('your account, choice saved');
});
