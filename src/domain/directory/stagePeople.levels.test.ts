import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { london } from '../../../test/londonTime.ts';
import { workingCalendarFor } from '../calendar/workingCalendar.ts';
import { raise } from '../disagreement/actions/raise.ts';
import type { CaseRules } from '../disagreement/disagreement.ts';
import { type LadderStage, ladderFor } from '../protocol/ladder.ts';
import type { Protocol } from '../protocol/protocolSchema.ts';
import { parseProtocolFile } from '../protocol/validateProtocol.ts';
import { workingTimeOf } from '../protocol/workingTimeOf.ts';
import type { AgencyKind, Role } from '../vocabulary.ts';
import type { Agency, Person } from './directory.ts';
import { findLevel, levelMisfit, levelsFor, rolesWithLevel } from './levels.ts';
import { stagePeople } from './stagePeople.ts';

// A partnership's own levels of seniority, and first-line managers who differ by agency kind:
// the invented Ashdown protocol (test/protocols/levels.yaml) over an invented directory.

const source = readFileSync(
  path.join(import.meta.dirname, '../../../test/protocols/levels.yaml'),
  'utf8',
);
const checked = parseProtocolFile(source);
if (!checked.ok) throw new Error('test/protocols/levels.yaml does not check');
const protocol: Protocol = checked.protocol;
const raisedAt = london('2026-11-23T14:00');

function aDirectory() {
  const partnershipId = randomUUID();
  const agencies: Agency[] = [];
  const people: Person[] = [];
  const agency = (name: string, kind: AgencyKind) => {
    const made: Agency = { id: randomUUID(), partnershipId, name, kind, localAuthorityId: null };
    agencies.push(made);
    return made;
  };
  // As the directory stores them: a level's role among the person's roles.
  const person = (
    name: string,
    at: Agency,
    given: { roles?: Role[]; level?: string; manager?: Person },
  ) => {
    const level = given.level ? findLevel(protocol.levels, given.level) : undefined;
    const made: Person = {
      id: randomUUID(),
      partnershipId,
      name,
      email: `${name.toLowerCase().replaceAll(' ', '.')}@example.org`,
      jobTitle: null,
      telephone: null,
      agencyId: at.id,
      teamId: null,
      regionId: null,
      lineManagerId: given.manager?.id ?? null,
      roles: rolesWithLevel(given.roles ?? [], level),
      level: level?.id ?? null,
      active: true,
    };
    people.push(made);
    return made;
  };
  const council = agency('Ashdown Council Children’s Services', 'childrens-social-care');
  const headOfService = person('Hana Example', council, { level: 'head-of-service' });
  const serviceManager = person('Sam Example', council, {
    level: 'service-manager',
    manager: headOfService,
  });
  const teamManager = person('Tariq Example', council, {
    level: 'team-manager',
    manager: serviceManager,
  });
  const socialWorker = person('Sol Example', council, {
    roles: ['practitioner'],
    manager: teamManager,
  });
  // Another service manager, outside the social worker's chain.
  const otherServiceManager = person('Olu Example', council, { level: 'service-manager' });

  const police = agency('Ashdown Police', 'police');
  const inspector = person('Ines Example', police, { level: 'detective-inspector' });
  const sergeant = person('Seren Example', police, {
    level: 'detective-sergeant',
    manager: inspector,
  });
  const constable = person('Cal Example', police, { roles: ['practitioner'], manager: sergeant });

  const health = agency('Ashdown Community Health NHS Trust', 'health-trust');
  const healthVisitor = person('Hollis Example', health, { roles: ['practitioner'] });
  const namedNurse = person('Nia Example', health, { level: 'named-nurse' });
  const designatedNurse = person('Dana Example', health, { level: 'designated-nurse' });

  const school = agency('Ashdown Primary School', 'school');
  const teacher = person('Theo Example', school, { roles: ['practitioner'] });
  const schoolManager = person('Mo Example', school, { roles: ['manager'] });
  const schoolLead = person('Lee Example', school, { roles: ['safeguarding-lead'] });

  return {
    partnershipId,
    agencies,
    people,
    council: { headOfService, serviceManager, teamManager, socialWorker, otherServiceManager },
    police: { inspector, sergeant, constable },
    health: { healthVisitor, namedNurse, designatedNurse },
    school: { teacher, schoolManager, schoolLead },
  };
}

type Directory = ReturnType<typeof aDirectory>;

function aCase(directory: Directory, by: Person, other: Person) {
  const rules: CaseRules = {
    protocol,
    ladder: ladderFor(protocol),
    calendar: workingCalendarFor(workingTimeOf(protocol)),
    now: raisedAt,
  };
  const { disagreement } = raise.apply(
    {
      partnershipId: directory.partnershipId,
      raisedAt: raisedAt.toString(),
      otherAgencyIds: [other.agencyId as string],
      otherPersonId: other.id,
      category: 'threshold',
      urgent: false,
      children: [{ firstName: 'Robin', lastName: 'Example' }],
      summary: 'The referral was not accepted.',
      impactOnChild: 'Robin misses meals.',
      desiredOutcome: 'An assessment.',
    },
    {
      rules,
      by: { personId: by.id, agencyId: by.agencyId as string },
      directory: { agencies: directory.agencies, localAuthorities: [], otherPerson: other },
      protocolVersion: 1,
      reference: 'AS-2026-0001',
    },
  );
  /** Who acts at the stage of the key, as the protocol has it or as `change` makes it. */
  const at = (key: string, change: (stage: LadderStage) => LadderStage = (stage) => stage) => {
    const stage = rules.ladder.stages.find((candidate) => candidate.key === key);
    if (!stage) throw new Error(`no stage ${key}`);
    return stagePeople(disagreement, change(stage), directory).map((side) => [
      side.side,
      side.people.map((person) => person.name),
    ]);
  };
  return { at };
}

