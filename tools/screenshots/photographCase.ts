import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { ScreenshotWidth } from './screenshotFiles.ts';

const viewportHeight: Record<ScreenshotWidth, number> = { 1280: 900, 375: 812 };

/**
 * Signs in as the person through the demo sign-in page (by their id, the form's own field),
 * then photographs the whole case page at each width (all of it: a page wider than the
 * window shows as wider than the width).
 */
export async function photographCase(
  browser: Browser,
  baseUrl: string,
  viewer: { id: string; name: string },
  caseId: string,
  shots: { width: ScreenshotWidth; file: string }[],
): Promise<void> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: viewportHeight[1280] },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/demo/sign-in`);
    await page
      .locator(`form:has(input[name="personId"][value="${viewer.id}"]) button[type="submit"]`)
      .first()
      .click();
    await page.waitForURL((url) => url.pathname !== '/demo/sign-in');
    for (const { width, file } of shots) {
      await page.setViewportSize({ width, height: viewportHeight[width] });
      const response = await page.goto(`${baseUrl}/disagreements/${caseId}`);
      if (!response?.ok()) {
        throw new Error(`${viewer.name} got ${response?.status()} for the case page ${caseId}`);
      }
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (pageWidth > width) {
        console.warn(
          `The case page scrolls sideways at ${width} px (${pageWidth} px wide): ${path.basename(file)}`,
        );
      }
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
    }
  } finally {
    await context.close();
  }
}
