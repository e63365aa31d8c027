// Code passed to page.evaluate runs in the browser and needs its types.
/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import axe from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Database } from '../../src/db/database.ts';
import { buildTestApp, type TestAppOptions } from '../testApp.ts';

const chromiumPath = '/usr/bin/chromium';

// Chromium is missing on a fresh developer machine until `apt-get install -y chromium`;
// CI installs it, so there a missing browser fails the run instead of skipping.
export const browserSkipReason: string | false = existsSync(chromiumPath)
  ? false
  : process.env.CI
    ? (() => {
        throw new Error(`CI is set but ${chromiumPath} is missing: apt-get install -y chromium`);
      })()
    : `${chromiumPath} is missing (apt-get install -y chromium)`;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The real app listening on a random local port. */
export async function startServer(
  options: TestAppOptions,
): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildTestApp(options);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url };
}

const wcag22aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export type AxeViolation = { id: string; help: string; targets: string[] };

/** Runs axe-core's WCAG 2.2 A and AA rules on the page as it is now. */
export async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP does not block it.
  await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const results = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: tags },
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  }, wcag22aa);
}

export type { Database };

/** Whether the page fits its window's width: nothing scrolls sideways. */
export const fitsItsWidth = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
