import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoPartnerships } from '../../src/demo/demoDataSet.ts';
import { type RunningAccord, startAccord } from '../runningAccord.ts';
import { accessibilityViolations, browserSkipReason, launchBrowser } from './browser.ts';
import { tabTo, typeInto } from './keyboard.ts';

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

async function accessible(page: Page, label: string): Promise<void> {
  assert.deepEqual(await accessibilityViolations(page), [], label);
  checked.push(label);
}
async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}
async function press(page: Page, control: string | RegExp): Promise<void> {
  await tabTo(page, control, 120);
  await page.keyboard.press('Enter');
}
/** Tabs into a radio group, then moves through it with the arrow keys to the option wanted. */
async function chooseRadio(page: Page, name: string, label: string): Promise<void> {
  const focusedLabel = () =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      const text = element?.id
        ? document.querySelector(`label[for="${element.id}"]`)?.textContent
        : '';
      return { name: element?.name ?? '', label: (text ?? '').trim() };
    });
  for (let presses = 0; presses < 60 && (await focusedLabel()).name !== name; presses++) {
    await page.keyboard.press('Tab');
  }
  for (let presses = 0; presses < 30 && (await focusedLabel()).label !== label; presses++) {
    await page.keyboard.press('ArrowDown');
  }
  assert.equal((await focusedLabel()).label, label);
  await page.keyboard.press('Space');
}
async function signInAs(page: Page, name: string): Promise<void> {
  await page.goto(`${baseUrl}/demo/sign-in`);
  await heading(page, 'Sign in to the demo');
  await press(page, `Sign in as ${name}`);
  await page.waitForURL(`${baseUrl}/`);
}
/** Follows a link by keyboard from the case page and waits for the form. */
async function open(page: Page, link: string | RegExp, title: string | RegExp): Promise<void> {
  await press(page, link);
  await heading(page, title);
}
async function banner(page: Page, text: RegExp): Promise<void> {
  await page.locator('.govuk-notification-banner--success').getByText(text).waitFor();
}

