/**
 * The pages every public service links from its footer, and the text each has until the
 * partnership team writes its own: written from what Accord does (its cookies, what it holds
 * and for how long, how it was built and tested), in servicePageText.ts's simple format.
 */

export const servicePageKinds = ['accessibility', 'privacy', 'cookies', 'contact'] as const;
export type ServicePageKind = (typeof servicePageKinds)[number];

export const servicePageTitles: Readonly<Record<ServicePageKind, string>> = {
  accessibility: 'Accessibility statement',
  privacy: 'Privacy notice',
  cookies: 'Cookies',
  contact: 'Contact',
};

/** How a sentence names each page: "Change the cookies page". */
export const servicePageNames: Readonly<Record<ServicePageKind, string>> = {
  accessibility: 'accessibility statement',
  privacy: 'privacy notice',
  cookies: 'cookies page',
  contact: 'contact page',
};

/** The cookies Accord sets, as the code that sets them says (names and lifetimes). */
export type CookieFacts = {
  session: { name: string; idleMinutes: number; absoluteHours: number };
  device: { name: string; days: number };
  keptAnswers: { name: string; hours: number };
};

const accessibility = (
  facts: CookieFacts,
) => `This accessibility statement applies to Accord, the service {partnership} uses to raise, work through and monitor professional disagreements about children.

We want as many people as possible to be able to use this service. For example, that means you should be able to:
- change colours, contrast levels and fonts using your browser or device settings
- zoom in up to 400% without the text spilling off the screen
- get from the start of the service to the end using just a keyboard
- use every page without JavaScript
- listen to most of the service using a screen reader

The service is built with the GOV.UK Design System and the Ministry of Justice's design components, which are tested for accessibility.

## How accessible this service is

We know some parts of this service are not fully accessible:
- in the PDF documents Accord makes (the monitoring form and the case summary), right-to-left text such as Arabic or Hebrew is not laid out right to left, and Arabic letters are not joined; the case page shows the same text correctly
- in those PDF documents, letters of some scripts are drawn from a simple pixel font, so they are legible but not smooth

## Time limits

To protect children's information, you are signed out after ${facts.session.idleMinutes} minutes without activity. Two minutes before, a warning lets you stay signed in. You are also signed out ${facts.session.absoluteHours} hours after signing in, however active you are: that limit cannot be extended, because it is essential to keep the information secure. Whenever you are signed out, anything you had typed is kept for ${facts.keptAnswers.hours} hours, and is on the page for you to check and send when you sign in again.

## Feedback and contact information

If you find a problem with the accessibility of this service, or need information in a different format, contact the partnership team of {partnership}. See the contact page for how to reach them.

## Enforcement procedure

The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the accessibility regulations). If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS): https://www.equalityadvisoryservice.com

## Technical information about this service's accessibility

{partnership} is committed to making this service accessible, in accordance with the accessibility regulations.

This service is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, because of the PDF issues listed above.

## How we tested this service

Every page is checked automatically against the WCAG 2.2 AA rules with the axe accessibility engine, and the main journeys are tested in a browser using only a keyboard, by the service's automated tests.`;

const privacy =
  () => `{partnership} is the controller for the personal information held in Accord. This notice explains what Accord holds, why, for how long, and your rights.

## Why we hold it

Accord records professional disagreements between agencies about how to keep a child safe, so that they are resolved quickly under the partnership's protocol and the partnership can learn from them. Safeguarding children is a public task of the partnership's agencies under the Children Act 2004 and Working Together to Safeguard Children.

## What Accord holds

About the professionals who use it:
- name, work e-mail address, job title, agency, team, line manager and roles, from the partnership's directory
- when they signed in, and a record of what they did and which cases they read (the audit trail)
- the e-mails Accord sent them

About a disagreement:
- the child or children it is about (names, dates of birth or due dates), and family details where the partnership's protocol asks for them
- the concern, its impact on the child, the outcome wanted and any evidence
- the professionals involved, what was discussed and agreed, meetings, actions and lessons learned

Only people the partnership's rules allow can see a disagreement: the professionals of the agencies involved, their managers and safeguarding leads, and the partnership team. The e-mails Accord sends never include a child's details or anything written about a case. Accord sets no advertising or analytics cookies.

## How long it is kept

The details of a disagreement that could identify a child or family, and everything written about it, are removed {retention period} (closed, withdrawn, or resolved and never closed). What remains is the reference, the agencies, the category, the dates of each stage and the outcome, so that the partnership's figures stay the same.

The audit trail holds only ids and the names of actions, never what was written about a case, and is kept so that the record cannot be changed without it showing.

## Your rights

You have the right to:
- ask for a copy of the information held about you or your child (a subject access request)
- ask for information to be corrected if it is wrong
- object to how it is used, or ask for it to be restricted or deleted, where the law allows

The partnership team can find every case that names a child or a professional and send you what Accord holds. To make a request, contact the partnership team of {partnership}: see the contact page.

If you are not happy with how your information has been handled, you can complain to the Information Commissioner's Office: https://ico.org.uk/make-a-complaint`;

const cookies = (
  facts: CookieFacts,
) => `Cookies are small files saved on your phone, tablet or computer when you visit a website. Accord uses only the cookies it needs to work. It does not use analytics or advertising cookies, and sets no cookie for anyone else, so it does not ask for your consent.

## Cookies Accord sets

- ${facts.session.name}: keeps you signed in, and holds the token that protects the service's forms from being sent by another website. It is deleted when you close your browser. Accord ends the session after ${facts.session.idleMinutes} minutes without activity, or ${facts.session.absoluteHours} hours after you signed in.
- ${facts.device.name}: set when you sign in with a password, so that this browser can still sign in after someone has tried too many wrong passwords for your account. It is sent only to the sign-in page and expires after ${facts.device.days} days.
- ${facts.keptAnswers.name}: set only when you send a form after you were signed out, so that your answers can be given back to you, and only you, when you sign in again. It expires after ${facts.keptAnswers.hours} hours, and your answers are deleted then or as soon as they are given back.

None of these cookies can be read by the service's own scripts, and none holds your name or e-mail address. The warning shown before you are signed out keeps the time your session ends in your browser's local storage, so that every tab of Accord you have open agrees on it.`;

const contact = () => `Accord is run by {partnership}.

## If a child is at immediate risk

Do not wait for a reply through Accord. Call the police on 999, or the children's social care front door of the child's local authority.

## Help with a disagreement

Talk to your line manager or your agency's designated safeguarding lead first. They can advise you and take part in the disagreement.

## Help with your account or the service

Contact the partnership team of {partnership}. They manage the directory of people and agencies, and can help if you cannot sign in, if your details are wrong, or if something in Accord does not work as you expect.

## Your information

To ask for a copy of the information Accord holds about you or your child, contact the partnership team of {partnership}. The privacy notice explains your rights.`;

/** A page's text before the partnership team changes it. */
export function defaultServicePageText(kind: ServicePageKind, facts: CookieFacts): string {
  switch (kind) {
    case 'accessibility':
      return accessibility(facts);
    case 'privacy':
      return privacy();
    case 'cookies':
      return cookies(facts);
    case 'contact':
      return contact();
  }
}
