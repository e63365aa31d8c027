import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { recordDiscussion } from '../../src/domain/disagreement/actions/recordDiscussion.ts';
import { withdraw } from '../../src/domain/disagreement/actions/withdraw.ts';
import type { Disagreement } from '../../src/domain/disagreement/disagreement.ts';
import { aCase, actAt, aDisagreementCast, type Cast, TEST_PASSWORD } from '../factories.ts';
import { createMigratedDatabase, type ScratchDatabase } from '../testDatabase.ts';
import { browserSkipReason, fitsItsWidth, launchBrowser, startServer } from './browser.ts';
import { KeyboardUser } from './pages/keyboardUser.ts';

// The case page's stage ladder (its caps as bars beside their stages) and its timeline, in
// Chromium with axe-core, at 1280 and at 375 px, where nothing scrolls sideways: an East Riding
// case at stage 4 of 5, under both its caps, with a long history of long records, and a
// Pan-Lancashire case withdrawn at the initial challenge. The ladders' heights are reported
// (node --test prints them), not asserted.

const skip = browserSkipReason;
const clock = fixedClock('2026-11-26T09:30:00Z');
let scratch: ScratchDatabase;
let database: Database;
let server: { app: FastifyInstance; url: string };
let browser: Browser;
let cast: Cast;
let disagreement: Disagreement;
let lancashire: Cast;
let withdrawnAtInitial: Disagreement;

const longRecord = (n: number) =>
  `Discussion ${n}: ${'the school described again the missed meals, the late collections and the worn clothes, and social care explained why the referral did not meet the threshold for an assessment. '.repeat(5)}Agreed to speak again.`;

before(async () => {
  if (skip) return;
  scratch = await createMigratedDatabase('sqlite');
  database = openDatabase(scratch.target);
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
  lancashire = await aDisagreementCast(database, { protocolId: 'pan-lancashire' });
  const atInitial = await aCase(deps, lancashire, { raisedAt: '2026-11-23T14:00:00Z' });
  withdrawnAtInitial = await actAt(
    deps,
    atInitial,
    withdraw,
    { reason: 'Social care has opened an assessment.' },
    lancashire.school.manager,
    '2026-11-24T09:30:00Z',
  );
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
  assert.ok(await fitsItsWidth(page), 'nothing scrolls sideways at 375 px');
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

test('the ladder of a Pan-Lancashire case and an East Riding case at 375 and 1280 px: nothing sideways, axe-clean, heights reported', {
  skip,
}, async (t) => {
  const cases = [
    {
      name: 'Pan-Lancashire, withdrawn at the initial challenge',
      cast: lancashire,
      id: withdrawnAtInitial.id,
      current: false,
    },
    { name: 'East Riding, at stage 4 of 5', cast, id: disagreement.id, current: true },
  ];
  for (const { name, cast: people, id, current } of cases) {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const user = new KeyboardUser(await context.newPage());
    const { page } = user;
    await user.signIn(server.url, people.school.practitioner.email, TEST_PASSWORD);
    await page.goto(`${server.url}/disagreements/${id}`);
    await user.heading(/Disagreement with/);
    const ladder = page.getByTestId('ladder');
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      assert.ok(await fitsItsWidth(page), `${name}: nothing scrolls sideways at ${width} px`);
      await user.accessible(`${name}, at ${width} px`);
      // The ladder and, on a phone, the list of its limits' full words beneath it.
      const limits = page.getByTestId('ladder-limits');
      const top = (await ladder.boundingBox())?.y ?? 0;
      const bottom = Math.max(
        ...[await ladder.boundingBox(), await limits.boundingBox().catch(() => null)]
          .filter((box) => box !== null)
          .map((box) => box.y + box.height),
      );
      t.diagnostic(`${name}: the ladder is ${Math.round(bottom - top)} px tall at ${width} px`);

      // Each state tag stays on one line; the guidance of a stage not current is folded.
      const tagHeights = await ladder
        .getByTestId('stage-state')
        .evaluateAll((tags) => tags.map((tag) => tag.getBoundingClientRect().height));
      assert.ok(Math.max(...tagHeights) < 1.5 * Math.min(...tagHeights), `${name}: one-line tags`);
      const folded = ladder.locator('[data-testid="ladder-stage"]:not([aria-current])').first();
      assert.equal(await folded.getByTestId('stage-guidance').isVisible(), false);
      if (current) {
        // The current stage stands out: its guidance open, its name larger than the others'.
        const now = ladder.locator('[aria-current="step"]');
        assert.ok(await now.getByTestId('stage-guidance').isVisible());
        const sizeOf = (stage: typeof now) =>
          stage
            .getByTestId('stage-name')
            .evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
        assert.ok((await sizeOf(now)) > (await sizeOf(folded)), `${name}: the Now name larger`);
      }
    }
    await context.close();
  }
});
