import type { KeyboardUser } from './keyboardUser.ts';

/** The question pages of raising a disagreement, answered by keyboard. */
export class RaisePages {
  readonly user: KeyboardUser;

  constructor(user: KeyboardUser) {
    this.user = user;
  }

  /** "Is your concern about the conduct of a specific professional?" No. */
  async notAboutConduct(): Promise<void> {
    await this.user.tabTo('Yes');
    await this.user.key('ArrowRight');
    await this.user.press('Continue');
  }

  /** "Is a child at risk of immediate harm?" No: the second of the inline pair. */
  async notUrgent(): Promise<void> {
    await this.user.tabTo('Yes');
    await this.user.key('ArrowRight');
    await this.user.press('Continue');
  }

  async otherAgency(name: string): Promise<void> {
    const { page } = this.user;
    if (await page.locator('select#otherAgencyId').count()) {
      await this.user.tabTo('Which agency do you disagree with?');
      await page.keyboard.type(name);
    } else {
      await this.user.chooseRadio('otherAgencyId', name);
    }
    await this.user.press('Continue');
  }

  async otherProfessional(name: string): Promise<void> {
    await this.user.tabTo(/Which professional/);
    await this.user.page.keyboard.type(name);
    await this.user.press('Continue');
  }

  async category(label: string): Promise<void> {
    // Heard as "Its group: Label": the group's name is said before each label.
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await this.user.tabTo(new RegExp(`(^|: )${escaped}$`));
    await this.user.key('Space');
    await this.user.press('Continue');
  }

  async child(child: { first: string; last: string; day: string; month: string; year: string }) {
    await this.user.typeInto('First name', child.first);
    await this.user.typeInto('Last name', child.last);
    // "Is the child born yet?" Yes reveals the date of birth.
    await this.user.chooseRadio('born', 'Yes');
    await this.user.typeInto('Day', child.day);
    await this.user.typeInto('Month', child.month);
    await this.user.typeInto('Year', child.year);
  }

  async family(parents: string, address: string): Promise<void> {
    await this.user.typeInto('Parents or carers', parents);
    await this.user.typeInto('Family address', address);
    await this.user.press('Continue');
  }

  async concern(concern: { summary: string; impact: string; outcome: string }): Promise<void> {
    await this.user.typeInto('What do you disagree about?', concern.summary);
    await this.user.typeInto('What is the impact on the child?', concern.impact);
    await this.user.typeInto('What outcome do you want for the child?', concern.outcome);
    await this.user.press('Continue');
  }

  /** Raises it, and waits for the confirmation page ("Disagreement raised"). */
  async raise(): Promise<void> {
    await this.user.press('Raise the disagreement');
    await this.user.page.waitForURL(/\/disagreements\/[0-9a-f-]{36}\/raised$/);
    await this.user.heading('Disagreement raised');
  }
}
