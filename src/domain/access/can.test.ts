import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Role } from '../vocabulary.ts';
import {
  type Actor,
  type CaseAccess,
  type CaseAction,
  can,
  canInPartnership,
  caseActions,
} from './can.ts';

// A case raised by Rae (a school) about a decision of Otto (children's social care), in
// partnership P1. Rae's chain: Lena (line manager) → Sid (senior manager). Otto's: Omar → Olga.
const schoolId = 'agency-school';
const socialCareId = 'agency-csc';
const healthId = 'agency-health';

const people: Record<string, Actor> = {
  raiser: actor('rae', schoolId, ['practitioner']),
  'raiser line manager': actor('lena', schoolId, ['manager']),
  'raiser senior manager (in chain)': actor('sid', schoolId, ['senior-manager']),
  'raiser agency senior manager (not in chain)': actor('sue', schoolId, ['senior-manager']),
  'raiser agency safeguarding lead': actor('sal', schoolId, ['safeguarding-lead']),
  'raiser agency colleague, not involved': actor('ray', schoolId, ['practitioner']),
  'other professional': actor('otto', socialCareId, ['practitioner']),
  'other line manager': actor('omar', socialCareId, ['manager']),
  'other agency senior manager': actor('olga', socialCareId, ['senior-manager']),
  'other agency safeguarding lead': actor('oscar', socialCareId, ['safeguarding-lead']),
  'other agency colleague, not involved': actor('orla', socialCareId, ['practitioner']),
  'stage participant (assigned SLO of another agency)': actor('pat', healthId, [
    'safeguarding-lead',
  ]),
  'stage chair': actor('chris', null, ['manager']),
  'partnership stage taker (panel member)': actor('penny', null, ['senior-manager']),
  'partnership stage participant of an earlier stage': actor('paul', null, ['senior-manager']),
  'partnership team': actor('tess', null, ['partnership-team']),
  'partnership team of another partnership': actor('tom', null, ['partnership-team'], 'P2'),
  admin: actor('ada', null, ['admin']),
  'practitioner of an uninvolved agency': actor('una', healthId, ['practitioner']),
};

function actor(
  personId: string,
  agencyId: string | null,
  roles: Role[],
  partnershipId = 'P1',
): Actor {
  return { personId, agencyId, roles: new Set(roles), partnershipId };
}

function caseWith(overrides: Partial<CaseAccess> = {}): CaseAccess {
  return {
    partnershipId: 'P1',
    raiserId: 'rae',
    raiserAgencyId: schoolId,
    otherAgencyIds: [socialCareId],
    involved: [
      { personId: 'rae', agencyId: schoolId, chair: false },
      { personId: 'otto', agencyId: socialCareId, chair: false },
      { personId: 'pat', agencyId: healthId, chair: false },
      { personId: 'chris', agencyId: null, chair: true },
      { personId: 'penny', agencyId: null, chair: false, takesStage: true },
      { personId: 'paul', agencyId: null, chair: false, takesStage: false },
    ],
    chains: new Map([
      ['rae', ['lena', 'sid']],
      ['otto', ['omar', 'olga']],
    ]),
    otherSideCanSee: true,
    proposedByAgencyId: null,
    ...overrides,
  };
}

// Written from product.md's table by hand, one row per relationship, one letter per action:
// view, record, escalate, propose-outcome, confirm-outcome, set-child-deadline, withdraw, close,
// arrange-meeting (not in product.md's table: the parties, the partnership team and the chair).
// Confirm: R = only when the other side proposed, O = only when the raiser's side proposed.
const expected: Record<string, string> = {
  raiser: 'YYYY R Y N Y Y',
  'raiser line manager': 'YYYY R Y Y Y Y',
  'raiser senior manager (in chain)': 'YYYY R Y Y Y Y',
  'raiser agency senior manager (not in chain)': 'YYYY R Y Y Y Y',
  'raiser agency safeguarding lead': 'YYYY R Y N Y Y',
  'raiser agency colleague, not involved': 'NNNN N N N N N',
  'other professional': 'YYYY O Y N Y Y',
  'other line manager': 'YYYY O Y N Y Y',
  'other agency senior manager': 'YYYY O Y N Y Y',
  'other agency safeguarding lead': 'YYYY O Y N Y Y',
  'other agency colleague, not involved': 'NNNN N N N N N',
  'stage participant (assigned SLO of another agency)': 'YYNN N N N N N',
  'stage chair': 'YYNY N N N N Y',
  // The people of a stage taken by the partnership itself propose; they never escalate nor confirm.
  'partnership stage taker (panel member)': 'YYNY N N N N N',
  'partnership stage participant of an earlier stage': 'YYNN N N N N N',
  'partnership team': 'YYNN N Y Y Y Y',
  'partnership team of another partnership': 'NNNN N N N N N',
  admin: 'NNNN N N N N N',
  'practitioner of an uninvolved agency': 'NNNN N N N N N',
};

