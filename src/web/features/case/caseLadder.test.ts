import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, actAt, aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { withdraw } from '../../../domain/disagreement/actions/withdraw.ts';

// Tuesday 24 November 2026, 10:00 in London.
const clock = fixedClock('2026-11-24T10:00:00Z');

const words = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The ladder as a reader takes it in: each stage's words, and each cap's. */
function ladderOf(body: string) {
  const $ = cheerio.load(body);
  const ladder = $('[data-testid="ladder"]');
  return {
    classes: ladder.attr('class') ?? '',
    stages: ladder
      .find('[data-testid="ladder-stage"]')
      .toArray()
      .map((stage) => ({
        name: words($(stage).find('[data-testid="stage-name"]').text()),
        state: words($(stage).find('[data-testid="stage-state"]').text()),
        outcome: words($(stage).find('[data-testid="stage-outcome"]').text()),
        current: $(stage).attr('aria-current') === 'step',
        timescale: words($(stage).find('[data-testid="stage-timescale"]').text()),
        times: $(stage)
          .find('[data-testid="stage-times"] li')
          .toArray()
          .map((line) => words($(line).text())),
      })),
    caps: ladder
      .find('[data-testid="ladder-cap"]')
      .toArray()
      .map((cap) => ({
        name: words($(cap).find('[data-testid="cap-name"]').text()),
        limit: words($(cap).find('[data-testid="cap-limit"]').text()),
        state: words($(cap).find('[data-testid="cap-state"]').text()),
        note: words($(cap).find('[data-testid="cap-note"]').text()),
        classes: $(cap).attr('class') ?? '',
      })),
  };
}

