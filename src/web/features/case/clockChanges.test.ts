import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast, type Cast, contextOf } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { isOverdue } from '../../../domain/disagreement/disagreement.ts';
import { getDisagreement } from '../../../services/readDisagreements.ts';

// A date and time typed on a case's form (here the deadline to protect the child; records,
// escalations, outcomes and meetings read theirs the same way) is never shifted by a change of
// the clocks: a time that does not exist is refused beside it, one that happens twice is asked
// about with radios, and a deadline from raising on may already have passed.

// Tuesday 24 November 2026, 10:00 in London.
const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase(
  'dates and times across a change of the clocks, on the case pages',
  (context) => {
    const server = useTestApp(context, { clock });
    const deps = () => ({ database: context.database, clock });
    let cast: Cast;
    let team: Browser;
    const deadline = (id: string, version: number, at: Record<string, string>) =>
      server.app.inject({
        method: 'POST',
        url: `/disagreements/${id}/child-deadline`,
        headers: { cookie: team.cookie },
        payload: {
          _csrf: team.csrfToken,
          version: String(version),
          reason: 'The child’s review',
          ...at,
        },
      });
    const on = (day: string, month: string, year: string, time: string) => ({
      'dueAt-day': day,
      'dueAt-month': month,
      'dueAt-year': year,
      'dueAt-time': time,
    });

    before(async () => {
      cast = await aDisagreementCast(context.database);
      team = await signIn(server.app, cast.team.email);
    });

    test('a time the clocks skip is refused beside the field; a doubled one is asked about and then kept as chosen', async () => {
      const disagreement = await aCase(deps(), cast, {
        escalations: [{ at: '2026-11-24T09:00:00Z', by: cast.school.manager }],
      });
      const skipped = await deadline(disagreement.id, 2, on('28', '3', '2027', '1:30am'));
      assert.equal(skipped.statusCode, 400);
      const $skipped = cheerio.load(skipped.body);
      assert.equal(
        $skipped('#dueAt-error').text().trim(),
        'Error: There is no 1:30am on Sunday 28 March 2027: the clocks go forward an hour at 1am. Enter a time before 1am or from 2am',
      );

      const doubled = await deadline(disagreement.id, 2, on('31', '10', '2027', '1:30am'));
      assert.equal(doubled.statusCode, 400);
      const $ = cheerio.load(doubled.body);
      assert.equal(
        $('#dueAt-which-error').text().trim(),
        'Error: 1:30am happens twice on Sunday 31 October 2027, when the clocks go back: say which you mean',
      );
      assert.equal($('#dueAt-error').length, 0, 'the question is beside the radios, once');
      assert.equal($('.govuk-error-summary__list a').attr('href'), '#dueAt-which');
      assert.equal($('#dueAt-which').attr('name'), 'dueAt-which', 'the summary links to a radio');
      assert.deepEqual(
        $('input[name="dueAt-which"]')
          .map((_, input) =>
            $(`label[for="${$(input).attr('id')}"]`)
              .text()
              .trim(),
          )
          .get(),
        ['1:30am BST (the first)', '1:30am GMT (the second)'],
      );
      assert.equal($('input[name="dueAt-time"]').val(), '1:30am', 'the answers are kept');

      const chosen = await deadline(disagreement.id, 2, {
        ...on('31', '10', '2027', '1:30am'),
        'dueAt-which': 'second',
      });
      assert.equal(chosen.statusCode, 303, chosen.body.slice(0, 500));
      const stored = (
        await getDisagreement(deps(), disagreement.id, await contextOf(context.database, cast.team))
      ).disagreement;
      assert.equal(stored.childDeadline?.dueAt, '2027-10-31T01:30:00.000Z', 'the second 1:30am');
    });

    test('a deadline already passed, from raising on, is kept and the case is overdue at once; one before raising is refused beside it', async () => {
      // Raised at 2pm on Monday 23 November 2026, logged late.
      const disagreement = await aCase(deps(), cast, { urgent: true });
      const before = await deadline(disagreement.id, 1, on('23', '11', '2026', '1:59pm'));
      assert.equal(before.statusCode, 422);
      assert.equal(
        cheerio.load(before.body)('#dueAt-error').text().trim(),
        'Error: A deadline to protect the child cannot be before the disagreement was raised (2pm on Monday 23 November 2026)',
      );
      const passed = await deadline(disagreement.id, 1, on('24', '11', '2026', '9am'));
      assert.equal(passed.statusCode, 303, passed.body.slice(0, 500));
      const stored = (
        await getDisagreement(deps(), disagreement.id, await contextOf(context.database, cast.team))
      ).disagreement;
      assert.equal(stored.stages.at(-1)?.dueAt, '2026-11-24T09:00:00.000Z');
      assert.ok(isOverdue(stored, clock.now()));
    });
  },
);
