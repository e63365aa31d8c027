import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aDomainCase, aDomainCast, applied } from '../../../test/domainCases.ts';
import { escalate } from './actions/escalate.ts';
import { recordDiscussion } from './actions/recordDiscussion.ts';
import { caseFileName, caseSummary, caseSummarySchema, peopleNamedIn } from './caseSummary.ts';

const raisedAt = Temporal.Instant.from('2026-11-23T14:00:00Z');
const generatedAt = Temporal.Instant.from('2026-11-26T10:00:00Z');

function aSummarisedCase(protocolId: 'pan-lancashire' | 'lincolnshire' = 'pan-lancashire') {
  const cast = aDomainCast();
  const { disagreement: raised, rules } = aDomainCase(cast, {
    protocolId,
    raisedAt,
    now: generatedAt,
  });
  const recorded = applied(
    cast,
    raised,
    rules,
    recordDiscussion,
    {
      occurredAt: '2026-11-24T09:30:00Z',
      mode: 'phone',
      participants: ['Łucja Wiśniewska', 'Ayşe Yılmaz'],
      summary: 'We talked it through and did not agree.',
    },
    cast.school.practitioner,
  ).disagreement;
  const escalated = applied(
    cast,
    recorded,
    rules,
    escalate,
    { occurredAt: '2026-11-25T09:00:00.000Z', reason: 'No agreement at stage 1' },
    cast.school.manager,
  ).disagreement;
  const summaryRules = {
    ...rules,
    partnership: { id: cast.partnershipId, name: 'Riverside Safeguarding Children Partnership' },
    timeZone: 'Europe/London',
  };
  const names = {
    people: cast.people,
    agencies: cast.agencies,
    localAuthorities: [],
  };
  return { cast, disagreement: escalated, rules: summaryRules, names };
}

