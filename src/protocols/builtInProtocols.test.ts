import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inLondon, london } from '../../test/londonTime.ts';
import { workingCalendarFor } from '../domain/calendar/workingCalendar.ts';
import { type StageStart, stageDue } from '../domain/disagreement/deadlines.ts';
import { escalationTargets, ladderFor, pathwayForCategory } from '../domain/protocol/ladder.ts';
import { workingTimeOf } from '../domain/protocol/workingTimeOf.ts';
import { type BuiltInProtocolId, builtInProtocol, builtInProtocolIds } from './builtInProtocols.ts';

/**
 * Walks a case up a protocol's ladder: raised at the first time, then escalated into each
 * later stage at the time given. Returns each stage's effective due time, local, and why.
 */
function walk(
  protocolId: BuiltInProtocolId,
  pathwayId: string,
  entries: [stageKey: string, enteredAt: string][],
  childDeadline?: string,
) {
  const protocol = builtInProtocol(protocolId);
  const ladder = ladderFor(protocol, pathwayId);
  const calendar = workingCalendarFor(workingTimeOf(protocol));
  const raisedAt = london(entries[0]?.[1] ?? '');
  const stages: StageStart[] = [];
  return entries.map(([key, enteredAt]) => {
    stages.push({ key, startedAt: london(enteredAt) });
    const due = stageDue(
      {
        protocol,
        ladder,
        raisedAt,
        stages,
        childDeadline: childDeadline ? london(childDeadline) : null,
        calendar,
      },
      key,
      london(enteredAt),
    );
    return { key, due: inLondon(due.dueAt), explanation: due.explanation };
  });
}

describe('the built-in protocols', () => {
  test('each has exactly the stage keys of protocols.md §3', () => {
    const keys = Object.fromEntries(
      builtInProtocolIds.map((id) => [id, builtInProtocol(id).stages.map((stage) => stage.key)]),
    );
    assert.deepEqual(keys, {
      'pan-lancashire': ['initial', 'stage-1', 'stage-2', 'stage-3'],
      humber: ['stage-1', 'stage-2', 'stage-3', 'stage-4'],
      'east-riding': ['stage-1', 'stage-2', 'stage-3', 'stage-4', 'stage-5'],
      lincolnshire: ['step-1', 'step-2', 'step-3', 'step-4a'],
    });
  });

  test('every stage of every pathway cites the section of its source document', () => {
    for (const id of builtInProtocolIds) {
      const protocol = builtInProtocol(id);
      for (const pathwayId of ['general', ...protocol.pathways.map((pathway) => pathway.id)]) {
        for (const stage of ladderFor(protocol, pathwayId).stages) {
          assert.match(stage.source ?? '', /§\d|Appendix/, `${id} ${pathwayId} ${stage.key}`);
        }
      }
    }
  });
});

describe('Pan-Lancashire over Christmas and New Year 2026', () => {
  const steps = walk('pan-lancashire', 'general', [
    ['initial', '2026-12-14T10:00'],
    ['stage-1', '2026-12-18T15:00'],
    ['stage-2', '2026-12-29T16:00'],
    ['stage-3', '2027-01-11T09:30'],
  ]);

  test('the initial challenge has no set timescale', () => {
    assert.deepEqual(steps[0], { key: 'initial', due: null, explanation: 'No set timescale' });
  });

  test('stages 1 and 2 take 5 working days each, skipping the bank holidays', () => {
    assert.equal(steps[1]?.due, '2026-12-29T17:00');
    assert.equal(
      steps[1]?.explanation,
      '5 working days from Friday 18 December 2026 (Christmas Day and Boxing Day substitute are not working days): by 5pm on Tuesday 29 December 2026',
    );
    assert.equal(steps[2]?.due, '2027-01-06T17:00');
  });

  test('stage 3 entered late is held to 15 working days from the start of stage 1', () => {
    assert.equal(steps[3]?.due, '2027-01-13T17:00');
    assert.equal(
      steps[3]?.explanation,
      "15 working days from the start of stage 1 on Friday 18 December 2026 (Christmas Day, Boxing Day substitute and New Year's Day are not working days), the limit for stages 1 to 3 together: by 5pm on Wednesday 13 January 2027",
    );
  });

  test('stage 3 is the monitoring stage, with the Appendix 1 form', () => {
    const stage3 = ladderFor(builtInProtocol('pan-lancashire')).stages[3];
    assert.deepEqual(stage3?.onEntry, {
      notifyMonitoringTeam: true,
      tellOtherAgencyFirst: true,
      monitoringForm: 'stage-3-monitoring',
    });
  });

  test('a referral not accepted at the front door starts with the regional Practice Manager', () => {
    const protocol = builtInProtocol('pan-lancashire');
    const pathway = pathwayForCategory(protocol, 'referral-not-accepted');
    assert.equal(pathway, 'front-door');
    assert.equal(pathwayForCategory(protocol, 'further-information'), 'front-door');
    assert.equal(pathwayForCategory(protocol, 'threshold'), 'general');
    const initial = ladderFor(protocol, pathway).stages[0];
    assert.match(
      initial?.who ?? '',
      /Practice Manager for the region \(East, Central, North or CSSH\)/,
    );
    assert.deepEqual(initial?.roles.raising, ['practitioner']);
    assert.deepEqual(initial?.roles.other, ['manager']);
  });
});

