import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Person } from '../../src/domain/directory/directory.ts';
import { escalate } from '../../src/domain/disagreement/actions/escalate.ts';
import { loadActor } from '../../src/services/loadActor.ts';
import { runCaseAction } from '../../src/services/runCaseAction.ts';
import { aCase, aDisagreementCast, TEST_PASSWORD } from '../factories.ts';
import { createMigratedDatabase, type ScratchDatabase } from '../testDatabase.ts';
import { browserSkipReason, launchBrowser, startServer } from './browser.ts';
import { KeyboardUser } from './pages/keyboardUser.ts';

// The pages issue 6 added, in Chromium with axe-core: arranging a chaired meeting (with its
// errors), the case page with the meeting and an overdue stage's "tell the next level now",
// recording minutes, and the choice of a morning summary on Your account.

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
  user = new KeyboardUser(await (await browser.newContext()).newPage(), checked);
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
  const { page } = user;
  await user.signIn(server.url, cast.team.email, TEST_PASSWORD);

  await page.goto(`${server.url}/disagreements/${caseId}`);
  await page.getByRole('heading', { name: 'The meeting' }).waitFor();
  await user.accessible('case page, overdue, meeting to arrange');
  await user.press('Arrange the meeting');
  await user.heading('Arrange the meeting');
  await user.accessible('arrange the meeting');
  await user.submitWithErrors('Send the invitations', 'arrange the meeting', 'Choose the chair');
  await user.tabTo('Who will chair it?');
  await page.keyboard.type(cast.team.name);
  await user.typeInto('Day', '26');
  await user.typeInto('Month', '11');
  await user.typeInto('Year', '2026');
  await user.typeInto('Time', '2pm');
  await user.chooseRadio('placeChoice', 'Somewhere else');
  await user.typeInto('Details of the place (optional)', 'Civic Centre, Room 2');
  await user.press('Send the invitations');
  await user.banner(/Meeting arranged/);
  await user.accessible('case page, meeting arranged');

  clock.set('2026-11-26T15:00:00Z');
  await user.signIn(server.url, cast.team.email, TEST_PASSWORD);
  await page.goto(`${server.url}/disagreements/${caseId}/meeting-minutes`);
  await user.accessible('record the minutes');
  await user.submitWithErrors('Save the minutes', 'record the minutes', 'Enter the minutes');
  await user.typeInto('Minutes', 'The panel agreed a joint assessment.');
  await user.press('Save the minutes');
  await user.banner(/Minutes recorded/);

  await page.goto(`${server.url}/account`);
  await user.accessible('your account, with the choice of messages');
  await user.tabTo('Each one as it happens');
  await user.key('ArrowDown');
  await user.press('Save');
  await page.getByText('Your choice is saved.').waitFor();
  await user.accessible('your account, choice saved');
});
