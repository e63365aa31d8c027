import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { WorkingTimeSettings } from '../calendar/workingCalendar.ts';
import type { Protocol } from './protocolSchema.ts';
import { parseProtocolFile, validateProtocol } from './validateProtocol.ts';
import { workedExample } from './workedExample.ts';

// Due times worked out by hand, on a calendar, for a small protocol: three stages of 5, 3 and
// 10 working days, a 12-working-day cap over stages 1 and 2 from raising, and an urgent route
// whose cap puts the whole ladder within 24 elapsed hours of raising.
const stage = (n: number, unit: 'workingDays' | 'hours', amount: number) => ({
  key: `stage-${n}`,
  number: n,
  name: `Stage ${n} discussion`,
  who: 'Managers',
  roles: { raising: ['manager'], other: ['manager'] },
  timescale: { unit, amount },
  guidance: 'Talk.',
});
const checked = validateProtocol({
  id: 'worked',
  version: 1,
  name: 'Worked example protocol',
  terms: { partnership: 'Example partnership', frontDoor: 'MASH', monitoringTeam: 'QA team' },
  calendar: {
    region: 'england-and-wales',
    timeZone: 'Europe/London',
    workingHours: { start: '09:00', end: '17:00' },
  },
  stages: [stage(1, 'workingDays', 5), stage(2, 'workingDays', 3), stage(3, 'workingDays', 10)],
  caps: [
    {
      name: 'stages 1 and 2 together',
      stages: ['stage-1', 'stage-2'],
      from: 'raised',
      timescale: { unit: 'workingDays', amount: 7 },
    },
  ],
  urgent: {
    guidance: 'Call the MASH.',
    notifyMonitoringTeam: true,
    caps: [
      {
        name: 'the urgent route',
        stages: ['stage-1', 'stage-2', 'stage-3'],
        from: 'raised',
        timescale: { unit: 'hours', amount: 24 },
      },
    ],
  },
  recording: { childsRecord: 'on-childs-record', guidance: 'Record it.' },
  learning: { route: 'Subgroup', guidance: 'Learn.' },
});
if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
const protocol: Protocol = checked.protocol;
const workingTime = (closureDays: { date: string; name: string }[] = []): WorkingTimeSettings => ({
  region: 'england-and-wales',
  timeZone: 'Europe/London',
  workingHours: { start: '09:00', end: '17:00' },
  closureDays,
});
const at = (text: string) => Temporal.Instant.from(text);

test('raised at 5pm on Tuesday 23 December 2025: stage 1 is due at 5pm on Friday 2 January 2026, Christmas and New Year skipped', () => {
  const example = workedExample(protocol, workingTime(), {
    raisedAt: at('2025-12-23T17:00:00Z'),
    urgent: false,
  });
  const [first, second, third] = example.stages;
  assert.equal(example.raisedAt, '5pm on Tuesday 23 December 2025');
  // Day 0 is Tuesday 23; 24 (1), [25, 26, 27, 28], 29 (2), 30 (3), 31 (4), [1 Jan], 2 Jan (5).
  assert.equal(first?.due, '5pm on Friday 2 January 2026');
  assert.equal(
    first?.skipped,
    "Thursday 25 December 2025 (Christmas Day), Friday 26 December 2025 (Boxing Day) and Thursday 1 January 2026 (New Year's Day) are bank holidays; 2 weekend days not counted",
  );
  // Stage 2 starts at 5pm on Friday 2 January: 3 working days is Wednesday 7 January, but the
  // cap (7 working days from Tuesday 23 December: 24, 29, 30, 31, 2, 5, 6) ends at 5pm on Tuesday
  // 6 January.
  assert.equal(second?.due, '5pm on Tuesday 6 January 2026');
  assert.match(second?.explanation ?? '', /the limit for stages 1 and 2 together/);
  // Stage 3: 10 working days from Tuesday 6 January (7, 8, 9, 12 … 16, 19, 20) is Tuesday 20 January.
  assert.equal(third?.due, '5pm on Tuesday 20 January 2026');
  assert.equal(third?.timescale, '10 working days');
});

