import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { aDomainCast } from '../../../test/domainCases.ts';
import { workingCalendarFor } from '../calendar/workingCalendar.ts';
import { ladderFor } from '../protocol/ladder.ts';
import { pathwayByRules } from '../protocol/pathwayChoice.ts';
import { protocolOrInvalid } from '../protocol/validateProtocol.ts';
import { workingTimeOf } from '../protocol/workingTimeOf.ts';
import { raise } from './actions/raise.ts';
import type { CaseRules } from './disagreement.ts';
import { reprojectDue } from './reprojectDue.ts';

// Re-projection after a working-time change keeps the urgent route's caps (six-step protocol,
// test/protocols/six-step.yaml). London is on GMT throughout, so local time is UTC.

const protocol = protocolOrInvalid(
  readFileSync(new URL('../../../test/protocols/six-step.yaml', import.meta.url), 'utf8'),
);
const before = workingTimeOf(protocol);
// The partnership closes on Tuesday 29 December 2026.
const after = { ...before, closureDays: [{ date: '2026-12-29', name: 'Office closure' }] };

function rulesFor(urgent: boolean, workingTime: typeof before, now: string): CaseRules {
  return {
    protocol,
    ladder: ladderFor(protocol, pathwayByRules(protocol, { category: 'threshold', urgent })),
    calendar: workingCalendarFor(workingTime),
    now: Temporal.Instant.from(now),
  };
}

function raisedAt(at: string, urgent: boolean) {
  const cast = aDomainCast();
  return raise.apply(
    raise.input.parse({
      partnershipId: cast.partnershipId,
      raisedAt: at,
      otherAgencyIds: [cast.socialCare.practitioner.agencyId],
      category: 'threshold',
      urgent,
      children: [{ firstName: 'Robin', lastName: 'Example' }],
      summary: 'The referral was not accepted.',
      impactOnChild: 'Robin misses meals.',
      desiredOutcome: 'An assessment.',
    }),
    {
      rules: rulesFor(urgent, before, at),
      by: { personId: cast.school.practitioner.id, agencyId: cast.agencies[0]?.id as string },
      directory: { agencies: cast.agencies, localAuthorities: [], otherPerson: undefined },
      protocolVersion: 1,
      reference: 'EX-2026-0001',
    },
  ).disagreement;
}

describe('re-projecting a case on the immediate route', () => {
  test('an urgent case stays due 24 hours from raising whatever the working days', () => {
    // Raised 3pm Thursday 24 December 2026: 24 hours on is 3pm on Christmas Day.
    const raised = raisedAt('2026-12-24T15:00:00Z', true);
    assert.equal(raised.pathway, 'immediate');
    assert.equal(raised.stages[0]?.dueAt, '2026-12-25T15:00:00.000Z');
    const { disagreement } = reprojectDue(
      raised,
      rulesFor(true, after, '2026-12-24T16:00:00Z'),
      'The partnership added a closure day.',
    );
    assert.equal(disagreement.stages[0]?.dueAt, '2026-12-25T15:00:00.000Z');
  });

  test('the same case not urgent moves with the closure day', () => {
    // Raised 3pm Wednesday 23 December 2026 (day 0): Thursday 24 (1), Tuesday 29 (2), Wednesday
    // 30 (3), Thursday 31 (4), Monday 4 January (5); closed on the 29th, Tuesday 5 January is 5.
    const raised = raisedAt('2026-12-23T15:00:00Z', false);
    assert.equal(raised.stages[0]?.dueAt, '2027-01-04T17:00:00.000Z');
    const { disagreement } = reprojectDue(
      raised,
      rulesFor(false, after, '2026-12-24T16:00:00Z'),
      'The partnership added a closure day.',
    );
    assert.equal(disagreement.stages[0]?.dueAt, '2027-01-05T17:00:00.000Z');
  });
});
