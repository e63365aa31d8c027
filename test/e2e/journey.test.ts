import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { demoPartnerships } from '../../src/demo/demoDataSet.ts';
import { type RunningAccord, startAccord } from '../runningAccord.ts';
import { browserSkipReason, launchBrowser } from './browser.ts';
import { CasePages } from './pages/casePages.ts';
import { KeyboardUser } from './pages/keyboardUser.ts';
import { RaisePages } from './pages/raisePages.ts';

// Two people of different agencies work one disagreement from raised to closed, each in their
// own browser, by keyboard alone, on the demo: `npm run demo` as a child process on an empty
// data folder, or the Accord already running at ACCORD_URL (e.g. a fresh clone's demo).

const skip = browserSkipReason;
const pan = demoPartnerships.find((partnership) => partnership.protocolId === 'pan-lancashire');
const school = pan?.agencies.find((agency) => agency.kind === 'school');
const socialCare = pan?.agencies.find(
  (agency) =>
    agency.kind === 'childrens-social-care' && agency.localAuthority === school?.localAuthority,
);
const raiser = school?.people.find((person) => person.roles.includes('practitioner'));
const other = socialCare?.people.find((person) => person.roles.includes('practitioner'));

let accord: RunningAccord | undefined;
let dataDir: string | undefined;
let baseUrl: string;
let browser: Browser;
const checked: string[] = [];

before(async () => {
  if (skip) return;
  assert.ok(
    school && socialCare && raiser && other,
    'the demo has a school and a front door in one local authority',
  );
  if (process.env.ACCORD_URL) {
    baseUrl = process.env.ACCORD_URL.replace(/\/$/, '');
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'accord-journey-'));
    accord = startAccord({ DATA_DIR: dataDir, DEMO_MODE: 'true', PORT: '0', LOG_LEVEL: 'info' });
    baseUrl = await accord.listening;
  }
  browser = await launchBrowser();
});
after(async () => {
  if (skip) return;
  console.log(`journey pages with 0 axe violations: ${checked.length} (${checked.join(', ')})`);
  await browser?.close();
  await accord?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('two people of different agencies raise, record, escalate, agree and close by keyboard alone', {
  skip,
  timeout: 180_000,
}, async () => {
  const a = new KeyboardUser(await (await browser.newContext()).newPage(), checked);
  const b = new KeyboardUser(await (await browser.newContext()).newPage(), checked);
  const raising = new RaisePages(a);
  const aCase = new CasePages(a);
  const bCase = new CasePages(b);
  const raiserName = raiser?.name ?? '';
  const otherName = other?.name ?? '';

  await a.signInToDemo(baseUrl, raiserName);
  await a.press('Raise a disagreement', 120);
  await a.heading('Raise a disagreement');
  await a.accessible('start');
  await raising.notAboutConduct();

  await a.heading('Which agency do you disagree with?');
  await a.accessible('other agency');
  await raising.otherAgency(socialCare?.name ?? '');

  await a.heading(/Which professional/);
  await a.accessible('other professional');
  await raising.otherProfessional(otherName);

  await a.heading('What is the disagreement about?');
  await a.accessible('category');
  await raising.category('Threshold or level of need');

  await a.heading('Which child is the disagreement about?');
  // The validation error corrected on the way: Continue with no child named.
  await a.submitWithErrors('Continue', 'children', 'Enter the child’s first name');
  await raising.child({ first: 'Jamie', last: 'Journey', day: '14', month: '2', year: '2018' });
  await a.press('Continue');

  await a.heading(/The child’s family|local authority/);
  if (await a.page.getByRole('heading', { level: 1, name: /local authority/ }).count()) {
    await a.accessible('local authority');
    await a.chooseRadio('localAuthorityId', school?.localAuthority ?? '');
    await a.press('Continue');
  }

  await a.heading('The child’s family');
  await a.accessible('family');
  await raising.family('Sam Journey', '2 Example Road');

  await a.heading('Your concern');
  await a.accessible('concern');
  await raising.concern({
    summary: 'The referral about Jamie was closed with no assessment.',
    impact: 'Jamie is often hungry at school.',
    outcome: 'A child and family assessment.',
  });

  await a.heading('When you raised it, and how urgent it is');
  await a.accessible('when');
  await raising.notUrgent();

  await a.heading('Check your answers before raising the disagreement');
  await a.accessible('check your answers');
  await raising.raise();
  await a.accessible('disagreement raised');
  await a.press('View the disagreement');
  await a.page.waitForURL(/\/disagreements\/[0-9a-f-]{36}$/);
  const caseUrl = a.page.url();
  await a.heading(new RegExp(`Disagreement with ${socialCare?.name}`));
  await a.accessible('case page, just raised');

  await aCase.open('Record a discussion', 'Record a discussion');
  await a.submitWithErrors(
    'Save the record',
    'record a discussion',
    'Choose how the discussion took place',
  );
  await aCase.recordDiscussion({
    mode: 'Phone call',
    participants: `${raiserName}, ${otherName}`,
    summary: 'We talked it through and still disagree.',
  });
  await a.page
    .getByTestId('timeline')
    .getByText('We talked it through and still disagree.')
    .waitFor();

  await aCase.open('Escalate', 'Escalate the disagreement');
  await a.accessible('escalate');
  await aCase.escalate('The practitioners could not agree.', /Escalated to Stage 1/);
  await a.page.getByRole('heading', { name: /Now: Stage 1/ }).waitFor();
  await a.accessible('case page, at stage 1');

  await aCase.open('Propose an outcome', 'Propose an outcome');
  await a.accessible('propose an outcome');
  await aCase.proposeOutcome('Children’s social care will carry out an assessment.');

  await b.signInToDemo(baseUrl, otherName);
  await b.press(/^Waiting for you/, 120);
  await b.heading('Waiting for you');
  await b.accessible('waiting for you');
  const reference = (await a.page.locator('.govuk-caption-l').first().textContent())?.trim() ?? '';
  await b.press(reference, 120);
  await b.page.waitForURL(caseUrl);
  await bCase.open(
    'Confirm or reject the proposed outcome',
    'Confirm or reject the proposed outcome',
  );
  await b.accessible('confirm or reject');
  await bCase.confirmOutcome();
  assert.match(await bCase.status(), /Resolved/);

  await bCase.open('Close, with lessons learned', 'Close the disagreement');
  await b.accessible('close');
  await bCase.close(
    ['Training needs', 'New partnership guidance'],
    'Share threshold guidance with schools.',
  );
  await b.accessible('case page, closed');

  await a.page.reload();
  assert.match(await aCase.status(), /Closed/);
  await a.page.getByText('Share threshold guidance with schools.').first().waitFor();
});
