import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { partnershipRepository } from '../../src/db/repositories/partnershipRepository.ts';
import { parseProtocolFile } from '../../src/domain/protocol/validateProtocol.ts';
import { aPartnership, aPerson, TEST_PASSWORD } from '../factories.ts';
import { createMigratedDatabase, type ScratchDatabase } from '../testDatabase.ts';
import { browserSkipReason, launchBrowser, startServer } from './browser.ts';
import { KeyboardUser } from './pages/keyboardUser.ts';

// The protocol editor in Chromium, by keyboard alone, with axe-core on every page visited: a
// three-stage protocol made from a built-in one (a stage removed, the rest changed), previewed
// for a chosen date and adopted; one built from an empty protocol (every part filled in, stages
// added, a limit over two of them), two mistakes shown and corrected (an empty name, a limit
// over no stages), previewed and adopted.

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
  scratch = await createMigratedDatabase('sqlite');
  database = openDatabase(scratch.target);
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

/** A member of the partnership team, signed in by keyboard in a browser of their own. */
async function aTeamMember(): Promise<KeyboardUser> {
  const user = new KeyboardUser(await (await browser.newContext()).newPage(), checked);
  await user.signIn(server.url, teamEmail, TEST_PASSWORD);
  return user;
}

test('a three-stage protocol built from a built-in one by keyboard, previewed and adopted', {
  skip,
  timeout: 60_000,
}, async () => {
  const user = await aTeamMember();
  const { page } = user;
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

  // A stage changed (its mistakes are the next test's).
  await user.press('Step 1: Professional to professional');
  await user.heading('Change Step 1: Professional to professional');
  await user.accessible('a stage');
  await user.replace('Name', 'Practitioners talk');
  await user.replace('How many', '3');
  await user.press('Save and go back to the draft');
  await user.heading('Lincolnshire professional resolution and escalation');
  await page.getByText('The checker finds no problems').waitFor();

  // The preview, for a case raised before Christmas.
  await user.press('Preview');
  await user.heading(/^Preview:/);
  await user.accessible('preview');
  await user.replace('Day', '23');
  await user.replace('Month', '12');
  await user.replace('Year', '2025');
  await user.replace('Time', '5pm');
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
});