describe('Humber over Easter 2027', () => {
  const entries: [string, string][] = [
    ['stage-1', '2027-03-24T11:00'],
    ['stage-2', '2027-03-25T16:30'],
    ['stage-3', '2027-03-31T12:00'],
    ['stage-4', '2027-04-02T17:30'],
  ];

  test('stages take 1, 2, 2 and 5 working days, skipping Good Friday and Easter Monday', () => {
    assert.deepEqual(
      walk('humber', 'general', entries).map((step) => step.due),
      ['2027-03-25T17:00', '2027-03-31T17:00', '2027-04-02T17:00', '2027-04-09T17:00'],
    );
  });

  test('stage 4 is due at a timescale which protects the child, whichever is less', () => {
    const stage4 = walk('humber', 'general', entries, '2027-04-07T12:00')[3];
    assert.equal(stage4?.due, '2027-04-07T12:00');
    assert.equal(
      stage4?.explanation,
      'The deadline set on the case to protect the child: by midday on Wednesday 7 April 2027',
    );
  });

  test('stage 4 may be reached from stage 1 or 2, and needs a written account and the Independent Chair', () => {
    const ladder = ladderFor(builtInProtocol('humber'));
    assert.deepEqual(
      escalationTargets(ladder, 'stage-1').map((stage) => stage.key),
      ['stage-2', 'stage-4'],
    );
    assert.deepEqual(
      escalationTargets(ladder, 'stage-2').map((stage) => stage.key),
      ['stage-3', 'stage-4'],
    );
    assert.deepEqual(
      escalationTargets(ladder, 'stage-3').map((stage) => stage.key),
      ['stage-4'],
    );
    assert.deepEqual(escalationTargets(ladder, 'stage-4'), []);
    const onEntry = ladder.stages[3]?.onEntry;
    assert.equal(onEntry?.notifyMonitoringTeam, true);
    assert.ok(onEntry?.writtenAccount);
    assert.equal(onEntry?.chairedMeeting?.chair, 'partnership-independent-chair');
    assert.equal(onEntry?.monitoringForm, undefined);
  });

  test('pathways follow the category', () => {
    const protocol = builtInProtocol('humber');
    assert.equal(pathwayForCategory(protocol, 'child-protection-procedures'), 'front-door');
    assert.equal(pathwayForCategory(protocol, 'joint-response'), 'joint-response');
    assert.deepEqual(
      ladderFor(protocol, 'joint-response').stages.map((stage) => [
        stage.key,
        stage.timescale.amount,
      ]),
      [
        ['stage-1', 1],
        ['stage-2', 2],
        ['stage-3', 2],
      ],
    );
    assert.match(ladderFor(protocol, 'joint-response').stages[0]?.who ?? '', /Sergeant/);
  });
});

