import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aDomainCase, aDomainCast, applied, rulesOf } from '../../../test/domainCases.ts';
import { inLondon, london } from '../../../test/londonTime.ts';
import { builtInProtocol } from '../../protocols/builtInProtocols.ts';
import { describeWorkingTimeChange } from '../calendar/describeWorkingTimeChange.ts';
import { workingCalendarFor } from '../calendar/workingCalendar.ts';
import { ladderFor } from '../protocol/ladder.ts';
import { workingTimeOf } from '../protocol/workingTimeOf.ts';
import { escalate } from './actions/escalate.ts';
import { stageDue } from './deadlines.ts';
import { reprojectDue } from './reprojectDue.ts';

const protocol = builtInProtocol('pan-lancashire');
const ladder = ladderFor(protocol);
const before = workingTimeOf(protocol);
const raisedAt = london('2026-12-14T10:00');

// A case at stage 1 since 3pm on Friday 18 December 2026, its due time as first projected.
function caseAtStageOne() {
  const cast = aDomainCast();
  const now = london('2026-12-18T16:00');
  const raised = aDomainCase(cast, { raisedAt, now });
  const { disagreement } = applied(
    cast,
    raised.disagreement,
    raised.rules,
    escalate,
    { occurredAt: london('2026-12-18T15:00').toString(), reason: 'No agreement' },
    cast.school.manager,
  );
  return disagreement;
}
const dueOfStage = (disagreement: ReturnType<typeof caseAtStageOne>, index: number) => {
  const due = disagreement.stages[index]?.dueAt;
  return inLondon(due ? Temporal.Instant.from(due) : null);
};

describe('re-projecting the open stage after a working-time change', () => {
  const now = london('2026-12-21T09:00');
  const reprojected = (after: typeof before) => {
    const disagreement = caseAtStageOne();
    return {
      disagreement,
      outcome: reprojectDue(
        disagreement,
        rulesOf('pan-lancashire', 'general', now, after),
        describeWorkingTimeChange(before, after),
      ),
    };
  };

  test('a new closure day moves an open stage later, keeps why, and says so on the timeline', () => {
    const after = { ...before, closureDays: [{ date: '2026-12-24', name: 'Office closure' }] };
    const { disagreement, outcome } = reprojected(after);
    assert.equal(dueOfStage(disagreement, 1), '2026-12-29T17:00');
    assert.equal(dueOfStage(outcome.disagreement, 1), '2026-12-30T17:00');
    assert.equal(
      outcome.disagreement.stages[0]?.dueAt,
      disagreement.stages[0]?.dueAt,
      'the ended initial stage is not re-projected',
    );
    assert.match(
      outcome.disagreement.stages[1]?.dueReasons?.explanation ?? '',
      /\(Office closure, Christmas Day and Boxing Day substitute are not working days\): by 5pm on Wednesday 30 December 2026$/,
      'the new reasons are kept with the new due time',
    );
    assert.equal(
      outcome.disagreement.history.at(-1)?.text,
      'Closure day added: Thursday 24 December 2026 (Office closure). Was due by 5pm on Tuesday 29 December 2026, now due by 5pm on Wednesday 30 December 2026.',
    );
    assert.deepEqual(outcome.events, [
      { type: 'DueTimeReprojected', stageIndex: 1, before: disagreement.stages[1]?.dueAt },
    ]);
    assert.equal(outcome.disagreement.version, disagreement.version + 1);
  });

  test('a change of working hours moves the due time to the new end of day', () => {
    const after = { ...before, workingHours: { start: '08:30', end: '16:30' } };
    const { outcome } = reprojected(after);
    assert.equal(dueOfStage(outcome.disagreement, 1), '2026-12-29T16:30');
    assert.match(
      outcome.disagreement.history.at(-1)?.text ?? '',
      /^Working hours changed from 9am to 5pm to 8:30am to 4:30pm\. Was due by 5pm/,
    );
    assert.equal(
      outcome.disagreement.stages[1]?.dueReasons?.reprojected,
      'Re-projected on Monday 21 December 2026 because the partnership’s working time changed: working hours changed from 9am to 5pm to 8:30am to 4:30pm.',
      'the stage keeps when and why its due time was worked out again',
    );
    assert.equal(
      outcome.disagreement.stages[0]?.dueReasons?.reprojected,
      undefined,
      'an ended stage was not re-projected',
    );
  });

  test('a change that does not touch the stage leaves its due time, and says so', () => {
    const after = { ...before, closureDays: [{ date: '2027-02-01', name: 'Training day' }] };
    const { disagreement, outcome } = reprojected(after);
    assert.equal(outcome.disagreement.stages[1]?.dueAt, disagreement.stages[1]?.dueAt);
    assert.match(
      outcome.disagreement.history.at(-1)?.text ?? '',
      /Closure day added: Monday 1 February 2027 \(Training day\)\. Still due by 5pm on Tuesday 29 December 2026\.$/,
    );
  });

  test('a case with no open stage is not changed, whatever the calendar does', () => {
    const ended = { ...caseAtStageOne(), status: 'withdrawn' as const };
    const outcome = reprojectDue(
      ended,
      rulesOf('pan-lancashire', 'general', now, { ...before, region: 'scotland' }),
      'Calendar changed.',
    );
    assert.equal(outcome.disagreement, ended);
    assert.deepEqual(outcome.events, []);
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
