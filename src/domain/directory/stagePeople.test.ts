import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aDomainCase, aDomainCast } from '../../../test/domainCases.ts';
import { london } from '../../../test/londonTime.ts';
import { involvedPeople } from '../access/involvement.ts';
import type { Person } from './directory.ts';
import { safeguardingLeadsOf, stagePeople, whoMayHear } from './stagePeople.ts';

// Who should act at a stage, resolved from an invented directory.

const raisedAt = london('2026-11-23T14:00');
const stageOf = (rules: ReturnType<typeof aDomainCase>['rules'], key: string) => {
  const stage = rules.ladder.stages.find((candidate) => candidate.key === key);
  if (!stage) throw new Error(`no stage ${key}`);
  return stage;
};
const names = (people: readonly Person[]) => people.map((person) => person.name);

describe('who acts at a stage', () => {
  test('the nearest person up each named professional’s chain who holds a role the stage names', () => {
    const cast = aDomainCast();
    const { disagreement, rules } = aDomainCase(cast, { raisedAt });
    const sides = stagePeople(disagreement, stageOf(rules, 'stage-1'), cast);
    assert.deepEqual(
      sides.map((side) => [side.side, names(side.people)]),
      [
        ['raising', ['Brookside School Manager']],
        ['other', ['Riverside Social Care Manager']],
      ],
    );
  });

  test('without a named professional, the agency’s people with the role, never a practitioner', () => {
    const cast = aDomainCast();
    const raised = aDomainCase(cast, { raisedAt });
    const nobodyNamed = { ...raised.disagreement, otherPersonId: null };
    const [, other] = stagePeople(nobodyNamed, stageOf(raised.rules, 'stage-1'), cast);
    assert.deepEqual(names(other?.people ?? []), ['Riverside Social Care Manager']);
    const [, initial] = stagePeople(nobodyNamed, stageOf(raised.rules, 'initial'), cast);
    assert.deepEqual(other?.people.length, 1);
    assert.deepEqual(initial?.people, [], 'the directory never picks a practitioner');
  });

  test('someone who has left is passed over', () => {
    const cast = aDomainCast();
    const { disagreement, rules } = aDomainCase(cast, { raisedAt });
    const people = cast.people.map((person) =>
      person.id === cast.school.manager.id ? { ...person, active: false } : person,
    );
    const [raising] = stagePeople(disagreement, stageOf(rules, 'stage-1'), { ...cast, people });
    assert.deepEqual(names(raising?.people ?? []), []);
  });

  test('a stage inside the raising agency has no other side, and its news reaches no one there', () => {
    const cast = aDomainCast();
    const { disagreement, rules } = aDomainCase(cast, { protocolId: 'east-riding', raisedAt });
    const sides = stagePeople(disagreement, stageOf(rules, 'stage-2'), cast);
    assert.equal(sides.length, 2);
    assert.deepEqual(
      whoMayHear(sides, false).map((person) => person.agencyId),
      whoMayHear(sides, false).map(() => cast.agencies[0]?.id),
    );
    assert.deepEqual(
      stagePeople(disagreement, stageOf(rules, 'stage-1'), cast).map((side) => side.side),
      ['raising'],
    );
  });

  test('the safeguarding leads of the agencies asked for', () => {
    const cast = aDomainCast();
    assert.deepEqual(names(safeguardingLeadsOf(cast.people, [cast.agencies[1]?.id ?? ''])), [
      'Riverside Social Care Lead',
    ]);
  });
});

describe('a stage taken by the partnership itself', () => {
  const atPanel = (roles: { raising?: string[]; other?: string[] } = {}) => {
    const cast = aDomainCast();
    const { disagreement, rules } = aDomainCase(cast, { raisedAt });
    // The stage the case is at, as if the partnership took it.
    const stage = {
      ...stageOf(rules, disagreement.stages[0]?.key ?? ''),
      who: 'The independent scrutiny panel',
      sides: 'partnership' as const,
      roles: {
        raising: roles.raising ?? [],
        other: roles.other ?? [],
        partnership: ['senior-manager'],
        byAgencyKind: {},
      },
    };
    const own = (name: string, changes: Partial<Person> = {}): Person => ({
      ...cast.team,
      id: `${name}-id`,
      name,
      email: `${name.toLowerCase().replaceAll(' ', '.')}@example.org`,
      roles: ['senior-manager'],
      ...changes,
    });
    const people = [
      ...cast.people,
      own('Panel Member'),
      own('Panel Member Who Left', { active: false }),
      own('Elsewhere Panel Member', { partnershipId: 'another-partnership' }),
      own('Partnership Manager', { roles: ['manager'] }),
    ];
    return { cast, disagreement, rules, stage, people };
  };

  test('its people are the partnership’s own, of no agency, who hold a role it names', () => {
    const { disagreement, stage, people } = atPanel();
    const sides = stagePeople(disagreement, stage, { people, agencies: [] });
    assert.deepEqual(
      sides.map((side) => [side.side, side.agencyId, names(side.people)]),
      [['partnership', null, ['Panel Member']]],
      'an agency’s senior managers do not take it; nor do the partnership’s people without the role',
    );
  });

  test('the agencies’ people attend only where the stage names roles for them', () => {
    const { cast, disagreement, stage, people } = atPanel({
      raising: ['senior-manager'],
      other: ['senior-manager'],
    });
    assert.deepEqual(
      stagePeople(disagreement, stage, { people, agencies: [] }).map((side) => [
        side.side,
        names(side.people),
      ]),
      [
        ['raising', [cast.school.senior.name]],
        ['partnership', ['Panel Member']],
        ['other', [cast.socialCare.senior.name]],
      ],
    );
  });

  test('they are assigned to the case once it reaches the stage, and take it while it is there', () => {
    const { disagreement, rules, stage, people } = atPanel();
    const ladder = {
      ...rules.ladder,
      stages: rules.ladder.stages.map((each) => (each.key === stage.key ? stage : each)),
    };
    const panel = (involved: ReturnType<typeof involvedPeople>) =>
      involved.find((person) => person.personId === 'Panel Member-id');
    assert.deepEqual(panel(involvedPeople(disagreement, ladder, { people, agencies: [] })), {
      personId: 'Panel Member-id',
      agencyId: null,
      side: 'participant',
      chair: false,
      takesStage: true,
    });
    assert.equal(
      panel(involvedPeople(disagreement, rules.ladder, { people, agencies: [] })),
      undefined,
    );
    const ended = {
      ...disagreement,
      stages: disagreement.stages.map((entered) => ({
        ...entered,
        endedAt: '2026-11-25T09:00:00Z',
      })),
    };
    assert.equal(panel(involvedPeople(ended, ladder, { people, agencies: [] }))?.takesStage, false);
  });
});
