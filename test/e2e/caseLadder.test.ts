import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { recordDiscussion } from '../../src/domain/disagreement/actions/recordDiscussion.ts';
import type { Disagreement } from '../../src/domain/disagreement/disagreement.ts';
import { aCase, actAt, aDisagreementCast, type Cast, TEST_PASSWORD } from '../factories.ts';
import { createScratchDatabase, type ScratchDatabase } from '../testDatabase.ts';
import { browserSkipReason, launchBrowser, startServer } from './browser.ts';
import { KeyboardUser } from './pages/keyboardUser.ts';

// The case page's stage ladder (its caps as bars beside their stages) and its timeline, in
// Chromium with axe-core, at 1280 and at 375 px, where nothing scrolls sideways: an East Riding
// case at stage 4 of 5, under both its caps, with a long history of long records.

const skip = browserSkipReason;
const clock = fixedClock('2026-11-26T09:30:00Z');
let scratch: ScratchDatabase;
let database: Database;
let server: { app: FastifyInstance; url: string };
let browser: Browser;
let cast: Cast;
let disagreement: Disagreement;

const longRecord = (n: number) =>
  `Discussion ${n}: ${'the school described again the missed meals, the late collections and the worn clothes, and social care explained why the referral did not meet the threshold for an assessment. '.repeat(5)}Agreed to speak again.`;

before(async () => {
  if (skip) return;
  scratch = await createScratchDatabase('sqlite');
  database = openDatabase(scratch.target);
  await migrateToLatest(database.db);
  cast = await aDisagreementCast(database, { protocolId: 'east-riding' });
  const deps = { database, clock };
  disagreement = await aCase(deps, cast, {
    raisedAt: '2026-11-23T14:00:00Z',
    escalations: [
      { at: '2026-11-24T09:00:00Z', by: cast.school.manager },
      { at: '2026-11-25T09:00:00Z', by: cast.school.senior },
      { at: '2026-11-26T09:00:00Z', by: cast.school.senior },
    ],
  });
  for (const [n, at] of ['2026-11-26T10:00:00Z', '2026-11-26T11:00:00Z'].entries()) {
    disagreement = await actAt(
      deps,
      disagreement,
      recordDiscussion,
      {
        occurredAt: at,
        mode: 'meeting',
        participants: ['Avery Example-Longname-Hyphenated', 'Jordan Example'],
        summary: longRecord(n + 1),
      },
      cast.school.senior,
      at,
    );
  }
  clock.set('2026-11-27T10:00:00Z');
  server = await startServer({ database, clock });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.app.close();
  await database?.close();
  await scratch?.remove();
});

test('the ladder with its cap bars and the timeline fit 1280 and 375 px, axe-clean', {
  skip,
}, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const user = new KeyboardUser(await context.newPage());
  const { page } = user;
  await user.signIn(server.url, cast.school.practitioner.email, TEST_PASSWORD);
  await page.goto(`${server.url}/disagreements/${disagreement.id}`);
  await user.heading(/Disagreement with/);
  const ladder = page.getByTestId('ladder');
  await ladder.getByRole('listitem').first().waitFor();
  assert.equal(await ladder.locator('[aria-current="step"]').count(), 1);

  // Beside the stages it covers: the first cap's bar starts level with stage 1 and ends
  // level with stage 4, to the right of the stages.
  const stages = ladder.getByTestId('ladder-stage');
  const cap = ladder.getByTestId('ladder-cap').first();
  const [first, fourth, bar] = await Promise.all([
    stages.nth(0).boundingBox(),
    stages.nth(3).boundingBox(),
    cap.boundingBox(),
  ]);
  assert.ok(first && fourth && bar);
  assert.ok(Math.abs(bar.y - first.y) < 2, 'the bar starts at stage 1');
  assert.ok(Math.abs(bar.y + bar.height - (fourth.y + fourth.height)) < 20, 'and ends at stage 4');
  assert.ok(bar.x >= first.x + first.width, 'beside the stages, not over them');
  await user.accessible('case page with its ladder and timeline');

  await page.setViewportSize({ width: 375, height: 812 });
  assert.ok(
    await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    'nothing scrolls sideways at 375 px',
  );
  const narrowBar = await cap.boundingBox();
  assert.ok(narrowBar && narrowBar.x + narrowBar.width <= 375, 'the bar stays on the screen');
  await user.accessible('case page with its ladder and timeline, at 375 px');

  // The folded rest of a long record opens without a script's help, as a details element.
  const fold = page.getByTestId('timeline').getByText('Read the rest').first();
  await fold.click();
  await page
    .getByTestId('timeline')
    .getByText(/Agreed to speak again/)
    .first()
    .waitFor();
  await context.close();
});
