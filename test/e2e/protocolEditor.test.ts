import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { partnershipRepository } from '../../src/db/repositories/partnershipRepository.ts';
import { parseProtocolFile } from '../../src/domain/protocol/validateProtocol.ts';
import { aPartnership, aPerson, TEST_PASSWORD } from '../factories.ts';
import { createScratchDatabase, type ScratchDatabase } from '../testDatabase.ts';
import { browserSkipReason, launchBrowser, startServer } from './browser.ts';
import { KeyboardUser } from './pages/keyboardUser.ts';

// The protocol editor in Chromium, by keyboard alone, with axe-core on every page visited: a
// three-stage protocol made from a built-in one (a stage removed, the rest changed), two
// mistakes shown and corrected (an empty name, a limit over no stages), previewed, adopted.

const skip = browserSkipReason;
let scratch: ScratchDatabase;
let database: Database;
let server: { app: FastifyInstance; url: string };
let browser: Browser;
let partnershipId: string;
let teamEmail: string;
const checked: string[] = [];

before(async () => {
  if (skip) return;
  scratch = await createScratchDatabase('sqlite');
  database = openDatabase(scratch.target);
  await migrateToLatest(database.db);
  partnershipId = (await aPartnership(database)).id;
  teamEmail = (await aPerson(database, { partnershipId, roles: ['partnership-team'] })).email;
  server = await startServer({ database });
  browser = await launchBrowser();
});
after(async () => {
  if (skip) return;
  console.log(
    `protocol editor pages with 0 axe violations: ${checked.length} (${checked.join(', ')})`,
  );
  await browser?.close();
  await server?.app.close();
  await database?.close();
  await scratch?.remove();
});

