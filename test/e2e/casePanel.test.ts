import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { proposeOutcome } from '../../src/domain/disagreement/actions/proposeOutcome.ts';
import type { Disagreement } from '../../src/domain/disagreement/disagreement.ts';
import { aCase, actAt, aDisagreementCast, type Cast, TEST_PASSWORD } from '../factories.ts';
import { createMigratedDatabase, type ScratchDatabase } from '../testDatabase.ts';
import { browserSkipReason, fitsItsWidth, launchBrowser, startServer } from './browser.ts';
import { CasePages } from './pages/casePages.ts';
import { KeyboardUser } from './pages/keyboardUser.ts';

// The practitioner's day on the case page, in Chromium with axe-core and by keyboard alone:
// from home, the case Waiting for you asks them to confirm; its "what now?" panel takes them
// to the confirm page, at 1280 px and at 375 px with nothing scrolling sideways.

const skip = browserSkipReason;
const clock = fixedClock('2026-11-24T09:00:00Z');
let scratch: ScratchDatabase;
let database: Database;
let server: { app: FastifyInstance; url: string };
let browser: Browser;
let cast: Cast;
let proposed: Disagreement;

before(async () => {
  if (skip) return;
  scratch = await createMigratedDatabase('sqlite');
  database = openDatabase(scratch.target);
  cast = await aDisagreementCast(database);
  const deps = { database, clock };
  const raised = await aCase(deps, cast, {
    children: [
      { firstName: 'Robin', lastName: 'Example-Longsurname-Hyphenated', dateOfBirth: '2019-03-01' },
    ],
    escalations: [{ at: '2026-11-24T09:00:00Z' }],
  });
  proposed = await actAt(
    deps,
    raised,
    proposeOutcome,
    {
      occurredAt: '2026-11-25T09:00:00Z',
      agreedOutcome: 'Children’s social care will complete a child and family assessment.',
      actions: [
        {
          description: 'Visit the family at home and write to the school with the outcome',
          ownerId: cast.socialCare.practitioner.id,
          dueAt: '2026-12-04T17:00:00Z',
        },
      ],
    },
    cast.school.manager,
    '2026-11-25T10:00:00Z',
  );
  clock.set('2026-11-26T10:00:00Z');
  server = await startServer({ database, clock });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.app.close();
  await database?.close();
  await scratch?.remove();
});

test('the practitioner’s day: from home to the case, then confirming the outcome from its panel', {
  skip,
}, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const user = new KeyboardUser(await context.newPage());
  const { page } = user;
  await user.signIn(server.url, cast.socialCare.manager.email, TEST_PASSWORD);
  await user.heading('Waiting for you');
  await user.press(proposed.reference);
  await page.waitForURL(`${server.url}/disagreements/${proposed.id}`);
  await user.heading(`Disagreement raised by ${cast.school.agency.name}`);
  const panel = page.getByRole('region', { name: 'What you need to do' });
  await panel.getByText('Confirm or reject the proposed outcome').first().waitFor();
  await user.accessible('case page, an outcome to confirm, at 1280 px');
  await page.setViewportSize({ width: 375, height: 800 });
  assert.ok(await fitsItsWidth(page), 'nothing scrolls sideways at 375 px');
  await user.accessible('case page, an outcome to confirm, at 375 px');

  // The first control of that name by Tab is the panel's button, above the page's other offers.
  await user.tabTo('Confirm or reject the proposed outcome');
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    'what-now-button',
  );
  await user.key('Enter');
  await user.heading('Confirm or reject the proposed outcome');
  await user.accessible('confirm page, from the panel');
  await new CasePages(user).confirmOutcome();
  // Resolved, its agreed action still open: closing waits for it, so no Close is offered yet.
  const resolvedPanel = page.getByRole('region', { name: 'What happens now' });
  await resolvedPanel
    .getByText('waiting for 1 agreed action to be done before it is closed', { exact: false })
    .waitFor();
  assert.equal(await resolvedPanel.getByRole('button').count(), 0);
  assert.ok(await fitsItsWidth(page), 'the resolved case fits a phone too');
  await user.accessible('case page, resolved, at 375 px');
  await page.setViewportSize({ width: 1280, height: 900 });
  await user.accessible('case page, resolved, at 1280 px');
  await context.close();
});
