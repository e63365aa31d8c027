import type { KeyboardUser } from './keyboardUser.ts';

/** The case page and the pages of its actions, used by keyboard. */
export class CasePages {
  readonly user: KeyboardUser;

  constructor(user: KeyboardUser) {
    this.user = user;
  }

  /** Follows a link from the case page and waits for the form it leads to. */
  async open(link: string | RegExp, title: string | RegExp): Promise<void> {
    await this.user.press(link, 120);
    await this.user.heading(title);
  }

  async status(): Promise<string> {
    return (await this.user.page.getByTestId('case-status').textContent()) ?? '';
  }

  async recordDiscussion(record: { mode: string; participants: string; summary: string }) {
    await this.user.tabTo(record.mode);
    await this.user.key('Space');
    await this.user.typeInto('Who took part', record.participants);
    await this.user.typeInto('What was said and agreed', record.summary);
    await this.user.press('Save the record');
    await this.user.banner(/Discussion recorded/);
  }

  async escalate(reason: string, to: RegExp): Promise<void> {
    await this.user.typeInto('Why are you escalating?', reason);
    await this.user.press('Escalate');
    await this.user.banner(to);
  }

  async proposeOutcome(outcome: string): Promise<void> {
    await this.user.typeInto('The agreed outcome', outcome);
    await this.user.press('Send for confirmation');
    await this.user.banner(/Outcome proposed/);
  }

  async confirmOutcome(): Promise<void> {
    await this.user.tabTo('Yes, confirm it for my agency');
    await this.user.key('Space');
    await this.user.press('Send your answer');
    await this.user.banner(/the disagreement is resolved/);
  }

  /** Closes the case with one lesson about each of the themes named. */
  async close(themes: string[], lesson: string): Promise<void> {
    await this.user.tick('Yes');
    for (const theme of themes) await this.user.tick(theme);
    await this.user.typeInto('The lesson', lesson);
    await this.user.press('Close');
    await this.user.banner(/Disagreement closed/);
  }
}