test('the urgent route’s 24 elapsed hours from raising cap every stage, across Christmas Day', () => {
  const example = workedExample(protocol, workingTime(), {
    raisedAt: at('2025-12-24T15:30:00Z'),
    urgent: true,
  });
  assert.deepEqual(
    example.stages.map((s) => s.due),
    [
      '3:30pm on Thursday 25 December 2025',
      '3:30pm on Thursday 25 December 2025',
      '3:30pm on Thursday 25 December 2025',
    ],
  );
  assert.equal(example.urgent, true);
});

test('a closure day is named as one, and moves the due time a day later', () => {
  const example = workedExample(
    protocol,
    workingTime([{ date: '2026-03-04', name: 'Staff training day' }]),
    {
      raisedAt: at('2026-03-02T10:00:00Z'),
      urgent: false,
    },
  );
  // Monday 2 March is day 0; 3 (1), [4 closed], 5 (2), 6 (3), [7, 8], 9 (4), 10 (5).
  assert.equal(example.stages[0]?.due, '5pm on Tuesday 10 March 2026');
  assert.equal(
    example.stages[0]?.skipped,
    'Wednesday 4 March 2026 (Staff training day) is a closure day; 2 weekend days not counted',
  );
});

test('a stage with no timescale is assumed to be escalated at once: the next starts with it', () => {
  const open = {
    ...protocol,
    caps: [],
    stages: protocol.stages.map((s, i) =>
      i === 0 ? { ...s, timescale: { unit: 'none' as const } } : s,
    ),
  };
  const example = workedExample(open, workingTime(), {
    raisedAt: at('2026-03-02T10:00:00Z'),
    urgent: false,
  });
  assert.equal(example.stages[0]?.due, null);
  assert.equal(example.stages[0]?.explanation, 'No set timescale');
  // Stage 2 starts at 10am on Monday 2 March: 3 working days is Thursday 5 March.
  assert.equal(example.stages[1]?.due, '5pm on Thursday 5 March 2026');
});

test('six-step: a stage only limits time is said by its limits, and each limit is listed once', () => {
  const sixStep = parseProtocolFile(
    readFileSync(new URL('../../../test/protocols/six-step.yaml', import.meta.url), 'utf8'),
  );
  if (!sixStep.ok) throw new Error(JSON.stringify(sixStep.problems));
  const example = workedExample(sixStep.protocol, workingTime(), {
    raisedAt: at('2026-03-02T10:00:00Z'),
    pathwayId: 'panel',
    urgent: false,
  });
  const [four, five, six] = example.stages;
  assert.equal(four?.timescale, 'within 5 working days of raising (for steps 4 and 5 together)');
  assert.equal(
    five?.timescale,
    'within 5 working days of raising (for steps 4 and 5 together); within 10 working days of the start of step 5 (for steps 5 and 6 together)',
  );
  assert.equal(
    six?.timescale,
    '14 working days, and within 10 working days of the start of step 5 (for steps 5 and 6 together)',
  );
  // Step 5: its limits, each once (the pathway's is not counted twice).
  assert.deepEqual(five?.parts, [
    '5 working days from when the disagreement was raised on Monday 2 March 2026, the limit for steps 1 to 5 together: by 5pm on Monday 9 March 2026',
    "10 working days from the start of step 5 on Monday 9 March 2026, the limit for the panel's review: by 5pm on Monday 23 March 2026",
  ]);
  // Urgent: the immediate route's limit is listed once too.
  const urgent = workedExample(sixStep.protocol, workingTime(), {
    raisedAt: at('2026-03-02T10:00:00Z'),
    urgent: true,
  });
  for (const stage of urgent.stages) {
    const texts = stage.parts.map((part) => part.replace(/: by .*/, ''));
    assert.equal(new Set(texts).size, texts.length, stage.label);
  }
});
