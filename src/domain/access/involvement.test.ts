import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aDomainCase, aDomainCast, applied } from '../../../test/domainCases.ts';
import { london } from '../../../test/londonTime.ts';
import { escalate } from '../disagreement/actions/escalate.ts';
import type { Meeting } from '../disagreement/caseDocument.ts';
import { involvedPeople } from './involvement.ts';

test('a chair is the chair of the current stage’s meeting, not of one at a stage gone by', () => {
  const cast = aDomainCast();
  const raised = aDomainCase(cast, {
    raisedAt: london('2026-11-23T14:00'),
    now: london('2026-11-24T10:00'),
  });
  const meetingAt = (stageIndex: number): Meeting => ({
    id: `meeting-${stageIndex}`,
    stageKey: raised.disagreement.stages[stageIndex]?.key ?? 'initial',
    stageIndex,
    chairId: cast.team.id,
    startsAt: london('2026-11-24T09:00').toString(),
    endsAt: london('2026-11-24T09:30').toString(),
    place: 'Room 1',
    venue: { kind: 'on-the-case' },
    attendeeIds: [cast.team.id],
    arrangedBy: cast.team.id,
    arrangedAt: london('2026-11-23T15:00').toString(),
    minutes: null,
    minutesBy: null,
    minutesAt: null,
  });
  const chairOf = (disagreement: typeof raised.disagreement) =>
    involvedPeople(disagreement, raised.rules.ladder, cast).find(
      (person) => person.personId === cast.team.id,
    )?.chair;
  const withMeeting = { ...raised.disagreement, meetings: [meetingAt(0)] };
  assert.equal(chairOf(withMeeting), true);
  const escalated = applied(
    cast,
    withMeeting,
    raised.rules,
    escalate,
    { occurredAt: london('2026-11-24T09:45').toString(), reason: 'No agreement' },
    cast.school.manager,
  ).disagreement;
  assert.equal(escalated.stages.length, 2);
  assert.equal(chairOf(escalated), false, 'still invited to what they chaired, but no chair now');
});
