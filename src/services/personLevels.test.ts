import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anAgency, aPerson, contextOf } from '../../test/factories.ts';
import { anAshdownPartnership } from '../../test/levelsProtocol.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import { Invalid } from '../domain/errors.ts';
import { importPeople } from './importPeople.ts';
import { addPerson, setRoles, updatePerson } from './manageDirectory.ts';
import { commandLine } from './requestContext.ts';

const clock = fixedClock('2026-11-24T10:00:00Z');

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Invalid, String(error));
    return error.errors.map((problem) => `${problem.path}: ${problem.message}`);
  }
  assert.fail('expected the input to be refused');
}

describeOnEachDatabase('levels of seniority in the directory', (context) => {
  const deps = () => ({ database: context.database, clock });
  let made = 0;

  async function anAshdownTeam() {
    const { id: partnershipId } = await anAshdownPartnership(context.database);
    const council = await anAgency(context.database, partnershipId, {
      kind: 'childrens-social-care',
    });
    const police = await anAgency(context.database, partnershipId, { kind: 'police' });
    const team = await aPerson(context.database, { partnershipId, roles: ['partnership-team'] });
    return { partnershipId, council, police, as: await contextOf(context.database, team) };
  }

  test('the CSV import takes a level by id or by name, and gives its role', async () => {
    const { partnershipId, council, police } = await anAshdownTeam();
    const tag = `import-${++made}`;
    const csv = `name,email,agency,roles,level
Sam Example,sam.${tag}@example.org,${council.name},,Service manager
Tariq Example,tariq.${tag}@example.org,${council.name},practitioner,team-manager
Ines Example,ines.${tag}@example.org,${police.name},manager,DETECTIVE INSPECTOR
Cal Example,cal.${tag}@example.org,${police.name},practitioner,
`;
    assert.deepEqual(await importPeople(deps(), { partnershipId, csv }, commandLine), {
      imported: 4,
    });
    const people = await peopleRepository(context.database.db).inPartnership(partnershipId);
    const of = (name: string) => people.find((person) => person.name === name);
    assert.equal(of('Sam Example')?.level, 'service-manager');
    assert.deepEqual(of('Sam Example')?.roles, ['manager']);
    assert.equal(of('Tariq Example')?.level, 'team-manager');
    assert.deepEqual(of('Tariq Example')?.roles.sort(), ['manager', 'practitioner']);
    assert.equal(of('Ines Example')?.level, 'detective-inspector');
    assert.deepEqual(of('Ines Example')?.roles.sort(), ['manager', 'senior-manager']);
    assert.equal(of('Cal Example')?.level, null);
    // Which role only the level gives is kept, for a later protocol version to change.
    assert.deepEqual(
      ['Sam Example', 'Tariq Example', 'Ines Example', 'Cal Example'].map(
        (name) => of(name)?.levelRole,
      ),
      ['manager', 'manager', 'senior-manager', null],
    );
  });

  test('an unknown level, or one of another kind of agency, is refused by row and column', async () => {
    const { partnershipId, council, police } = await anAshdownTeam();
    const tag = `refused-${++made}`;
    const csv = `name,email,agency,roles,level
Dee Example,dee.${tag}@example.org,${council.name},manager,Director
Eve Example,eve.${tag}@example.org,${council.name},,detective-sergeant
Fay Example,fay.${tag}@example.org,${police.name},,
Gil Example,gil.${tag}@example.org,New Health Trust,,named-nurse
`;
    const problems = await problemsOf(importPeople(deps(), { partnershipId, csv }, commandLine));
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(
      problems[0] ?? '',
      /^row 2: level: "Director" is not a level of the partnership's protocol; its levels are team-manager \(Team manager\), /,
    );
    assert.equal(
      problems[1],
      "row 3: level: Detective sergeant is a level of agencies of the kind Police, not Children's social care",
    );
    assert.equal(problems[2], 'row 4: roles: name at least one role, or a level');
    assert.match(problems[3] ?? '', /^row 5: agency: "New Health Trust" is not in the directory/);
    const people = await peopleRepository(context.database.db).inPartnership(partnershipId);
    assert.ok(!people.some((person) => person.email.includes(tag)), 'nothing was imported');
  });

  test('a level set with the roles is stored, gives its role, and is audited', async () => {
    const { partnershipId, council, police, as } = await anAshdownTeam();
    const person = await aPerson(context.database, {
      partnershipId,
      agencyId: council.id,
      roles: ['practitioner'],
    });
    await setRoles(deps(), { personId: person.id, roles: [], level: 'head-of-service' }, as);
    const people = peopleRepository(context.database.db);
    let stored = await people.get(person.id);
    assert.equal(stored?.level, 'head-of-service');
    assert.deepEqual(stored?.roles, ['senior-manager']);
    const audit = await auditRepository(context.database.db).list({
      recordId: person.id,
      limit: 10,
    });
    assert.deepEqual(
      audit.map((entry) => entry.action),
      ['person.roles-changed', 'person.level-changed'],
    );

    // Roles changed without saying the level keep it, and its role.
    await setRoles(deps(), { personId: person.id, roles: ['practitioner'] }, as);
    stored = await people.get(person.id);
    assert.equal(stored?.level, 'head-of-service');
    assert.deepEqual(stored?.roles.sort(), ['practitioner', 'senior-manager']);

    assert.deepEqual(
      await problemsOf(
        setRoles(deps(), { personId: person.id, roles: [], level: 'detective-sergeant' }, as),
      ),
      [
        "level: Detective sergeant is a level of agencies of the kind Police, not Children's social care",
      ],
    );
    assert.deepEqual(
      await problemsOf(
        updatePerson(
          deps(),
          {
            personId: person.id,
            name: person.name,
            jobTitle: null,
            telephone: null,
            agencyId: police.id,
            teamId: null,
            regionId: null,
            lineManagerId: null,
            active: true,
          },
          as,
        ),
      ),
      [
        "agencyId: Head of service is a level of agencies of the kind Children's social care, not Police: change their level first",
      ],
    );

    // No level: the roles are what was chosen.
    await setRoles(deps(), { personId: person.id, roles: ['practitioner'], level: null }, as);
    stored = await people.get(person.id);
    assert.equal(stored?.level, null);
    assert.deepEqual(stored?.roles, ['practitioner']);
  });

  test('a person added with a level has it and its role', async () => {
    const { partnershipId, police, as } = await anAshdownTeam();
    const id = await addPerson(
      deps(),
      {
        name: 'Seren Example',
        email: `seren.${++made}@example.org`,
        jobTitle: null,
        telephone: null,
        agencyId: police.id,
        lineManagerId: null,
        roles: [],
        level: 'detective-sergeant',
      },
      as,
    );
    const stored = await peopleRepository(context.database.db).get(id);
    assert.equal(stored?.partnershipId, partnershipId);
    assert.equal(stored?.level, 'detective-sergeant');
    assert.deepEqual(stored?.roles, ['manager']);
  });
});