function row(who: Actor, access: CaseAccess): string {
  const mark = (action: CaseAction) => (can(who, action, access) ? 'Y' : 'N');
  const confirmWhenOtherProposed = can(who, 'confirm-outcome', {
    ...access,
    proposedByAgencyId: socialCareId,
  });
  const confirmWhenRaiserProposed = can(who, 'confirm-outcome', {
    ...access,
    proposedByAgencyId: schoolId,
  });
  const confirm =
    confirmWhenOtherProposed && confirmWhenRaiserProposed
      ? 'B'
      : confirmWhenOtherProposed
        ? 'R'
        : confirmWhenRaiserProposed
          ? 'O'
          : 'N';
  const [view, record, escalate, propose] = (
    ['view', 'record', 'escalate', 'propose-outcome'] as const
  ).map(mark);
  return `${view}${record}${escalate}${propose} ${confirm} ${mark('set-child-deadline')} ${mark('withdraw')} ${mark('close')} ${mark('arrange-meeting')}`;
}

describe('who may see and do what with a case (product.md)', () => {
  test('the monitoring form is completed by the parties, as they escalate (protocols.md)', () => {
    const access = caseWith();
    for (const [name, who] of Object.entries(people)) {
      assert.equal(
        can(who, 'complete-monitoring-form', access),
        can(who, 'escalate', access),
        name,
      );
    }
  });

  test('every relationship × every action matches the table written from product.md', () => {
    const access = caseWith();
    const actual = Object.fromEntries(
      Object.entries(people).map(([name, who]) => [name, row(who, access)]),
    );
    assert.deepEqual(actual, expected);
    const cells = Object.keys(people).length * caseActions.length;
    console.log(
      `access table: ${Object.keys(people).length} relationships × ${caseActions.length} actions = ${cells} cells, 0 differences`,
    );
  });

  test('East Riding stage 1 is internal: the other side cannot see the case until stage 2', () => {
    const internal = caseWith({ otherSideCanSee: false });
    for (const name of [
      'other professional',
      'other line manager',
      'other agency senior manager',
      'other agency safeguarding lead',
    ]) {
      assert.equal(row(people[name] as Actor, internal), 'NNNN N N N N N', name);
    }
    for (const name of [
      'raiser',
      'raiser line manager',
      'raiser agency safeguarding lead',
      'partnership team',
    ]) {
      assert.equal(row(people[name] as Actor, internal), expected[name], name);
    }
  });

  test('a person with several relationships has the rights of each', () => {
    const both = actor('lena', schoolId, ['manager', 'partnership-team']);
    assert.equal(row(both, caseWith()), 'YYYY R Y Y Y Y');
  });

  test('an admin who is also a practitioner on the case sees it as that practitioner, not as admin', () => {
    assert.equal(
      row(actor('rae', schoolId, ['practitioner', 'admin']), caseWith()),
      expected.raiser,
    );
  });
});

describe('a stage taken by the partnership itself', () => {
  test('its people may propose only while they take the stage the case is at', () => {
    const panel = people['partnership stage taker (panel member)'] as Actor;
    assert.equal(can(panel, 'propose-outcome', caseWith()), true);
    const moved = caseWith({
      involved: caseWith().involved.map((person) => ({ ...person, takesStage: false })),
    });
    assert.equal(can(panel, 'propose-outcome', moved), false);
    assert.equal(can(panel, 'view', moved), true, 'still a stage participant');
  });

  test('a member of a party agency marked as taking the stage is on their side, not a taker', () => {
    const sal = people['raiser agency safeguarding lead'] as Actor;
    const marked = caseWith({
      involved: [
        ...caseWith().involved,
        { personId: 'sal', agencyId: schoolId, chair: false, takesStage: true },
      ],
    });
    assert.equal(row(sal, marked), expected['raiser agency safeguarding lead']);
  });
});

describe('partnership-wide rights', () => {
  test('the directory is read by its partnership and admins; the rest is the partnership team’s', () => {
    const p1 = 'P1';
    const table = Object.fromEntries(
      Object.entries({
        'partnership team': people['partnership team'],
        'partnership team of another partnership':
          people['partnership team of another partnership'],
        admin: people.admin,
        raiser: people.raiser,
      }).map(([name, who]) => [
        name,
        (
          [
            'read-directory',
            'manage-directory',
            'manage-protocol',
            'view-reports',
            'view-audit',
          ] as const
        )
          .map((action) => (canInPartnership(who as Actor, action, p1) ? 'Y' : 'N'))
          .join(''),
      ]),
    );
    assert.deepEqual(table, {
      'partnership team': 'YYYYY',
      'partnership team of another partnership': 'NNNNN',
      admin: 'YNNNN',
      raiser: 'YNNNN',
    });
  });
});