test('a three-stage protocol built from a built-in one by keyboard, previewed and adopted', {
  skip,
  timeout: 60_000,
}, async () => {
  const user = new KeyboardUser(await (await browser.newContext()).newPage(), checked);
  const { page } = user;
  const replace = async (label: string, text: string) => {
    await user.tabTo(label);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    if (text) await page.keyboard.type(text);
  };
  await user.signIn(server.url, teamEmail, TEST_PASSWORD);
  assert.equal(await page.getByRole('link', { name: 'Protocol', exact: true }).count(), 1);

  await page.goto(`${server.url}/protocol/drafts/new`);
  await user.heading('Edit the protocol');
  await user.accessible('start a draft');
  await user.chooseRadio('from', 'Built-in: Lincolnshire professional resolution and escalation');
  await user.press('Start a draft');
  await user.heading('Lincolnshire professional resolution and escalation');
  await user.accessible('the draft');

  // Down to three stages: the last one removed, after the confirmation.
  await user.press(/^Change stages/);
  await user.heading('Stages');
  await user.accessible('stages');
  await user.press(/^Remove Step 4a/);
  await user.heading(/Are you sure you want to remove Step 4a/);
  await user.accessible('remove a stage');
  await user.press('Remove stage');
  await user.heading('Stages');
  assert.equal(await page.locator('tbody tr').count(), 3);

  // A stage changed, with its name left empty first.
  await user.press('Step 1: Professional to professional');
  await user.heading('Change Step 1: Professional to professional');
  await user.accessible('a stage');
  await replace('Name', '');
  await user.submitWithErrors('Save and go back to the draft', 'a stage', 'Name must not be empty');
  await replace('Name', 'Practitioners talk');
  await replace('How many', '3');
  await user.press('Save and go back to the draft');
  await user.heading('Lincolnshire professional resolution and escalation');
  await page.getByText('The checker finds no problems').waitFor();

  // A limit over the three stages, first with none ticked.
  await user.press(/^Change limits over several stages/);
  await user.heading('Limits over several stages');
  await user.accessible('limits');
  await user.press('Add a limit (limits on every case)');
  await user.heading(/Change the limit/);
  await replace('Name', 'the whole ladder');
  await user.chooseRadio('timescaleUnit', 'Working days');
  await replace('How many', '15');
  await user.submitWithErrors(
    'Save and go back to the draft',
    'a limit',
    'Stages it covers must list at least one stage',
  );
  for (const stage of ['step-1', 'step-2', 'step-3']) await user.tick(stage);
  await user.press('Save and go back to the draft');
  await user.heading('Lincolnshire professional resolution and escalation');
  await page.getByText('The checker finds no problems').waitFor();

  // The preview, for a case raised before Christmas.
  await user.press('Preview');
  await user.heading(/^Preview:/);
  await user.accessible('preview');
  await replace('Day', '23');
  await replace('Month', '12');
  await replace('Year', '2025');
  await replace('Time', '5pm');
  await user.press('Work out the due times');
  await page.getByText('Raised at 5pm on Tuesday 23 December 2025').first().waitFor();
  assert.match(await page.locator('main').innerText(), /Christmas Day/);
  await user.accessible('preview, a case raised on a chosen date');

  await user.press('Adopt');
  await user.heading(/^Adopt/);
  await user.accessible('adopt');
  await user.submitWithErrors(
    'Adopt the protocol',
    'adopt',
    'Enter why the partnership is adopting it',
  );
  await user.typeInto(
    'Why is the partnership adopting this protocol?',
    'The board agreed a three-step ladder',
  );
  await user.press('Adopt the protocol');
  await page.waitForURL(/\/protocol\?adopted=2$/);

  const adopted = await partnershipRepository(database.db).protocolVersion(partnershipId);
  assert.equal(adopted?.version, 2);
  assert.equal(adopted?.reason, 'The board agreed a three-step ladder');
  const check = parseProtocolFile(adopted?.source ?? '');
  assert.ok(check.ok);
  assert.deepEqual(
    check.protocol.stages.map((stage) => [stage.name, stage.timescale.amount]),
    [
      ['Practitioners talk', 3],
      ['Manager to manager', check.protocol.stages[1]?.timescale.amount],
      [
        'Senior Liaison Officer to Senior Liaison Officer',
        check.protocol.stages[2]?.timescale.amount,
      ],
    ],
  );
  assert.deepEqual(check.protocol.caps.at(-1)?.stages, ['step-1', 'step-2', 'step-3']);
});

test('every other page of the editor is axe-clean, the overview with a problem too', {
  skip,
  timeout: 60_000,
}, async () => {
  const user = new KeyboardUser(await (await browser.newContext()).newPage(), checked);
  const { page } = user;
  await user.signIn(server.url, teamEmail, TEST_PASSWORD);
  await page.goto(`${server.url}/protocol/drafts/new`);
  await user.chooseRadio('from', 'Built-in: Pan-Lancashire resolving professional disagreements');
  await user.press('Start a draft');
  await page.waitForURL(/\/protocol\/drafts\/[0-9a-f-]{36}$/);
  const draft = page.url();
  for (const part of [
    'about',
    'terms',
    'calendar',
    'levels',
    'caps',
    'caps/protocol/0',
    'pathways',
    'pathways/0',
    'pathways/0/remove',
    'caps/protocol/0/remove',
    'urgent',
    'recording',
    'learning',
    'other-parts',
    'delete',
  ]) {
    await page.goto(`${draft}/${part}`);
    await page.locator('h1').waitFor();
    await user.accessible(part);
  }
  // A problem: the term for a rung of the ladder left out, seen on the overview.
  await page.goto(`${draft}/terms`);
  await user.tabTo('The partnership');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await user.press('Save and go back to the draft');
  await page.getByRole('link', { name: 'The partnership must not be empty' }).waitFor();
  await page.goto(draft);
  await page.getByText('The checker found 1 problem').waitFor();
  await user.accessible('the draft, with a problem');
  await user.press('terms.partnership: must not be empty');
  await page.waitForURL(/\/terms\?check#partnership$/);
  await user.accessible('terms, reached from the problem');
});