describeOnEachDatabase('the ladder on the case page', (context) => {
  const server = useTestApp(context, { clock });
  let eastRiding: Cast;
  let panLancashire: Cast;
  let humber: Cast;

  before(async () => {
    eastRiding = await aDisagreementCast(context.database, { protocolId: 'east-riding' });
    panLancashire = await aDisagreementCast(context.database, { protocolId: 'pan-lancashire' });
    humber = await aDisagreementCast(context.database, { protocolId: 'humber' });
  });

  async function ladderSeenBy(cast: Cast, id: string) {
    const browser = await signIn(server.app, cast.school.practitioner.email);
    const response = await server.app.inject({
      method: 'GET',
      url: `/disagreements/${id}`,
      headers: { cookie: browser.cookie },
    });
    assert.equal(response.statusCode, 200);
    return { ladder: ladderOf(response.body), $: cheerio.load(response.body) };
  }

  test('East Riding’s stages 1 to 4, which have only a cap, point to the bar beside them, which says the limit once', async () => {
    // Raised at 2pm on Monday 23 November 2026 (day 0): 5 working days on is Monday 30 November.
    const disagreement = await aCase({ database: context.database, clock }, eastRiding, {
      raisedAt: '2026-11-23T14:00:00Z',
      escalations: [{ at: '2026-11-24T09:00:00Z', by: eastRiding.school.manager }],
    });
    const { ladder, $ } = await ladderSeenBy(eastRiding, disagreement.id);
    // The bars drawn beside the stages say the limits; each stage says only its own timescale.
    assert.deepEqual(
      ladder.stages.slice(0, 4).map((stage) => stage.timescale),
      Array(4).fill('Timescale: within the limit beside it'),
    );
    assert.equal(ladder.stages[4]?.timescale, 'Timescale: 5 working days');
    assert.ok(!$('[data-testid="ladder"]').text().includes('10 working days of raising'));
    assert.ok(!$('[data-testid="ladder"]').text().includes('No set timescale'));
    assert.deepEqual(
      ladder.stages.map((stage) => [stage.state, stage.outcome, stage.current]),
      [
        ['Done', 'Escalated', false],
        ['Now', '', true],
        ['To come', '', false],
        ['To come', '', false],
        ['To come', '', false],
      ],
    );
    // Stage 2, entered the next morning, is due when the cap ends: 5pm on Monday 30 November.
    assert.deepEqual(ladder.stages[1]?.times, [
      'Started 9am on Tuesday 24 November 2026',
      'Due by 5pm on Monday 30 November 2026',
    ]);
    assert.equal(words($('[data-testid="due"]').text()), 'Due by 5pm on Monday 30 November 2026');
    // A stage to come cannot go past the cap over it.
    assert.deepEqual(ladder.stages[2]?.times, [
      'Due by 5pm on Monday 30 November 2026 at the latest',
    ]);
    assert.deepEqual(ladder.stages[4]?.times, [
      'Due by 5pm on Monday 7 December 2026 at the latest',
    ]);

    assert.deepEqual(
      ladder.caps.map(({ classes: _, ...cap }) => cap),
      [
        {
          name: 'Limit for stages 1 to 4',
          limit: '5 working days from raising: by 5pm on Monday 30 November 2026',
          state: 'Running',
          note: 'Ends in 4 working days',
        },
        {
          name: 'Limit for the whole dispute, including stage 5',
          limit: '10 working days from raising: by 5pm on Monday 7 December 2026',
          state: 'To come',
          note: 'Ends in 9 working days',
        },
      ],
    );
    // A phone's bar says its limit short; the full words are in the list beneath the ladder.
    assert.deepEqual(
      $('[data-testid="cap-short"]')
        .toArray()
        .map((short) => words($(short).text())),
      ['Limit: 5 working days', 'Limit: 10 working days'],
    );
    assert.deepEqual(
      $('[data-testid="ladder-limits"] li')
        .toArray()
        .map((line) => words($(line).text())),
      [
        'Limit for stages 1 to 4: 5 working days from raising, by 5pm on Monday 30 November 2026. Running Ends in 4 working days.',
        'Limit for the whole dispute, including stage 5: 10 working days from raising, by 5pm on Monday 7 December 2026. To come Ends in 9 working days.',
      ],
    );
    // Each bar spans the rows of the stages it covers.
    assert.match(ladder.classes, /accord-ladder--lanes-1/);
    assert.match(ladder.caps[0]?.classes ?? '', /--row-1 .*--rows-4\b/);
    assert.match(ladder.caps[1]?.classes ?? '', /--row-5 .*--rows-1\b/);
  });

  test('Pan-Lancashire’s 15 working days over stages 1 to 3 count from the start of stage 1, and say when they have passed', async () => {
    const deps = { database: context.database, clock };
    const justStarted = await aCase(deps, panLancashire, {
      raisedAt: '2026-11-23T14:00:00Z',
      escalations: [{ at: '2026-11-24T09:00:00Z', by: panLancashire.school.manager }],
    });
    const { ladder } = await ladderSeenBy(panLancashire, justStarted.id);
    assert.deepEqual(
      ladder.stages.map((stage) => stage.state),
      ['Done', 'Now', 'To come', 'To come'],
    );
    assert.deepEqual(
      ladder.caps.map(({ classes: _, ...cap }) => cap),
      [
        {
          name: 'Limit for stages 1 to 3 together',
          limit: '15 working days from the start of stage 1: by 5pm on Tuesday 15 December 2026',
          state: 'Running',
          note: 'Ends in 15 working days',
        },
      ],
    );
    assert.match(ladder.caps[0]?.classes ?? '', /--row-2 .*--rows-3\b/);

    // Stage 1 started on Tuesday 27 October: its 15 working days ended on Tuesday 17 November.
    const late = await aCase(deps, panLancashire, {
      raisedAt: '2026-10-26T10:00:00Z',
      escalations: [
        { at: '2026-10-27T09:00:00Z', by: panLancashire.school.manager },
        { at: '2026-11-03T09:00:00Z', by: panLancashire.school.senior },
      ],
    });
    const passed = (await ladderSeenBy(panLancashire, late.id)).ladder;
    assert.deepEqual(
      passed.caps.map(({ classes: _, ...cap }) => cap),
      [
        {
          name: 'Limit for stages 1 to 3 together',
          limit: '15 working days from the start of stage 1: by 5pm on Tuesday 17 November 2026',
          state: 'Passed',
          note: 'Overdue by 5 working days',
        },
      ],
    );

    // Before stage 1, the limit has no end yet: it says what it counts from.
    const atInitial = await aCase(deps, panLancashire, { raisedAt: '2026-11-23T14:00:00Z' });
    const before = (await ladderSeenBy(panLancashire, atInitial.id)).ladder;
    assert.deepEqual(
      before.caps.map(({ limit, state, note }) => ({ limit, state, note })),
      [
        {
          limit: '15 working days from the start of stage 1',
          state: 'To come',
          note: 'Counts from the start of stage 1',
        },
      ],
    );
  });

  test('a case that ended within its cap says the cap was kept to, and the stages after it were not reached', async () => {
    const deps = { database: context.database, clock };
    const atStageOne = await aCase(deps, panLancashire, {
      raisedAt: '2026-11-23T14:00:00Z',
      escalations: [{ at: '2026-11-24T09:00:00Z', by: panLancashire.school.manager }],
    });
    await actAt(
      deps,
      atStageOne,
      withdraw,
      { reason: 'Social care has opened an assessment.' },
      panLancashire.school.manager,
      '2026-11-24T09:30:00Z',
    );
    clock.set('2026-11-24T10:00:00Z');
    const { ladder } = await ladderSeenBy(panLancashire, atStageOne.id);
    assert.deepEqual(
      ladder.stages.map((stage) => [stage.state, stage.outcome]),
      [
        ['Done', 'Escalated'],
        ['Done', 'Withdrawn'],
        ['Not reached', ''],
        ['Not reached', ''],
      ],
    );
    assert.deepEqual(ladder.stages[2]?.times, [], 'no due time for a stage never to come');
    assert.deepEqual(
      ladder.caps.map(({ state, note }) => ({ state, note })),
      [{ state: 'Kept to', note: 'Its stages ended within it' }],
    );
  });

  test('stages a jump passed over are skipped, said in words', async () => {
    // Humber lets stage 1 go straight to the LSCB Resolution Panel at stage 4.
    const jumped = await aCase({ database: context.database, clock }, humber, {
      raisedAt: '2026-11-23T14:00:00Z',
      escalations: [
        {
          at: '2026-11-24T09:00:00Z',
          by: humber.school.manager,
          toStageKey: 'stage-4',
          writtenAccount: 'The school and social care could not agree on the threshold.',
        },
      ],
    });
    const { ladder, $ } = await ladderSeenBy(humber, jumped.id);
    assert.deepEqual(
      ladder.stages.map((stage) => [stage.name.replace(/ \(.*/, ''), stage.state]),
      [
        ['Stage 1', 'Done'],
        ['Stage 2', 'Skipped'],
        ['Stage 3', 'Skipped'],
        ['Stage 4', 'Now'],
      ],
    );
    assert.deepEqual(ladder.stages[1]?.times, []);
    assert.deepEqual(ladder.caps, [], 'Humber has no caps: no bars');
    assert.equal($('[data-testid="ladder-limits"]').length, 0);
    assert.doesNotMatch(ladder.classes, /lanes/);
  });
});