test('two people of different agencies raise, record, escalate, agree and close by keyboard alone', {
  skip,
  timeout: 180_000,
}, async () => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  const raiserName = raiser?.name ?? '';
  const otherName = other?.name ?? '';

  await signInAs(a, raiserName);
  await press(a, 'Raise a disagreement');
  await heading(a, 'Raise a disagreement');
  await accessible(a, 'start');
  await tabTo(a, 'Yes');
  await a.keyboard.press('ArrowRight');
  await press(a, 'Continue');

  await heading(a, 'Which agency do you disagree with?');
  await accessible(a, 'other agency');
  if (await a.locator('select#otherAgencyId').count()) {
    await tabTo(a, 'Which agency do you disagree with?');
    await a.keyboard.type(socialCare?.name ?? '');
  } else {
    await chooseRadio(a, 'otherAgencyId', socialCare?.name ?? '');
  }
  await press(a, 'Continue');

  await heading(a, /Which professional/);
  await accessible(a, 'other professional');
  await tabTo(a, /Which professional/);
  await a.keyboard.type(otherName);
  await press(a, 'Continue');

  await heading(a, 'What is the disagreement about?');
  await accessible(a, 'category');
  await tabTo(a, 'Threshold or level of need');
  await a.keyboard.press('Space');
  await press(a, 'Continue');

  await heading(a, 'Which child is the disagreement about?');
  // The validation error corrected on the way: Continue with no child named.
  await press(a, 'Continue');
  await a.getByRole('link', { name: 'Enter the child’s first name' }).waitFor();
  await accessible(a, 'children, with errors');
  await typeInto(a, 'First name', 'Jamie');
  await typeInto(a, 'Last name', 'Journey');
  await typeInto(a, 'Day', '14');
  await typeInto(a, 'Month', '2');
  await typeInto(a, 'Year', '2018');
  await press(a, 'Continue');

  await heading(a, /The child’s family|local authority/);
  if (await a.getByRole('heading', { level: 1, name: /local authority/ }).count()) {
    await accessible(a, 'local authority');
    await chooseRadio(a, 'localAuthorityId', school?.localAuthority ?? '');
    await press(a, 'Continue');
  }

  await heading(a, 'The child’s family');
  await accessible(a, 'family');
  await typeInto(a, 'Parents or carers', 'Sam Journey');
  await typeInto(a, 'Family address', '2 Example Road');
  await press(a, 'Continue');

  await heading(a, 'Your concern');
  await accessible(a, 'concern');
  await typeInto(
    a,
    'What do you disagree about?',
    'The referral about Jamie was closed with no assessment.',
  );
  await typeInto(a, 'What is the impact on the child?', 'Jamie is often hungry at school.');
  await typeInto(a, 'What outcome do you want for the child?', 'A child and family assessment.');
  await press(a, 'Continue');

  await heading(a, 'When you raised it, and how urgent it is');
  await accessible(a, 'when');
  await tabTo(a, 'Yes');
  await a.keyboard.press('ArrowRight');
  await press(a, 'Continue');

  await heading(a, 'Check your answers before raising the disagreement');
  await accessible(a, 'check your answers');
  await press(a, 'Raise the disagreement');
  await a.waitForURL(/\/disagreements\/[0-9a-f-]{36}$/);
  const caseUrl = a.url();
  await heading(a, new RegExp(`Disagreement with ${socialCare?.name}`));
  await accessible(a, 'case page, just raised');

  await open(a, 'Record a discussion', 'Record a discussion');
  await press(a, 'Save the record');
  await a.getByRole('link', { name: 'Choose how the discussion took place' }).waitFor();
  await accessible(a, 'record a discussion, with errors');
  await tabTo(a, 'Phone call');
  await a.keyboard.press('Space');
  await typeInto(a, 'Who took part', `${raiserName}, ${otherName}`);
  await typeInto(a, 'What was said and agreed', 'We talked it through and still disagree.');
  await press(a, 'Save the record');
  await banner(a, /Discussion recorded/);
  await a.getByTestId('timeline').getByText('We talked it through and still disagree.').waitFor();

  await open(a, 'Escalate', 'Escalate the disagreement');
  await accessible(a, 'escalate');
  await typeInto(a, 'Why are you escalating?', 'The practitioners could not agree.');
  await press(a, 'Escalate');
  await banner(a, /Escalated to Stage 1/);
  await a.getByRole('heading', { name: /Now: Stage 1/ }).waitFor();
  await accessible(a, 'case page, at stage 1');

  await open(a, 'Propose an outcome', 'Propose an outcome');
  await accessible(a, 'propose an outcome');
  await typeInto(a, 'The agreed outcome', 'Children’s social care will carry out an assessment.');
  await press(a, 'Send for confirmation');
  await banner(a, /Outcome proposed/);

  await signInAs(b, otherName);
  await press(b, /^Waiting for you/);
  await heading(b, 'Waiting for you');
  await accessible(b, 'waiting for you');
  const reference = (await a.locator('.govuk-caption-l').first().textContent())?.trim() ?? '';
  await press(b, reference);
  await b.waitForURL(caseUrl);
  await open(b, 'Confirm or reject the proposed outcome', 'Confirm or reject the proposed outcome');
  await accessible(b, 'confirm or reject');
  await tabTo(b, 'Yes, confirm it for my agency');
  await b.keyboard.press('Space');
  await press(b, 'Send your answer');
  await banner(b, /the disagreement is resolved/);
  assert.match((await b.getByTestId('case-status').textContent()) ?? '', /Resolved/);

  await open(b, 'Close, with lessons learned', 'Close the disagreement');
  await accessible(b, 'close');
  await chooseRadio(b, 'lessonTheme', 'Training needs');
  await typeInto(b, 'The lesson', 'Share threshold guidance with schools.');
  await press(b, 'Close');
  await banner(b, /Disagreement closed/);
  await accessible(b, 'case page, closed');

  await a.reload();
  assert.match((await a.getByTestId('case-status').textContent()) ?? '', /Closed/);
  await a.getByText('Share threshold guidance with schools.').first().waitFor();
});
