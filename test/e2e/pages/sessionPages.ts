import assert from 'node:assert/strict';
import type { KeyboardUser } from './keyboardUser.ts';

/** The warning before the session ends, and signing in again after it did, used by keyboard. */
export class SessionPages {
  readonly user: KeyboardUser;

  constructor(user: KeyboardUser) {
    this.user = user;
  }

  warning() {
    return this.user.page.getByRole('dialog', { name: 'You’re about to be signed out' });
  }

  /** The warning is open, says when, and has the keyboard's focus. */
  async warned(): Promise<void> {
    await this.warning().waitFor();
    assert.match(
      (await this.warning().textContent()) ?? '',
      /You will be signed out in 2 minutes to protect children’s information/,
    );
    assert.ok(
      await this.user.page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]'))),
      'focus is in the warning',
    );
  }

  async staySignedIn(): Promise<void> {
    await this.user.press('Stay signed in', 10);
    await this.warning().waitFor({ state: 'hidden' });
  }

  /** On the sign-in page after the session ended: what it says. */
  async signedOutNotice(): Promise<string> {
    await this.user.heading('Sign in to Accord');
    const notice = this.user.page
      .getByTestId('signed-out-notice')
      .locator('.govuk-notification-banner__content');
    return ((await notice.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Signs in on the page shown, and waits to be back at `url`. */
  async signInAgain(email: string, password: string, url: string): Promise<void> {
    await this.user.typeInto('E-mail address', email);
    await this.user.typeInto('Password', password);
    await this.user.press('Sign in');
    await this.user.page.waitForURL(url);
  }

  /** The form says its answers were kept for the person. */
  async answersKept(): Promise<void> {
    await this.user.page.getByTestId('kept-answers-notice').waitFor();
  }
}