test('a summary names the people and agencies, and gives each stage with its times and outcome', () => {
  const { cast, disagreement, rules, names } = aSummarisedCase();
  const summary = caseSummary(disagreement, rules, names, generatedAt);

  assert.equal(summary.reference, disagreement.reference);
  assert.equal(summary.raisedBy.name, cast.school.practitioner.name);
  assert.equal(summary.otherProfessional?.name, cast.socialCare.practitioner.name);
  assert.deepEqual(
    summary.stages.map((stage) => [stage.key, stage.enteredAt, stage.leftAt, stage.outcome]),
    [
      [
        disagreement.stages[0]?.key,
        '2026-11-23T14:00:00Z',
        '2026-11-25T09:00:00.000Z',
        'escalated',
      ],
      [disagreement.stages[1]?.key, '2026-11-25T09:00:00.000Z', null, null],
    ],
  );
  assert.equal(summary.stages[1]?.enteredBy.name, cast.school.manager.name);
  assert.equal(summary.stages[1]?.reason, 'No agreement at stage 1');
  assert.match(summary.stages[1]?.label ?? '', /^Stage 1 \(/);
  assert.deepEqual(summary.records[0]?.participants, ['Łucja Wiśniewska', 'Ayşe Yılmaz']);
  assert.equal(summary.records[0]?.recordedBy.name, cast.school.practitioner.name);
  assert.equal(summary.records[0]?.modeName, 'Phone call');
  assert.equal(summary.generatedAt, '2026-11-26T10:00:00Z');
  assert.deepEqual(caseSummarySchema.parse(summary), summary);
});

test('the recording guidance is the protocol’s: Pan-Lancashire keeps it off the child’s record', () => {
  const lancashire = aSummarisedCase('pan-lancashire');
  const lincolnshire = aSummarisedCase('lincolnshire');
  const fromLancashire = caseSummary(
    lancashire.disagreement,
    lancashire.rules,
    lancashire.names,
    generatedAt,
  );
  const fromLincolnshire = caseSummary(
    lincolnshire.disagreement,
    lincolnshire.rules,
    lincolnshire.names,
    generatedAt,
  );

  assert.equal(fromLancashire.recording.childsRecord, 'not-on-childs-record');
  assert.match(fromLancashire.recording.advice, /not on the child’s record/);
  assert.match(fromLancashire.recording.guidance, /not on the child's record/);
  assert.equal(fromLincolnshire.recording.childsRecord, 'on-childs-record');
  assert.match(fromLincolnshire.recording.advice, /on the child’s file/);
});

test('someone no longer in the directory is said to be so, not left blank', () => {
  const { disagreement, rules, names } = aSummarisedCase();
  const summary = caseSummary(disagreement, rules, { ...names, people: [] }, generatedAt);

  assert.equal(summary.raisedBy.name, 'Someone no longer listed');
  assert.equal(summary.raisedBy.id, disagreement.raisedBy);
});

test('a purged case is summarised as it is, with when its details were removed', () => {
  const { disagreement, rules, names } = aSummarisedCase();
  const purged = {
    ...disagreement,
    children: [],
    summary: '',
    impactOnChild: '',
    desiredOutcome: '',
    evidence: null,
    family: null,
    records: disagreement.records.map((record) => ({ ...record, participants: [], summary: '' })),
    stages: disagreement.stages.map((stage) => ({ ...stage, reason: '', writtenAccount: null })),
    purgedAt: '2033-01-02T03:00:00Z',
  };
  const summary = caseSummary(purged, rules, names, generatedAt);

  assert.equal(summary.purgedAt, '2033-01-02T03:00:00Z');
  assert.deepEqual(summary.children, []);
  assert.equal(summary.concern.summary, '');
  assert.equal(summary.stages.length, 2, 'stage times and outcomes remain');
  assert.equal(caseSummary(disagreement, rules, names, generatedAt).purgedAt, null);
});

test('every person the summary names is read, once', () => {
  const { cast, disagreement } = aSummarisedCase();
  const ids = peopleNamedIn(disagreement);

  assert.equal(new Set(ids).size, ids.length);
  for (const person of [
    cast.school.practitioner,
    cast.school.manager,
    cast.socialCare.practitioner,
  ]) {
    assert.ok(ids.includes(person.id), person.name);
  }
});

test('a case’s documents download under names that say what they are', () => {
  assert.equal(
    caseFileName('PL-2026-0012', 'case-summary', 'pdf'),
    'PL-2026-0012-case-summary.pdf',
  );
  assert.equal(
    caseFileName('PL-2026-0012', 'monitoring-form', 'pdf'),
    'PL-2026-0012-monitoring-form.pdf',
  );
  assert.equal(
    caseFileName('PL/2026 "7"', 'case-summary', 'json'),
    'PL-2026--7--case-summary.json',
  );
});

test('a summary says where each meeting was as the case page does: the venue, then what was typed', () => {
  const { cast, disagreement, rules, names } = aSummarisedCase();
  const meeting = {
    id: 'meeting-1',
    stageKey: disagreement.stages[0]?.key ?? '',
    stageIndex: 0,
    chairId: cast.school.manager.id,
    startsAt: '2026-11-25T10:00:00Z',
    endsAt: '2026-11-25T11:00:00Z',
    attendeeIds: [],
    arrangedBy: cast.school.manager.id,
    arrangedAt: '2026-11-24T10:00:00Z',
    minutes: null,
    minutesBy: null,
    minutesAt: null,
  };
  const withMeetings = {
    ...disagreement,
    meetings: [
      {
        ...meeting,
        place: 'Room 2',
        venue: {
          kind: 'listed' as const,
          placeId: 'place-1',
          name: 'Riverside Civic Centre',
          address: '1 Example Street',
        },
      },
      { ...meeting, id: 'meeting-2', place: '', venue: { kind: 'online' as const } },
      { ...meeting, id: 'meeting-3', place: 'The annexe', venue: { kind: 'on-the-case' as const } },
    ],
  };

  const summary = caseSummary(withMeetings, rules, names, generatedAt);

  assert.deepEqual(
    summary.meetings.map((each) => each.place),
    ['Riverside Civic Centre, 1 Example Street: Room 2', 'Online', 'The annexe'],
  );
});
