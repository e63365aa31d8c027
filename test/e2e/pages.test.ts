import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { setUpAccord } from '../factories.ts';
import { describeOnEachDatabase } from '../testDatabase.ts';
import {
  accessibilityViolations,
  browserSkipReason,
  launchBrowser,
  startServer,
} from './browser.ts';

describeOnEachDatabase('pages in Chromium', (context) => {
  let browser: Browser;
  let server: { app: FastifyInstance; url: string };
  let browserContext: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  before(async () => {
    if (browserSkipReason) return;
    await setUpAccord(context.database);
    server = await startServer({ database: context.database });
    browser = await launchBrowser();
    browserContext = await browser.newContext();
    page = await browserContext.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  });
  after(async () => {
    await browser?.close();
    await server?.app.close();
  });

  test('the home page has no WCAG 2.2 AA violations', { skip: browserSkipReason }, async () => {
    await page.goto(server.url);
    await page
      .getByRole('heading', { level: 1, name: 'Resolve professional disagreements about a child' })
      .waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
  });

  test('a missing page has no WCAG 2.2 AA violations', { skip: browserSkipReason }, async () => {
    const response = await page.goto(`${server.url}/no-such-page`);
    assert.equal(response?.status(), 404);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
  });

  test('GOV.UK Frontend runs under the CSP without errors', {
    skip: browserSkipReason,
  }, async () => {
    consoleErrors.length = 0;
    await page.goto(server.url);
    await page.waitForFunction(() => document.body.classList.contains('govuk-frontend-supported'));
    await page.waitForFunction(() =>
      document.querySelector('.govuk-skip-link')?.hasAttribute('data-govuk-skip-link-init'),
    );
    assert.deepEqual(consoleErrors, []);
  });

  test('the first Tab reaches the skip link, which moves focus to the main content', {
    skip: browserSkipReason,
  }, async () => {
    await page.goto(server.url);
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Skip to main content' });
    assert.equal(await skipLink.evaluate((link) => link === document.activeElement), true);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-content');
  });

  test('the page is styled by the compiled stylesheet in a system font', {
    skip: browserSkipReason,
  }, async () => {
    await page.goto(server.url);
    const fontFamily = await page
      .getByRole('heading', { level: 1 })
      .evaluate((heading) => getComputedStyle(heading).fontFamily);
    assert.match(fontFamily, /^system-ui/);
  });

  test('the accessibility check itself reports a violation when there is one', {
    skip: browserSkipReason,
  }, async () => {
    await page.setContent('<html lang="en"><body><main><img src="data:,"></main></body></html>');
    const violations = await accessibilityViolations(page);
    assert.ok(violations.some((violation) => violation.id === 'image-alt'));
  });
});
