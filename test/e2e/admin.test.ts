import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { createMailTransport } from '../../src/notify/createMailTransport.ts';
import { dispatchOutbox } from '../../src/services/dispatchOutbox.ts';
import { anAgency, aPartnership, aPerson, TEST_PASSWORD } from '../factories.ts';
import { startSmtpSink } from '../smtpSink.ts';
import { buildTestApp, testConfig } from '../testApp.ts';
import { createMigratedDatabase, type ScratchDatabase } from '../testDatabase.ts';
import { browserSkipReason, launchBrowser } from './browser.ts';
import { KeyboardUser } from './pages/keyboardUser.ts';

// The administrator's journey in Chromium, by keyboard alone, with axe-core on every state:
// an invitation sent (and sent again) from the accounts pages, delivered by the dispatcher to a
// real SMTP server started here, and the person invited following its link, setting a password
// and signing in.

const skip = browserSkipReason;
let browser: Browser;
let scratch: ScratchDatabase;
let database: Database;
let app: FastifyInstance;
let url: string;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
const checked: string[] = [];
const nadia = { name: 'Nadia Newcomer', email: 'nadia.newcomer@example.org' };
const newPassword = 'heron lantern quarry blossom';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let adminEmail: string;

before(async () => {
  if (skip) return;
  browser = await launchBrowser();
  sink = await startSmtpSink();
  scratch = await createMigratedDatabase('sqlite');
  database = openDatabase(scratch.target);
  const partnership = await aPartnership(database, { name: 'Riverside Partnership' });
  const school = await anAgency(database, partnership.id, { name: 'Pendle Brook Primary School' });
  adminEmail = (await aPerson(database, { name: 'Ada Admin', roles: ['admin'] })).email;
  await aPerson(database, {
    ...nadia,
    partnershipId: partnership.id,
    agencyId: school.id,
    jobTitle: 'Designated safeguarding lead',
    roles: ['safeguarding-lead'],
    password: null,
  });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const env = {
    BASE_URL: url,
    MAIL_TRANSPORT: 'smtp',
    SMTP_URL: sink.url,
    MAIL_FROM: 'accord@example.org',
  };
  app = await buildTestApp({ database, clock: systemClock, env });
  await app.listen({ port, host: '127.0.0.1' });
});

after(async () => {
  if (skip) return;
  console.log(
    `administrator's pages with 0 axe violations: ${checked.length} (${checked.join(', ')})`,
  );
  await app?.close();
  await browser?.close();
  await database?.close();
  await scratch?.remove();
  await sink?.stop();
});

/** What the outbox job does on its interval: the queued e-mail, sent to the SMTP server. */
async function runTheDispatcher(): Promise<void> {
  const transport = await createMailTransport(
    testConfig({ MAIL_TRANSPORT: 'smtp', SMTP_URL: sink.url, MAIL_FROM: 'accord@example.org' })
      .mail,
    pino({ level: 'silent' }),
  );
  try {
    await dispatchOutbox({ database, clock: systemClock, transport });
  } finally {
    transport.close();
  }
}

async function signIn(user: KeyboardUser, email: string, password: string): Promise<void> {
  await user.typeInto('E-mail address', email);
  await user.typeInto('Password', password);
  await user.press('Sign in');
  // Signed in, everyone lands on the home page: Waiting for you, or what the service is.
  await user.page.waitForURL((url) => url.pathname === '/');
}

test('an administrator invites someone by keyboard; they set a password from the e-mail and sign in', {
  skip,
}, async () => {
  const adminPage: Page = await (await browser.newContext()).newPage();
  const admin = new KeyboardUser(adminPage, checked);
  await adminPage.goto(`${url}/sign-in`);
  await signIn(admin, adminEmail, TEST_PASSWORD);

  await admin.press('Accounts');
  await admin.heading('People’s accounts');
  await admin.accessible('people’s accounts');
  await admin.tick('Never signed in');
  await admin.press('Apply filters');
  await adminPage.waitForURL(/never=yes/);
  await admin.accessible('people’s accounts, never signed in');
  await admin.press('Last signed in');
  await adminPage.waitForURL(/sort=last-signed-in/);
  await admin.accessible('people’s accounts, sorted by last sign-in');

  await admin.press(nadia.name);
  await admin.heading(nadia.name);
  await admin.accessible('an account never invited');
  await admin.press('Send invitation');
  await adminPage.getByText(`Invitation sent to ${nadia.email}`).waitFor();
  await admin.accessible('invitation sent');
  await admin.press('Resend invitation');
  await adminPage.getByText(`A new invitation has been sent to ${nadia.email}`).waitFor();
  await admin.accessible('invitation resent');

  await runTheDispatcher();
  const mails = sink.received.filter((mail) => mail.to.includes(nadia.email));
  assert.equal(mails.length, 1, 'the first invitation, replaced before it went, is not sent');
  const mail = mails[0] as (typeof mails)[number];
  assert.equal(mail.subject, 'Set your password for Accord');
  const link = /(http:\/\/\S+\/set-password\/[\w-]{43})/.exec(mail.text)?.[1];
  assert.ok(link?.startsWith(url), `the e-mail links to this Accord: ${mail.text}`);

  const theirPage: Page = await (await browser.newContext()).newPage();
  const invited = new KeyboardUser(theirPage, checked);
  await theirPage.goto(link as string);
  await invited.heading('Set your password');
  await invited.accessible('set your password, from the invitation');
  await invited.typeInto('Create a password', 'short');
  await invited.press('Set password');
  await theirPage.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await invited.accessible('set your password, too short');
  await invited.typeInto('Create a password', newPassword);
  await invited.press('Set password');
  await theirPage.waitForURL(/passwordSet=yes/);
  await invited.accessible('sign in after setting a password');
  await signIn(invited, nadia.email, newPassword);
  await invited.accessible('signed in for the first time');

  // The administrator sees they have signed in, and that the invitation is spent.
  await adminPage.goto(`${url}/admin/people`);
  const row = adminPage.getByRole('row').filter({ hasText: nadia.name });
  assert.doesNotMatch(await row.innerText(), /Never/);
  await admin.press(nadia.name);
  await admin.heading(nadia.name);
  assert.match(await adminPage.locator('.govuk-summary-list').innerText(), /None waiting/);
  await admin.press('Deactivate account');
  await admin.heading(`Are you sure you want to deactivate ${nadia.name}’s account?`);
  await admin.accessible('deactivate: are you sure?');
  await admin.press('Deactivate account');
  await adminPage.getByText('Account deactivated').waitFor();
  await admin.accessible('account deactivated');
  await theirPage.goto(`${url}/account`);
  assert.equal(new URL(theirPage.url()).pathname, '/sign-in', 'their session ended at once');
  await admin.press('Reactivate account');
  await adminPage.getByText('Account reactivated').waitFor();
  await admin.accessible('account reactivated');

  await adminPage.goto(`${url}/admin/directory`);
  await admin.heading('The directory');
  await admin.accessible('the directory to read');
  await admin.press('Riverside Partnership');
  await admin.heading('Riverside Partnership');
  await admin.accessible('a partnership’s directory to read');
});