test('a three-stage protocol built from an empty one by keyboard, previewed and adopted', {
  skip,
  timeout: 60_000,
}, async () => {
  const user = await aTeamMember();
  const { page } = user;
  const save = async () => {
    await user.press('Save and go back to the draft');
    await user.heading('Example resolution protocol');
  };
  /** Who takes a stage: the raising side's and the other side's practitioners ticked. */
  const fillWho = async (who: string) => {
    await user.replace('Who takes part', who);
    for (const side of ['rolesRaising', 'rolesOther']) {
      await user.tabTo('Practitioner');
      await user.key('Space');
      assert.ok(await page.locator(`input[name=${side}][value=practitioner]`).isChecked(), side);
    }
  };
  const before = await partnershipRepository(database.db).protocolVersion(partnershipId);

  await page.goto(`${server.url}/protocol/drafts/new`);
  await user.heading('Edit the protocol');
  await user.chooseRadio('from', 'An empty protocol');
  await user.press('Start a draft');
  await user.heading('Protocol draft');
  await page.getByText(/The checker found \d+ problems/).waitFor();
  await user.accessible('an empty draft');

  // From the overview's problem to its field: the id and name.
  await user.press('id: is required');
  await page.waitForURL(/\/about\?check#id$/);
  await user.heading('About the protocol');
  await user.accessible('about, reached from a problem');
  await user.replace('Id', 'example-resolution');
  await user.replace('Name', 'Example resolution protocol');
  await save();

  await user.press(/^Change terms/);
  await user.heading('Terms');
  await user.accessible('terms of an empty draft');
  await user.replace('The front door', 'the MASH');
  await user.replace('The monitoring team', 'the partnership business unit');
  await save();

  // Stage 1, first saved without a name.
  await user.press(/^Change stages/);
  await user.heading('Stages');
  await user.accessible('stages of an empty draft');
  await user.press('stage-1');
  await user.heading('Change stage-1');
  await user.accessible('an empty stage');
  await user.replace('Number', '1');
  await fillWho('The practitioners who disagree');
  await user.chooseRadio('timescaleUnit', 'Working days');
  await user.replace('How many', '3');
  await user.replace('Guidance', 'Talk to each other first.');
  await user.submitWithErrors('Save and go back to the draft', 'a stage', 'Name must not be empty');
  await user.replace('Name', 'Practitioners talk');
  await save();

  // Stages 2 and 3, the second with a timescale in hours.
  for (const [number, name, unit, amount] of [
    ['2', 'Managers talk', 'Hours (elapsed time)', '48'],
    ['3', 'Senior managers meet', 'Working days', '10'],
  ] as const) {
    await user.press(/^Change stages/);
    await user.heading('Stages');
    await user.press('Add a stage');
    await user.heading(`Change Stage ${number}: stage-${number}`);
    if (number === '2') await user.accessible('a new stage');
    await user.replace('Name', name);
    await fillWho(`The ${name.toLowerCase()}`);
    await user.chooseRadio('timescaleUnit', unit);
    await user.replace('How many', amount);
    await user.replace('Guidance', `What happens when ${name.toLowerCase()}.`);
    await save();
  }

  await user.press(/^Change urgent route/);
  await user.heading('Urgent route');
  await user.accessible('urgent route of an empty draft');
  await user.replace(
    'Guidance shown to the person raising',
    'Refer the child to the MASH at once.',
  );
  await save();

  await user.press(/^Change recording/);
  await user.heading('Recording');
  await user.accessible('recording of an empty draft');
  await user.chooseRadio('childsRecord', 'Yes, on the child’s record');
  await user.replace('Guidance', 'Note the disagreement and its outcome on the child’s record.');
  await save();

  await user.press(/^Change learning/);
  await user.heading(/Learning/);
  await user.accessible('learning of an empty draft');
  await user.replace('Where lessons go', 'the learning and improvement subgroup');
  await user.replace('Guidance', 'The business unit passes lessons to the subgroup.');
  await save();
  await page.getByText('The checker finds no problems').waitFor();
  await user.accessible('a completed draft');

  // A limit over stages 1 and 2, first saved with none ticked.
  await user.press(/^Change limits over several stages/);
  await user.heading('Limits over several stages');
  await user.accessible('limits');
  await user.press('Add a limit (limits on every case)');
  await user.heading(/Change the limit/);
  await user.replace('Name', 'stages 1 and 2 together');
  await user.chooseRadio('timescaleUnit', 'Working days');
  await user.replace('How many', '5');
  await user.submitWithErrors(
    'Save and go back to the draft',
    'a limit over no stages',
    'Stages it covers must list at least one stage',
  );
  await user.tick('Stage 1: Practitioners talk');
  await user.tick('Stage 2: Managers talk');
  await save();
  await page.getByText('The checker finds no problems').waitFor();

  await user.press('Preview');
  await user.heading('Preview: Example resolution protocol');
  await user.accessible('preview of a protocol from scratch');
  assert.match(await page.locator('main').innerText(), /Stage 2: Managers talk/);

  await user.press('Adopt');
  await user.heading('Adopt Example resolution protocol');
  await user.accessible('adopt a protocol from scratch');
  await user.typeInto(
    'Why is the partnership adopting this protocol?',
    'The board agreed its own three-stage protocol',
  );
  await user.press('Adopt the protocol');
  const version = (before?.version ?? 0) + 1;
  await page.waitForURL(new RegExp(`/protocol\\?adopted=${version}$`));

  const adopted = await partnershipRepository(database.db).protocolVersion(partnershipId);
  assert.equal(adopted?.version, version);
  const check = parseProtocolFile(adopted?.source ?? '');
  assert.ok(check.ok);
  assert.deepEqual(
    check.protocol.stages.map((stage) => [stage.key, stage.number, stage.name, stage.timescale]),
    [
      ['stage-1', '1', 'Practitioners talk', { unit: 'workingDays', amount: 3 }],
      ['stage-2', '2', 'Managers talk', { unit: 'hours', amount: 48 }],
      ['stage-3', '3', 'Senior managers meet', { unit: 'workingDays', amount: 10 }],
    ],
  );
  assert.deepEqual(check.protocol.caps, [
    {
      name: 'stages 1 and 2 together',
      stages: ['stage-1', 'stage-2'],
      from: 'raised',
      timescale: { unit: 'workingDays', amount: 5 },
    },
  ]);
  assert.equal(check.protocol.terms.frontDoor, 'the MASH');
});

test('every other page of the editor is axe-clean, the overview with a problem too', {
  skip,
  timeout: 60_000,
}, async () => {
  const user = await aTeamMember();
  const { page } = user;
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
  await user.replace('The partnership', '');
  await user.press('Save and go back to the draft');
  await page.getByRole('link', { name: 'The partnership must not be empty' }).waitFor();
  await page.goto(draft);
  await page.getByText('The checker found 1 problem').waitFor();
  await user.accessible('the draft, with a problem');
  await user.press('terms.partnership: must not be empty');
  await page.waitForURL(/\/terms\?check#partnership$/);
  await user.accessible('terms, reached from the problem');
});
