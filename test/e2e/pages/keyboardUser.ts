import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { accessibilityViolations } from '../browser.ts';
import { tabTo, typeInto } from '../keyboard.ts';

/**
 * A person at a browser who uses the keyboard alone: Tab to a control, Enter or Space to use
 * it, the arrow keys inside a radio group. The page objects (raisePages.ts, casePages.ts) are
 * built on it, and every page it checks with axe-core is listed in `checked`.
 */
export class KeyboardUser {
  readonly page: Page;
  readonly checked: string[];

  constructor(page: Page, checked: string[] = []) {
    this.page = page;
    this.checked = checked;
  }

  /** Fails with the page's WCAG 2.2 A and AA violations, if it has any. */
  async accessible(label: string): Promise<void> {
    assert.deepEqual(await accessibilityViolations(this.page), [], label);
    this.checked.push(label);
  }

  async heading(name: string | RegExp): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name }).waitFor();
  }

  async press(control: string | RegExp, maxTabs = 150): Promise<void> {
    await tabTo(this.page, control, maxTabs);
    await this.page.keyboard.press('Enter');
  }

  tabTo(control: string | RegExp, maxTabs?: number): Promise<void> {
    return tabTo(this.page, control, maxTabs);
  }

  typeInto(label: string | RegExp, text: string): Promise<void> {
    return typeInto(this.page, label, text);
  }

  /** Tabs to a field, clears it and types `text` in its place (nothing, to leave it empty). */
  async replace(label: string | RegExp, text: string): Promise<void> {
    await this.tabTo(label);
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Backspace');
    if (text) await this.page.keyboard.type(text);
  }

  async key(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Tabs into a radio group, then moves through it with the arrow keys to the option wanted. */
  async chooseRadio(name: string, label: string): Promise<void> {
    const focused = () =>
      this.page.evaluate(() => {
        const element = document.activeElement as HTMLInputElement | null;
        const text = element?.id
          ? document.querySelector(`label[for="${element.id}"]`)?.textContent
          : '';
        return { name: element?.name ?? '', label: (text ?? '').trim() };
      });
    for (let presses = 0; presses < 60 && (await focused()).name !== name; presses++) {
      await this.key('Tab');
    }
    for (let presses = 0; presses < 30 && (await focused()).label !== label; presses++) {
      await this.key('ArrowDown');
    }
    assert.equal((await focused()).label, label);
    await this.key('Space');
  }

  /** Tabs to a checkbox by its label and ticks it with Space. */
  async tick(label: string): Promise<void> {
    await this.tabTo(label);
    await this.key('Space');
    assert.ok(await this.page.getByLabel(label, { exact: true }).isChecked(), label);
  }

  /** Presses a button with the form unanswered, and checks the page with its errors. */
  async submitWithErrors(button: string, label: string, firstError: string): Promise<void> {
    await this.press(button);
    await this.page.getByRole('link', { name: firstError }).waitFor();
    await this.accessible(`${label}, with errors`);
  }

  /** The green banner a page shows once something is done. */
  async banner(text: RegExp): Promise<void> {
    await this.page.locator('.govuk-notification-banner--success').getByText(text).waitFor();
  }

  async signIn(baseUrl: string, email: string, password: string): Promise<void> {
    await this.page.goto(`${baseUrl}/sign-in`);
    // The form drawn before the first Tab: on a loaded machine the keys can outrun the page.
    await this.page.getByLabel('E-mail address').waitFor();
    await this.typeInto('E-mail address', email);
    await this.typeInto('Password', password);
    await this.press('Sign in');
    await this.page.waitForURL(`${baseUrl}/`);
  }

  /** The demo's own sign-in: a button for each of its people. */
  async signInToDemo(baseUrl: string, name: string): Promise<void> {
    await this.page.goto(`${baseUrl}/demo/sign-in`);
    await this.heading('Sign in to the demo');
    await this.press(`Sign in as ${name}`, 120);
    await this.page.waitForURL(`${baseUrl}/`);
  }
}
