import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inLondon, london } from '../../../test/londonTime.ts';
import { builtInProtocol } from '../../protocols/builtInProtocols.ts';
import { workingCalendarFor } from '../calendar/workingCalendar.ts';
import { ladderFor } from '../protocol/ladder.ts';
import { workingTimeOf } from '../protocol/workingTimeOf.ts';
import { stageDue } from './deadlines.ts';
import { type ProjectedStage, reproject } from './reproject.ts';

const protocol = builtInProtocol('pan-lancashire');
const ladder = ladderFor(protocol);
const before = workingTimeOf(protocol);
const raisedAt = london('2026-12-14T10:00');

// A case at stage 1 since 3pm on Friday 18 December 2026, its due time as first projected.
function caseAtStageOne(): ProjectedStage[] {
  const stages = [
    { key: 'initial', startedAt: raisedAt, endedAt: london('2026-12-18T15:00'), dueAt: null },
    { key: 'stage-1', startedAt: london('2026-12-18T15:00'), endedAt: null, dueAt: null },
  ];
  const due = stageDue(
    { protocol, ladder, raisedAt, stages, calendar: workingCalendarFor(before) },
    'stage-1',
    london('2026-12-18T15:00'),
  );
  return stages.map((stage) => (stage.key === 'stage-1' ? { ...stage, dueAt: due.dueAt } : stage));
}

describe('re-projecting open stages', () => {
  test('a new closure day moves an open stage later, and says why', () => {
    const stages = caseAtStageOne();
    assert.equal(inLondon(stages[1]?.dueAt ?? null), '2026-12-29T17:00');
    const after = { ...before, closureDays: [{ date: '2026-12-24', name: 'Office closure' }] };
    const [stageOne, ...others] = reproject({ protocol, ladder, raisedAt, stages, before, after });
    assert.deepEqual(others, [], 'the ended initial stage is not re-projected');
    assert.equal(stageOne?.key, 'stage-1');
    assert.equal(stageOne?.changed, true);
    assert.equal(inLondon(stageOne?.previousDueAt ?? null), '2026-12-29T17:00');
    assert.equal(inLondon(stageOne?.dueAt ?? null), '2026-12-30T17:00');
    assert.equal(
      stageOne?.reason,
      'Closure day added: Thursday 24 December 2026 (Office closure). Due time moved from 5pm on Tuesday 29 December 2026 to 5pm on Wednesday 30 December 2026.',
    );
  });

  test('a change of working hours moves the due time to the new end of day', () => {
    const after = { ...before, workingHours: { start: '08:30', end: '16:30' } };
    const [stageOne] = reproject({
      protocol,
      ladder,
      raisedAt,
      stages: caseAtStageOne(),
      before,
      after,
    });
    assert.equal(inLondon(stageOne?.dueAt ?? null), '2026-12-29T16:30');
    assert.match(
      stageOne?.reason ?? '',
      /^Working hours changed from 9am to 5pm to 8:30am to 4:30pm\. Due time moved/,
    );
  });

  test('a change that does not touch the stage leaves its due time, and says so', () => {
    const after = { ...before, closureDays: [{ date: '2027-02-01', name: 'Training day' }] };
    const [stageOne] = reproject({
      protocol,
      ladder,
      raisedAt,
      stages: caseAtStageOne(),
      before,
      after,
    });
    assert.equal(stageOne?.changed, false);
    assert.match(
      stageOne?.reason ?? '',
      /Closure day added: Monday 1 February 2027 \(Training day\)\. Due time unchanged\.$/,
    );
  });

  test('ended stages never change, whatever the calendar does', () => {
    const ended = caseAtStageOne().map((stage) => ({
      ...stage,
      endedAt: stage.endedAt ?? london('2026-12-21T10:00'),
    }));
    const after = { ...before, region: 'scotland' as const };
    assert.deepEqual(reproject({ protocol, ladder, raisedAt, stages: ended, before, after }), []);
  });
});

describe('stage due times', () => {
  test('a cap applies once the ladder reaches it, counting from the stage after a skipped anchor', () => {
    const calendar = workingCalendarFor(before);
    const initialOnly = stageDue(
      { protocol, ladder, raisedAt, stages: [{ key: 'initial', startedAt: raisedAt }], calendar },
      'initial',
      raisedAt,
    );
    assert.deepEqual(initialOnly.parts, []);
    const stageTwoWithoutStageOne = stageDue(
      {
        protocol,
        ladder,
        raisedAt,
        stages: [
          { key: 'initial', startedAt: raisedAt },
          { key: 'stage-2', startedAt: london('2026-11-03T10:00') },
        ],
        calendar,
      },
      'stage-2',
      london('2026-11-03T10:00'),
    );
    assert.deepEqual(
      stageTwoWithoutStageOne.parts.map((part) => [part.kind, inLondon(part.dueAt)]),
      [
        ['stage', '2026-11-10T17:00'],
        ['cap', '2026-11-24T17:00'],
      ],
    );
    assert.match(
      stageTwoWithoutStageOne.parts[1]?.text ?? '',
      /^15 working days from the start of stage 2 on Tuesday 3 November 2026/,
    );
  });

  test('every limit is listed, earliest first, the earliest leading the explanation', () => {
    const calendar = workingCalendarFor(before);
    const due = stageDue(
      {
        protocol,
        ladder,
        raisedAt,
        stages: [
          { key: 'initial', startedAt: raisedAt },
          { key: 'stage-1', startedAt: london('2026-12-15T10:00') },
        ],
        childDeadline: london('2026-12-18T12:00'),
        calendar,
      },
      'stage-1',
      london('2026-12-15T10:00'),
    );
    assert.deepEqual(
      due.parts.map((part) => [part.kind, inLondon(part.dueAt)]),
      [
        ['child-deadline', '2026-12-18T12:00'],
        ['stage', '2026-12-22T17:00'],
        ['cap', '2027-01-08T17:00'],
      ],
    );
    assert.equal(
      due.explanation,
      'The deadline set on the case to protect the child: by midday on Friday 18 December 2026',
    );
  });
});
