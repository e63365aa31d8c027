import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { escalate } from '../../src/domain/disagreement/actions/escalate.ts';
import { loadActor } from '../../src/services/loadActor.ts';
import { runCaseAction } from '../../src/services/runCaseAction.ts';
import { aCase, aDisagreementCast, TEST_PASSWORD } from '../factories.ts';
import { createMigratedDatabase, type ScratchDatabase } from '../testDatabase.ts';
import { browserSkipReason, launchBrowser, startServer } from './browser.ts';
import { KeyboardUser } from './pages/keyboardUser.ts';

// Completing Pan-Lancashire's monitoring form in Chromium with axe-core, by keyboard: the
// revealed question about the parents' views, "add another" senior officer, an error, the form.

const skip = browserSkipReason;
const clock = fixedClock('2026-11-24T10:00:00Z');
let scratch: ScratchDatabase;
let database: Database;
let server: { app: FastifyInstance; url: string };
let browser: Browser;
let user: KeyboardUser;
let cast: Awaited<ReturnType<typeof aDisagreementCast>>;
let caseId: string;
const checked: string[] = [];

before(async () => {
  if (skip) return;
  scratch = await createMigratedDatabase('sqlite');
  database = openDatabase(scratch.target);
  cast = await aDisagreementCast(database);
  const deps = { database, clock };
  let disagreement = await aCase(deps, cast, { raisedAt: '2026-11-16T09:00:00Z' });
  const actor = {
    actor: await loadActor(database, cast.school.manager.id),
    via: 'cli' as const,
    requestId: null,
  };
  for (const day of ['17', '18', '19']) {
    disagreement = await runCaseAction(
      deps,
      escalate,
      {
        id: disagreement.id,
        version: disagreement.version,
        input: { occurredAt: `2026-11-${day}T09:00:00Z`, reason: 'Still no agreement' },
      },
      actor,
    );
  }
  caseId = disagreement.id;
  server = await startServer({ database, clock });
  browser = await launchBrowser();
  user = new KeyboardUser(await (await browser.newContext()).newPage(), checked);
});
after(async () => {
  if (skip) return;
  console.log(`monitoring form pages with 0 axe violations: ${checked.join(', ')}`);
  await browser?.close();
  await server?.app.close();
  await database?.close();
  await scratch?.remove();
});

test('the escalating side completes the monitoring form by keyboard; every state passes axe', {
  skip,
}, async () => {
  const { page } = user;
  await user.signIn(server.url, cast.school.manager.email, TEST_PASSWORD);
  await page.goto(`${server.url}/disagreements/${caseId}/monitoring-form`);
  await user.accessible('monitoring form');
  await user.press('Complete the form’s own questions');
  await user.heading('Complete the monitoring form');
  await user.accessible('complete the monitoring form');
  await user.tick('Yes');
  await user.typeInto('What are their views?', 'They want the support to go on.');
  await user.accessible('complete the monitoring form, views revealed');
  await user.typeInto('Job title or role', 'Head of Service');
  await user.submitWithErrors(
    'Save the answers',
    'complete the monitoring form',
    'Enter the name of senior officer 1',
  );
  await user.typeInto('Name', 'Morgan Example');
  await user.press('Add another senior officer');
  await page.getByRole('group', { name: 'Senior officer 2' }).waitFor();
  await user.accessible('complete the monitoring form, two officers');
  await user.press('Save the answers');
  await user.heading(/monitoring information/);
  await page.getByText('Morgan Example, Head of Service').waitFor();
  await user.accessible('monitoring form, completed');
});