describe('East Riding over Christmas and New Year 2026', () => {
  const steps = walk('east-riding', 'general', [
    ['stage-1', '2026-12-21T10:00'],
    ['stage-2', '2026-12-22T09:00'],
    ['stage-3', '2026-12-23T14:00'],
    ['stage-4', '2026-12-29T10:00'],
    ['stage-5', '2026-12-31T10:00'],
  ]);

  test('stages 1 to 4 are all held to 5 working days from raising', () => {
    assert.deepEqual(
      steps.slice(0, 4).map((step) => step.due),
      ['2026-12-30T17:00', '2026-12-30T17:00', '2026-12-30T17:00', '2026-12-30T17:00'],
    );
    assert.equal(
      steps[0]?.explanation,
      '5 working days from when the disagreement was raised on Monday 21 December 2026 (Christmas Day and Boxing Day substitute are not working days), the limit for stages 1 to 4: by 5pm on Wednesday 30 December 2026',
    );
  });

  test('stage 5 ends within 10 working days of raising, before its own 5 working days', () => {
    assert.equal(steps[4]?.due, '2027-01-07T17:00');
    assert.match(
      steps[4]?.explanation ?? '',
      /^10 working days from when the disagreement was raised/,
    );
  });

  test('stage 1 is internal to the raising agency; stage 4 brings the Appendix A form', () => {
    const ladder = ladderFor(builtInProtocol('east-riding'));
    assert.equal(ladder.stages[0]?.sides, 'raising');
    assert.deepEqual(ladder.stages[0]?.roles.other, []);
    assert.equal(ladder.stages[3]?.onEntry.monitoringForm, 'stage-4-monitoring');
    assert.equal(ladder.stages[4]?.onEntry.chairedMeeting?.chair, 'uninvolved-partnership-member');
  });

  test('a conference adjournment lasts at most 72 hours, across the clocks going back', () => {
    const conference = walk('east-riding', 'cp-conference-dissent', [
      ['conference', '2026-10-22T13:00'],
      ['adjournment', '2026-10-23T10:00'],
      ['arbitration', '2026-10-26T09:30'],
    ]);
    assert.deepEqual(
      conference.map((step) => step.due),
      [null, '2026-10-26T09:00', null],
    );
  });
});

describe('Lincolnshire over Easter 2027', () => {
  const steps = walk('lincolnshire', 'general', [
    ['step-1', '2027-03-25T10:00'],
    ['step-2', '2027-03-31T15:00'],
    ['step-3', '2027-04-07T16:00'],
    ['step-4a', '2027-04-09T17:30'],
  ]);

  test('steps 1 to 3 take 2, 5 and 2 working days', () => {
    assert.deepEqual(
      steps.slice(0, 3).map((step) => step.due),
      ['2027-03-31T17:00', '2027-04-07T17:00', '2027-04-09T17:00'],
    );
    assert.match(
      steps[0]?.explanation ?? '',
      /\(Good Friday and Easter Monday are not working days\)/,
    );
  });

  test('step 4a sets its meeting date within 24 hours, weekend or not', () => {
    assert.equal(steps[3]?.due, '2027-04-10T17:30');
    assert.equal(
      steps[3]?.explanation,
      '24 hours from 5:30pm on Friday 9 April 2027, for the date of the meeting to be set: by 5:30pm on Saturday 10 April 2027',
    );
  });

  test('an escalation at 5:30pm on a Friday is out of hours, and the protocol has an on-call route', () => {
    const protocol = builtInProtocol('lincolnshire');
    const calendar = workingCalendarFor(workingTimeOf(protocol));
    assert.equal(calendar.isWorkingTime(london('2027-04-09T17:30')), false);
    assert.match(protocol.outOfHours?.route ?? '', /on-call manager and director/);
  });

  test('discharge planning keeps the child in placement, said at every stage', () => {
    const protocol = builtInProtocol('lincolnshire');
    const ladder = ladderFor(protocol, pathwayForCategory(protocol, 'discharge-planning'));
    assert.equal(ladder.pathwayId, 'discharge-planning');
    assert.match(
      ladder.notice ?? '',
      /stays in the placement or care setting until this disagreement is resolved/,
    );
    assert.deepEqual(
      ladder.stages.map((stage) => stage.key),
      ['step-1', 'step-2', 'step-3', 'step-4a'],
    );
  });
});
