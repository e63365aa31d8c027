import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, actAt, aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { escalate } from '../../../domain/disagreement/actions/escalate.ts';
import { recordDiscussion } from '../../../domain/disagreement/actions/recordDiscussion.ts';

const clock = fixedClock('2026-11-24T10:00:00Z');
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

// A long write-up: its first part, then a marked sentence that only the fold shows.
const longSummary = `${'We went through the referral line by line and the school set out each missed meal. '.repeat(8)}The hidden end: social care will look again on Friday.`;

describeOnEachDatabase('what has happened, on the case page', (context) => {
  const server = useTestApp(context, { clock });
  let cast: Cast;

  before(async () => {
    cast = await aDisagreementCast(context.database);
  });

  test('the timeline shows each record and event newest first, who did it and when, with a long text folded', async () => {
    const deps = { database: context.database, clock };
    let disagreement = await aCase(deps, cast, { raisedAt: '2026-11-23T14:00:00Z' });
    disagreement = await actAt(
      deps,
      disagreement,
      recordDiscussion,
      {
        occurredAt: '2026-11-23T16:00:00Z',
        mode: 'phone',
        participants: ['Avery Example', 'Jordan Example'],
        summary: 'We talked it through and still disagree.',
      },
      cast.school.practitioner,
      '2026-11-23T16:30:00Z',
    );
    disagreement = await actAt(
      deps,
      disagreement,
      escalate,
      { occurredAt: '2026-11-24T09:00:00Z', reason: 'No agreement' },
      cast.school.manager,
      '2026-11-24T09:00:00Z',
    );
    disagreement = await actAt(
      deps,
      disagreement,
      recordDiscussion,
      {
        occurredAt: '2026-11-24T09:30:00Z',
        mode: 'video',
        participants: [],
        summary: longSummary,
      },
      cast.socialCare.manager,
      '2026-11-24T09:45:00Z',
    );
    clock.set('2026-11-24T10:00:00Z');

    const browser = await signIn(server.app, cast.school.practitioner.email);
    const response = await server.app.inject({
      method: 'GET',
      url: `/disagreements/${disagreement.id}`,
      headers: { cookie: browser.cookie },
    });
    assert.equal(response.statusCode, 200);
    const $ = cheerio.load(response.body);
    const timeline = $('[data-testid="timeline"]');
    assert.ok(timeline.hasClass('moj-timeline'), 'the history is MoJ Frontend’s timeline');
    const items = timeline
      .find('[data-testid="timeline-item"]')
      .toArray()
      .map((item) => ({
        title: words($(item).find('h3').text()),
        by: words($(item).find('.moj-timeline__byline').text()),
        // Any ISO 8601 form of the instant will do for <time datetime>.
        datetime: Temporal.Instant.from($(item).find('time').attr('datetime') ?? '').toString(),
        when: words($(item).find('time').text()),
      }));
    assert.deepEqual(items, [
      {
        title: 'Video call',
        by: `by ${cast.socialCare.manager.name}`,
        datetime: '2026-11-24T09:30:00Z',
        when: '9:30am on Tuesday 24 November 2026',
      },
      {
        title: items[1]?.title,
        by: `by ${cast.school.manager.name}`,
        datetime: '2026-11-24T09:00:00Z',
        when: '9am on Tuesday 24 November 2026',
      },
      {
        title: 'Phone call with Avery Example and Jordan Example',
        by: `by ${cast.school.practitioner.name}`,
        datetime: '2026-11-23T16:00:00Z',
        when: '4pm on Monday 23 November 2026',
      },
      {
        title: items[3]?.title,
        by: `by ${cast.school.practitioner.name}`,
        datetime: '2026-11-23T14:00:00Z',
        when: '2pm on Monday 23 November 2026',
      },
    ]);
    assert.match(items[1]?.title ?? '', /^Escalated to Stage 1 \(Line managers\)/);
    assert.match(items[3]?.title ?? '', /^Raised, at “Initial challenge”/);

    const [latest, , phoneCall] = timeline.find('[data-testid="timeline-item"]').toArray();
    // A short record shows whole, with the stage it was made at.
    assert.equal($(phoneCall).find('details').length, 0);
    assert.match(words($(phoneCall).text()), /At “Initial challenge”/);
    assert.match(words($(phoneCall).text()), /We talked it through and still disagree\./);
    // A long one shows its start; the rest is folded in a "Read the rest".
    const fold = $(latest).find('details');
    assert.equal(fold.length, 1);
    assert.equal(words(fold.find('summary').text()), 'Read the rest');
    assert.match(words(fold.text()), /The hidden end: social care will look again on Friday\./);
    const shown = words($(latest).find('.moj-timeline__description > p').text());
    assert.ok(shown.startsWith('At Stage 1'));
    assert.ok(shown.includes('We went through the referral line by line'));
    assert.ok(!shown.includes('The hidden end'), 'the end is folded away');
    assert.ok(shown.endsWith('…'));
  });
});
