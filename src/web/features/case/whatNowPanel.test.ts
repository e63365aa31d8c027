import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import {
  aCase,
  actAt,
  aDisagreementCast,
  anAgency,
  aPerson,
  type Cast,
} from '../../../../test/factories.ts';
import { signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Person } from '../../../domain/directory/directory.ts';
import { close } from '../../../domain/disagreement/actions/close.ts';
import { completeAction } from '../../../domain/disagreement/actions/completeAction.ts';
import { confirmOutcome } from '../../../domain/disagreement/actions/confirmOutcome.ts';
import { proposeOutcome } from '../../../domain/disagreement/actions/proposeOutcome.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';

// Tuesday 24 November 2026, 10:00 in London; Stage 1 of a case escalated then is due by 5pm on
// Tuesday 1 December, five working days on.
const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('the case page answers "what now?"', (context) => {
  const server = useTestApp(context, { clock });
  const deps = () => ({ database: context.database, clock });
  let cast: Cast;

  before(async () => {
    cast = await aDisagreementCast(context.database);
  });

  const atStageOne = () => {
    clock.set('2026-11-24T10:00:00Z');
    return aCase(deps(), cast, {
      children: [{ firstName: 'Robin', lastName: 'Example', dateOfBirth: '2018-03-02' }],
      escalations: [{ at: '2026-11-24T09:00:00Z' }],
    });
  };
  /** Stage 1 with an outcome the school proposed, and an action for social care's practitioner. */
  const proposedBySchool = async () =>
    actAt(
      deps(),
      await atStageOne(),
      proposeOutcome,
      {
        occurredAt: '2026-11-25T09:00:00Z',
        agreedOutcome: 'Social care will assess',
        actions: [
          {
            description: 'Visit the family',
            ownerId: cast.socialCare.practitioner.id,
            dueAt: '2026-12-04T17:00:00Z',
          },
        ],
      },
      cast.school.manager,
      '2026-11-25T10:00:00Z',
    );

  const casePageAs = async (person: Person, disagreement: Disagreement) => {
    const browser = await signIn(server.app, person.email);
    const response = await server.app.inject({
      method: 'GET',
      url: `/disagreements/${disagreement.id}`,
      headers: { cookie: browser.cookie },
    });
    const $ = cheerio.load(response.body);
    const text = (testId: string) =>
      $(`[data-testid="${testId}"]`).text().replace(/\s+/g, ' ').trim();
    return {
      response,
      $,
      heading: $('h1').text().trim(),
      child: text('case-child'),
      panelHeading: $('#what-now-heading').text().trim(),
      ask: text('what-now-ask'),
      due: text('what-now-due'),
      waiting: text('what-now-waiting'),
      button: $('[data-testid="what-now"] [data-testid="what-now-button"]'),
      links: $('[data-testid="what-now"] .govuk-button-group a.govuk-link')
        .toArray()
        .map((link) => $(link).text().trim()),
      also: text('what-now-also'),
    };
  };

  test('the raising agency’s manager: their stage as a button, how long is left, with whom', async () => {
    const disagreement = await atStageOne();
    const page = await casePageAs(cast.school.manager, disagreement);
    assert.equal(page.response.statusCode, 200);
    assert.equal(page.heading, `Disagreement with ${cast.socialCare.agency.name}`);
    assert.equal(page.child, 'About Robin Example, born 2 March 2018');
    assert.equal(page.panelHeading, 'What you need to do');
    assert.equal(page.ask, 'Act at Stage 1 (Line managers): record, resolve or escalate');
    assert.equal(page.due, 'Due by 5pm on Tuesday 1 December 2026 — 5 working days left');
    assert.equal(
      page.waiting,
      `At Stage 1 (Line managers), ${cast.socialCare.agency.name} and your agency are to settle the disagreement, or escalate it.`,
    );
    assert.equal(page.button.text().trim(), 'Record a discussion');
    assert.equal(page.button.attr('href'), `/disagreements/${disagreement.id}/record-discussion`);
    assert.deepEqual(page.links, ['Propose an outcome', 'Escalate']);
  });

  test('who settles a stage is its sides, in one list: three agencies, not "A and B and your agency"', async () => {
    const police = await anAgency(context.database, cast.partnershipId, { kind: 'police' });
    await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      agencyId: police.id,
      roles: ['manager'],
    });
    clock.set('2026-11-24T10:00:00Z');
    const threeWay = await aCase(deps(), cast, {
      otherAgencyIds: [cast.socialCare.agency.id, police.id],
      escalations: [{ at: '2026-11-24T09:00:00Z' }],
    });
    const page = await casePageAs(cast.school.manager, threeWay);
    assert.equal(
      page.waiting,
      `At Stage 1 (Line managers), ${cast.socialCare.agency.name}, ${police.name} and your agency are to settle the disagreement, or escalate it.`,
    );
  });

  test('a stage with no timescale says so, rather than giving no time at all', async () => {
    clock.set('2026-11-24T10:00:00Z');
    const justRaised = await aCase(deps(), cast, {});
    const page = await casePageAs(cast.school.practitioner, justRaised);
    assert.match(page.ask, /^Act at “Initial challenge”/);
    assert.equal(page.due, 'This stage has no set timescale');
  });

  test('the other side’s practitioner, asked nothing: who the case waits for, and no button', async () => {
    const disagreement = await atStageOne();
    const page = await casePageAs(cast.socialCare.practitioner, disagreement);
    assert.equal(page.heading, `Disagreement raised by ${cast.school.agency.name}`);
    assert.equal(page.child, 'About Robin Example, born 2 March 2018');
    assert.equal(page.panelHeading, 'What happens now');
    assert.equal(page.ask, '');
    assert.equal(page.due, 'Due by 5pm on Tuesday 1 December 2026 — 5 working days left');
    assert.equal(
      page.waiting,
      `Waiting for ${cast.school.agency.name} and your agency to act at Stage 1 (Line managers) — nothing is asked of you now.`,
    );
    assert.equal(page.button.length, 0);
  });

  test('the partnership team: whom the case is between, what it waits for and by when, no button', async () => {
    const disagreement = await atStageOne();
    const page = await casePageAs(cast.team, disagreement);
    assert.equal(
      page.heading,
      `Disagreement between ${cast.school.agency.name} and ${cast.socialCare.agency.name}`,
    );
    assert.equal(page.child, 'About Robin Example, born 2 March 2018');
    assert.equal(page.panelHeading, 'What happens now');
    assert.equal(
      page.waiting,
      `Waiting for ${cast.school.agency.name} and ${cast.socialCare.agency.name} to act at Stage 1 (Line managers) — nothing is asked of you now.`,
    );
    assert.equal(page.due, 'Due by 5pm on Tuesday 1 December 2026 — 5 working days left');
    assert.equal(page.button.length, 0);
  });

  test('the confirmer: one button to the confirm page, how overdue, who waits on them', async () => {
    const disagreement = await proposedBySchool();
    // Wednesday 9 December: six working days after the stage was due.
    clock.set('2026-12-09T10:00:00Z');
    const page = await casePageAs(cast.socialCare.manager, disagreement);
    assert.equal(page.ask, 'Confirm or reject the proposed outcome');
    assert.equal(
      page.due,
      'Overdue by 6 working days: it was due by 5pm on Tuesday 1 December 2026',
    );
    assert.equal(
      page.waiting,
      `${cast.school.agency.name} is waiting for your agency to confirm the outcome.`,
    );
    assert.equal(page.button.text().trim(), 'Confirm or reject the proposed outcome');
    assert.equal(page.button.attr('href'), `/disagreements/${disagreement.id}/confirm-outcome`);
    assert.deepEqual(page.links, [], 'confirming is the one thing asked');
    // What is proposed is read beside the button, and said once on the page.
    assert.equal(
      page.$('[data-testid="what-now"] [data-testid="agreed-outcome"]').text(),
      'Social care will assess',
    );
    assert.equal(page.$('[data-testid="agreed-outcome"]').length, 1);

    const proposer = await casePageAs(cast.school.manager, disagreement);
    assert.equal(
      proposer.waiting,
      `Waiting for ${cast.socialCare.agency.name} to confirm the proposed outcome — nothing is asked of you now.`,
    );
    assert.equal(proposer.button.length, 0);
  });

  test('an action owner: a confirmation first, their action listed under it, then their action as the button', async () => {
    const proposed = await proposedBySchool();
    clock.set('2026-12-09T10:00:00Z');
    const before = await casePageAs(cast.socialCare.practitioner, proposed);
    assert.equal(before.ask, 'Confirm or reject the proposed outcome');
    assert.equal(before.also, 'Complete your action: Visit the family — overdue by 3 working days');

    const resolved = await actAt(
      deps(),
      proposed,
      confirmOutcome,
      {},
      cast.socialCare.manager,
      '2026-12-09T10:00:00Z',
    );
    const owner = await casePageAs(cast.socialCare.practitioner, resolved);
    assert.equal(owner.ask, 'Complete your action: Visit the family');
    assert.equal(
      owner.due,
      'Overdue by 3 working days: it was due by 5pm on Friday 4 December 2026',
    );
    assert.equal(owner.button.text().trim(), 'Mark your action as done');
    const form = owner.button.closest('form');
    assert.equal(
      form.attr('action'),
      `/disagreements/${resolved.id}/actions/${resolved.actions[0]?.id}/complete`,
    );
    assert.equal(form.attr('method'), 'post');
    assert.equal(
      owner.waiting,
      'The agencies agreed an outcome: waiting for 1 agreed action to be done before it is closed.',
    );
  });

  test('a resolved case: what was agreed, and Close offered only once its actions are done', async () => {
    const resolved = await actAt(
      deps(),
      await proposedBySchool(),
      confirmOutcome,
      {},
      cast.socialCare.manager,
      '2026-11-26T10:00:00Z',
    );
    const page = await casePageAs(cast.school.manager, resolved);
    assert.equal(page.panelHeading, 'What happens now');
    assert.equal(
      page.waiting,
      'The agencies agreed an outcome: waiting for 1 agreed action to be done before it is closed — nothing is asked of you now.',
    );
    assert.equal(page.button.length, 0, 'closing now would strand the open action');
    assert.equal(page.$('[data-testid="agreed-outcome"]').length, 1, 'the outcome said once');
    assert.equal(
      page.$('[data-testid="what-now"] [data-testid="agreed-outcome"]').text(),
      'Social care will assess',
    );

    const done = await actAt(
      deps(),
      resolved,
      completeAction,
      { actionId: resolved.actions[0]?.id ?? '' },
      cast.socialCare.practitioner,
      '2026-11-27T09:00:00Z',
    );
    const afterActions = await casePageAs(cast.school.manager, done);
    assert.equal(afterActions.panelHeading, 'What happens now');
    assert.equal(
      afterActions.waiting,
      'The agencies agreed an outcome: it can now be closed, with any lesson for the partnership.',
    );
    assert.equal(afterActions.button.attr('href'), `/disagreements/${done.id}/close`);
    const team = await casePageAs(cast.team, done);
    assert.equal(team.button.attr('href'), `/disagreements/${done.id}/close`);

    const closed = await actAt(
      deps(),
      done,
      close,
      { lessons: [] },
      cast.school.manager,
      '2026-11-27T10:00:00Z',
    );
    const afterClosing = await casePageAs(cast.school.manager, closed);
    assert.equal(afterClosing.panelHeading, 'What happens now');
    assert.equal(afterClosing.waiting, 'The disagreement is closed: nothing is asked of you now.');
    assert.equal(afterClosing.button.length, 0);
  });

  test('a case closed with an action still open asks its owner nothing: it can no longer be done', async () => {
    const resolved = await actAt(
      deps(),
      await proposedBySchool(),
      confirmOutcome,
      {},
      cast.socialCare.manager,
      '2026-11-26T10:00:00Z',
    );
    const closed = await actAt(
      deps(),
      resolved,
      close,
      { lessons: [] },
      cast.school.manager,
      '2026-11-27T10:00:00Z',
    );
    const owner = await casePageAs(cast.socialCare.practitioner, closed);
    assert.equal(owner.panelHeading, 'What happens now');
    assert.equal(owner.ask, '');
    assert.equal(owner.waiting, 'The disagreement is closed: nothing is asked of you now.');
    assert.equal(owner.button.length, 0, 'no "Mark your action as done" that would be refused');
  });

  test('the close page warns, naming them, that open actions cannot be done once closed', async () => {
    const resolved = await actAt(
      deps(),
      await proposedBySchool(),
      confirmOutcome,
      {},
      cast.socialCare.manager,
      '2026-11-26T10:00:00Z',
    );
    const closePage = async (disagreement: Disagreement) => {
      const browser = await signIn(server.app, cast.school.manager.email);
      const response = await server.app.inject({
        method: 'GET',
        url: `/disagreements/${disagreement.id}/close`,
        headers: { cookie: browser.cookie },
      });
      assert.equal(response.statusCode, 200);
      const $ = cheerio.load(response.body);
      return $('.govuk-warning-text__text').text().replace(/\s+/g, ' ').trim();
    };
    assert.equal(
      await closePage(resolved),
      'Warning The agreed action “Visit the family” is not done yet. Once the disagreement is closed, it cannot be marked as done.',
    );
    const done = await actAt(
      deps(),
      resolved,
      completeAction,
      { actionId: resolved.actions[0]?.id ?? '' },
      cast.socialCare.practitioner,
      '2026-11-27T09:00:00Z',
    );
    assert.equal(await closePage(done), '', 'no warning once every action is done');
  });

  test('nobody who may not see the case sees its child: admin and a third agency get 404', async () => {
    const disagreement = await atStageOne();
    const police = await anAgency(context.database, cast.partnershipId, { kind: 'police' });
    const officer = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      agencyId: police.id,
      roles: ['manager'],
    });
    for (const stranger of [cast.admin, officer]) {
      const page = await casePageAs(stranger, disagreement);
      assert.equal(page.response.statusCode, 404);
      assert.ok(!page.response.body.includes('Robin'));
    }
  });
});
