import type { Page } from 'playwright-core';

/**
 * Moves focus with the Tab key alone until it reaches the control whose label (or text)
 * matches, as a keyboard user would; fails if it never gets there.
 */
export async function tabTo(page: Page, name: string | RegExp, maxPresses = 60): Promise<void> {
  for (let press = 0; press < maxPresses; press++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return '';
      const labelled = element.id
        ? document.querySelector(`label[for="${element.id}"]`)?.textContent
        : null;
      return (labelled ?? element.getAttribute('aria-label') ?? element.textContent ?? '')
        .replace(/\s+/g, ' ')
        .trim();
    });
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

/** Tabs to a field and types into it. */
export async function typeInto(page: Page, label: string | RegExp, text: string): Promise<void> {
  await tabTo(page, label);
  await page.keyboard.type(text);
}
