import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import { Conflict, Invalid } from '../domain/errors.ts';
import { builtInProtocolFile } from '../protocols/builtInProtocols.ts';
import { adoptProtocol } from './adoptProtocol.ts';
import { createPartnership } from './createPartnership.ts';
import { importPeople } from './importPeople.ts';
import { commandLine } from './requestContext.ts';
import { verifyAuditLog } from './verifyAuditLog.ts';

const clock = fixedClock('2026-11-24T10:00:00Z');
const source = (id: 'humber' | 'east-riding') => readFileSync(builtInProtocolFile(id), 'utf8');

const csv = `name,email,job_title,agency,agency_kind,team,region,roles,line_manager_email
Ada Example,ADA@example.org ,Teacher,Brookside Primary School,school,Year 2,,practitioner,hal@example.org
Hal Example,hal@example.org,Head teacher,Brookside Primary School,,,,manager;safeguarding-lead,
Ben Example,ben@example.org,Social worker,Riverside Hub,childrens-social-care,Duty,North,practitioner,pam@example.org
Pam Example,pam@example.org,Practice Manager,Riverside Hub,,Duty,North,manager,
`;

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Invalid, String(error));
    return error.errors.map((problem) => `${problem.path}: ${problem.message}`);
  }
  assert.fail('expected the input to be refused');
}

describeOnEachDatabase('directory services', (context) => {
  const deps = () => ({ database: context.database, clock });
  let made = 0;
  // Each test has a partnership (and people) of its own, so each passes alone, in any order.
  const aHumberPartnership = async () =>
    createPartnership(
      deps(),
      { name: `Humber (test ${process.pid}-${++made})`, protocolSource: source('humber') },
      commandLine,
    );
  const csvFor = (tag: string) => csv.replaceAll('@example.org', `.${tag}@example.org`);

  test('a partnership is created on a built-in protocol, which sets its working time', async () => {
    const created = await aHumberPartnership();
    assert.equal(created.protocolVersion, 1);
    const partnership = await partnershipRepository(context.database.db).get(created.id);
    assert.equal(partnership?.workingTime.timeZone, 'Europe/London');
    assert.deepEqual(partnership?.workingTime.workingHours, { start: '09:00', end: '17:00' });
    const inForce = await partnershipRepository(context.database.db).protocolVersion(created.id);
    assert.equal(inForce?.protocolId, 'humber');
  });

  test('a second partnership of the same name is refused', async () => {
    const first = await aHumberPartnership();
    const name = (await partnershipRepository(context.database.db).get(first.id))?.name ?? '';
    await assert.rejects(
      createPartnership(
        deps(),
        { name: name.toUpperCase(), protocolSource: source('humber') },
        commandLine,
      ),
      Conflict,
    );
  });

  test('adopting a protocol makes a new version in force and keeps the earlier one', async () => {
    const { id: partnershipId } = await aHumberPartnership();
    const adopted = await adoptProtocol(
      deps(),
      { partnershipId, protocolSource: source('east-riding') },
      commandLine,
    );
    assert.equal(adopted.version, 2);
    const partnerships = partnershipRepository(context.database.db);
    assert.equal((await partnerships.protocolVersion(partnershipId))?.protocolId, 'east-riding');
    assert.equal((await partnerships.protocolVersion(partnershipId, 1))?.protocolId, 'humber');
  });

  test('a broken protocol file is refused with its problems and stores nothing', async () => {
    const { id: partnershipId } = await aHumberPartnership();
    const problems = await problemsOf(
      adoptProtocol(deps(), { partnershipId, protocolSource: 'id: x\nversion: 0\n' }, commandLine),
    );
    assert.ok(
      problems.includes('protocol.version: must be a positive whole number'),
      problems.join('\n'),
    );
    assert.equal(
      (await partnershipRepository(context.database.db).protocolVersion(partnershipId))?.version,
      1,
    );
  });

  test('a CSV of people is imported with its agencies, teams, regions and line managers', async () => {
    const { id: partnershipId } = await aHumberPartnership();
    const tag = `import-${made}`;
    assert.deepEqual(await importPeople(deps(), { partnershipId, csv: csvFor(tag) }, commandLine), {
      imported: 4,
    });
    const people = peopleRepository(context.database.db);
    const ada = await people.findByEmail(`ada.${tag}@example.org`);
    const hal = await people.findByEmail(`hal.${tag}@example.org`);
    assert.equal(ada?.lineManagerId, hal?.id);
    assert.deepEqual(hal?.roles.sort(), ['manager', 'safeguarding-lead']);
    const agencies = await organisationRepository(context.database.db).agencies(partnershipId);
    assert.deepEqual(
      agencies.map((agency) => [agency.name, agency.kind]),
      [
        ['Brookside Primary School', 'school'],
        ['Riverside Hub', 'childrens-social-care'],
      ],
    );
    assert.deepEqual(await people.managerChain(ada?.id ?? ''), [hal?.id]);
  });

  test('a file with any bad row is refused whole, every problem named by row', async () => {
    const { id: partnershipId } = await aHumberPartnership();
    const tag = `refused-${made}`;
    await importPeople(deps(), { partnershipId, csv: csvFor(tag) }, commandLine);
    const bad = `name,email,roles,agency,line_manager_email
Cal Example,cal@example.org,practitioner,Unknown Agency,
,not-an-email,wizard,,
Dee Example,dee@example.org,practitioner,,eve@example.org
Eve Example,eve@example.org,manager,,dee@example.org
Ada Example,ada.${tag}@example.org,practitioner,,
`;
    const before = (await peopleRepository(context.database.db).inPartnership(partnershipId))
      .length;
    assert.deepEqual(
      await problemsOf(importPeople(deps(), { partnershipId, csv: bad }, commandLine)),
      [
        'row 2: agency: "Unknown Agency" is not in the directory; give its agency_kind to add it',
        'row 3: name: enter a name',
        'row 3: email: must be an e-mail address',
        'row 3: roles: each role must be one of practitioner, manager, senior-manager, safeguarding-lead, partnership-team, admin',
        `row 6: email: ada.${tag}@example.org is already in the directory`,
        'row 4: line_manager_email: the line managers form a loop back to this person',
        'row 5: line_manager_email: the line managers form a loop back to this person',
      ],
    );
    assert.equal(
      (await peopleRepository(context.database.db).inPartnership(partnershipId)).length,
      before,
    );
  });

  test('every change is in an intact audit log, and what is refused is not', async () => {
    const before = await verifyAuditLog(context.database);
    const { id: partnershipId } = await aHumberPartnership();
    await adoptProtocol(
      deps(),
      { partnershipId, protocolSource: source('east-riding') },
      commandLine,
    );
    await problemsOf(
      adoptProtocol(deps(), { partnershipId, protocolSource: 'id: x\n' }, commandLine),
    );
    await importPeople(deps(), { partnershipId, csv: csvFor(`audit-${made}`) }, commandLine);
    const check = await verifyAuditLog(context.database);
    assert.equal(check.intact, true);
    // Created (2), adopted (1), the refused file (none), four people imported (4 + 2 agencies).
    assert.equal(check.entries - before.entries, 2 + 1 + 4 + 2);
  });
});