describe('stages that name the partnership’s own levels', () => {
  test('"service managers discuss" finds the service manager up the chain, not the nearer team manager', () => {
    const directory = aDirectory();
    const { council, police } = directory;
    const raised = aCase(directory, council.socialWorker, police.constable);
    assert.deepEqual(raised.at('first-line-managers'), [
      ['raising', [council.teamManager.name]],
      ['other', [police.sergeant.name]],
    ]);
    assert.deepEqual(raised.at('service-managers'), [
      ['raising', [council.serviceManager.name]],
      ['other', [police.inspector.name]],
    ]);
  });

  test('a stage naming a role finds those whose level gives it, nearest up the chain first', () => {
    const directory = aDirectory();
    const { council, police } = directory;
    const raised = aCase(directory, council.socialWorker, police.constable);
    // heads-of-service names head-of-service and senior-manager: the inspector is a senior
    // manager only by the level detective inspector.
    assert.deepEqual(raised.at('heads-of-service'), [
      ['raising', [council.headOfService.name]],
      ['other', [police.inspector.name]],
    ]);
  });

  test('without a chain to follow, the agency’s people of the level, and only them', () => {
    const directory = aDirectory();
    const { council, police } = directory;
    const unmanaged = { ...council.socialWorker, lineManagerId: null };
    const people = directory.people.map((person) =>
      person.id === unmanaged.id ? unmanaged : person,
    );
    const raised = aCase({ ...directory, people }, unmanaged, police.constable);
    const [raising] = raised.at('service-managers');
    assert.deepEqual(
      new Set(raising?.[1]),
      new Set([council.serviceManager.name, council.otherServiceManager.name]),
      'both service managers, never the team manager (also a manager)',
    );
  });

  test('first-line managers by agency kind: the designated nurse in health, the school’s safeguarding lead', () => {
    const directory = aDirectory();
    const { school, health } = directory;
    const raised = aCase(directory, school.teacher, health.healthVisitor);
    assert.deepEqual(raised.at('first-line-managers'), [
      ['raising', [school.schoolLead.name]],
      ['other', [health.designatedNurse.name]],
    ]);
    // At the next stage the school's list is its senior managers: it has none, nobody is named.
    assert.deepEqual(raised.at('service-managers'), [
      ['raising', []],
      ['other', [health.designatedNurse.name]],
    ]);
  });

  test('an agency of a kind the stage does not list keeps its side’s list', () => {
    const directory = aDirectory();
    const { council, school } = directory;
    const raised = aCase(directory, school.teacher, council.socialWorker);
    assert.deepEqual(raised.at('first-line-managers'), [
      ['raising', [school.schoolLead.name]],
      ['other', [council.teamManager.name]],
    ]);
  });

  test('at a stage the partnership takes, an agency of a kind roles.byAgencyKind names attends with those people', () => {
    const directory = aDirectory();
    const { council, police } = directory;
    const raised = aCase(directory, police.constable, council.socialWorker);
    const byPartnership =
      (byAgencyKind: LadderStage['roles']['byAgencyKind']) => (stage: LadderStage) => ({
        ...stage,
        sides: 'partnership' as const,
        roles: { raising: [], other: [], partnership: ['partnership-team'], byAgencyKind },
      });
    assert.deepEqual(raised.at('service-managers', byPartnership({})), [['partnership', []]]);
    assert.deepEqual(
      raised.at('service-managers', byPartnership({ police: ['detective-inspector'] })),
      [
        ['raising', [police.inspector.name]],
        ['partnership', []],
      ],
    );
    assert.deepEqual(
      raised.at(
        'service-managers',
        byPartnership({ 'childrens-social-care': ['service-manager'] }),
      ),
      [
        ['partnership', []],
        ['other', [council.serviceManager.name]],
      ],
    );
  });

  test('someone of a level who has left is passed over for the next one up who fits', () => {
    const directory = aDirectory();
    const { council, police } = directory;
    const people = directory.people.map((person) =>
      person.id === council.serviceManager.id ? { ...person, active: false } : person,
    );
    const raised = aCase({ ...directory, people }, council.socialWorker, police.constable);
    const [raising] = raised.at('service-managers');
    assert.deepEqual(raising?.[1], [council.otherServiceManager.name]);
  });
});

describe('levels in the directory', () => {
  test('the levels a person may hold follow their agency’s kind', () => {
    assert.deepEqual(
      levelsFor(protocol.levels, 'police').map((level) => level.id),
      ['detective-sergeant', 'detective-inspector'],
    );
    assert.deepEqual(levelsFor(protocol.levels, 'school'), []);
    const sergeant = findLevel(protocol.levels, 'detective-sergeant');
    assert.ok(sergeant);
    assert.equal(levelMisfit(sergeant, 'police'), undefined);
    assert.match(levelMisfit(sergeant, 'school') ?? '', /Detective sergeant .*Police, not School/);
  });

  test('a level is found by its id or its name, in any case', () => {
    assert.equal(findLevel(protocol.levels, 'Service Manager')?.id, 'service-manager');
    assert.equal(findLevel(protocol.levels, ' service-manager ')?.id, 'service-manager');
    assert.equal(findLevel(protocol.levels, 'Director'), undefined);
  });

  test('a level gives its role once', () => {
    const inspector = findLevel(protocol.levels, 'detective-inspector');
    assert.deepEqual(rolesWithLevel(['practitioner'], inspector), [
      'practitioner',
      'senior-manager',
    ]);
    assert.deepEqual(rolesWithLevel(['senior-manager'], inspector), ['senior-manager']);
    assert.deepEqual(rolesWithLevel(['manager'], undefined), ['manager']);
  });
});
