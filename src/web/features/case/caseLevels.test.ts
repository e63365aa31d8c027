import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { aCase, anAgency, aPerson, contextOf, TEST_PASSWORD } from '../../../../test/factories.ts';
import { anAshdownPartnership } from '../../../../test/levelsProtocol.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { buildTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { accountRepository } from '../../../db/repositories/accountRepository.ts';
import { disagreementRepository } from '../../../db/repositories/disagreementRepository.ts';
import { outboxRepository } from '../../../db/repositories/outboxRepository.ts';
import { peopleRepository } from '../../../db/repositories/peopleRepository.ts';
import { hashPassword } from '../../../domain/accounts/passwordHash.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Person } from '../../../domain/directory/directory.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';
import { createApiToken } from '../../../services/apiTokens.ts';
import { importPeople } from '../../../services/importPeople.ts';
import { addPerson } from '../../../services/manageDirectory.ts';
import { commandLine } from '../../../services/requestContext.ts';

// A partnership's own levels, end to end (the invented Ashdown protocol,
// test/protocols/levels.yaml): a directory imported with levels, a case raised by the council's
// social worker with the police, escalated to first-line managers (a team manager; a detective
// sergeant for the police) and then to service managers, and at each stage the people of those
// levels, and not the others, named on the case page and finding it in Waiting for you.

describeOnEachDatabase('stages that name levels, end to end', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const deps = () => ({ database: context.database, clock });
  let app: FastifyInstance;
  let partnershipId: string;
  let policeId: string;
  const people = new Map<string, Person>();
  const person = (first: string) => {
    const found = people.get(first);
    if (!found) throw new Error(`no ${first} Example`);
    return found;
  };
  const browsers = new Map<string, Browser>();
  const as = async (first: string, who?: Person) => {
    let browser = browsers.get(first);
    if (!browser) {
      browser = await signIn(app, (who ?? person(first)).email);
      browsers.set(first, browser);
    }
    return browser;
  };
  const page = async (first: string, url: string, who?: Person) => {
    const response = await app.inject({
      method: 'GET',
      url,
      headers: { cookie: (await as(first, who)).cookie },
    });
    assert.equal(response.statusCode, 200, url);
    return cheerio.load(response.body);
  };
  const waitingFor = async (first: string) => {
    const $ = await page(first, '/waiting-for-you');
    return $('[data-testid^="waiting-"] tbody tr')
      .map((_, item) => $(item).text().replace(/\s+/g, ' ').trim())
      .get();
  };
  const sidesOn = async (first: string, disagreement: Disagreement) => {
    const $ = await page(first, `/disagreements/${disagreement.id}`);
    const heading = $('h3:contains("Who should be talking to whom")');
    return heading
      .nextUntil('p.govuk-body:not(:has(strong))')
      .filter('ul')
      .map((_, list) => [
        $(list)
          .find('li')
          .map((__, item) => $(item).text().split(' – ')[0]?.trim())
          .get(),
      ])
      .get();
  };

  before(async () => {
    ({ id: partnershipId } = await anAshdownPartnership(context.database));
    const tag = `${process.pid}-${Date.now()}`;
    const csv = `name,email,job_title,agency,agency_kind,roles,level,line_manager_email
Hana Example,hana.${tag}@example.org,,Ashdown Children's Services,childrens-social-care,,Head of service,
Sam Example,sam.${tag}@example.org,,Ashdown Children's Services,,,service-manager,hana.${tag}@example.org
Tariq Example,tariq.${tag}@example.org,,Ashdown Children's Services,,,team-manager,sam.${tag}@example.org
Sol Example,sol.${tag}@example.org,Social worker,Ashdown Children's Services,,practitioner,,tariq.${tag}@example.org
Ines Example,ines.${tag}@example.org,,Ashdown Police,police,,detective-inspector,
Seren Example,seren.${tag}@example.org,,Ashdown Police,,,Detective sergeant,ines.${tag}@example.org
Cal Example,cal.${tag}@example.org,Detective constable,Ashdown Police,,practitioner,,seren.${tag}@example.org
`;
    await importPeople(deps(), { partnershipId, csv }, commandLine);
    const hash = await hashPassword(TEST_PASSWORD);
    for (const each of await peopleRepository(context.database.db).inPartnership(partnershipId)) {
      people.set(each.name.split(' ')[0] as string, each);
      await accountRepository(context.database.db).setPasswordHash(
        each.id,
        hash,
        '2026-11-24T09:00:00.000Z',
      );
    }
    policeId = person('Cal').agencyId as string;
    app = await buildTestApp({ database: context.database, clock });
  });

  test('first-line managers, then service managers: the people of those levels, and not the others', async () => {
    const raised = await aCase(
      deps(),
      { partnershipId },
      {
        by: person('Sol'),
        otherPerson: person('Cal'),
        otherAgencyIds: [policeId],
        escalations: [{ at: '2026-11-24T09:00:00Z', by: person('Sol') }],
      },
    );
    assert.equal(raised.stages.at(-1)?.key, 'first-line-managers');
    assert.deepEqual(await sidesOn('Sol', raised), [
      ['Tariq Example (Team manager)'],
      ['Seren Example (Detective sergeant)'],
    ]);
    const acting = /Act at Stage 2 \(First-line managers discuss\): record, resolve or escalate/;
    for (const first of ['Tariq', 'Seren']) {
      assert.ok(
        (await waitingFor(first)).some(
          (item) => item.includes(raised.reference) && acting.test(item),
        ),
        `${first} acts at the first-line managers' stage`,
      );
    }
    for (const first of ['Sam', 'Ines']) {
      assert.ok(
        !(await waitingFor(first)).some((item) => item.includes(raised.reference)),
        `${first} does not act yet`,
      );
    }
    const escalating = await page('Tariq', `/disagreements/${raised.id}/escalate`);
    assert.match(
      escalating('main').text(),
      /The directory names Sam Example \(Service manager\) and Ines Example \(Detective inspector\)\./,
    );

    const escalated = await aCase(
      deps(),
      { partnershipId },
      {
        by: person('Sol'),
        otherPerson: person('Cal'),
        otherAgencyIds: [policeId],
        escalations: [
          { at: '2026-11-24T09:00:00Z', by: person('Sol') },
          { at: '2026-11-24T09:30:00Z', by: person('Tariq') },
        ],
      },
    );
    assert.equal(escalated.stages.at(-1)?.key, 'service-managers');
    assert.deepEqual(await sidesOn('Sam', escalated), [
      ['Sam Example (Service manager)'],
      ['Ines Example (Detective inspector)'],
    ]);
    const serviceManagers =
      /Act at Stage 3 \(Service managers discuss\): record, resolve or escalate/;
    for (const first of ['Sam', 'Ines']) {
      assert.ok(
        (await waitingFor(first)).some(
          (item) => item.includes(escalated.reference) && serviceManagers.test(item),
        ),
        `${first} acts at the service managers' stage`,
      );
    }
    // The escalation's news goes to the people of the stage it entered, by their levels.
    const told = async (disagreement: Disagreement) =>
      (await outboxRepository(context.database.db).forDisagreement(disagreement.id))
        .filter((row) => row.kind === 'stageEntered')
        .map((row) => row.recipient)
        .sort();
    assert.deepEqual(await told(escalated), [
      person('Ines').email,
      person('Sam').email,
      person('Seren').email,
      person('Tariq').email,
    ]);
    assert.deepEqual(await told(raised), [person('Seren').email, person('Tariq').email]);
    // The team manager is a manager too, and nearer the social worker: not a service manager.
    assert.ok(
      !(await waitingFor('Tariq')).some((item) => item.includes(escalated.reference)),
      'the team manager does not act at the service managers’ stage',
    );
  });

  for (const how of ['added on its own', 'imported'] as const) {
    test(`a team manager ${how} later is assigned to the open case they act on`, async () => {
      const agency = await anAgency(context.database, partnershipId, {
        name: `Ashdown Council Early Help (${how})`,
        kind: 'childrens-social-care',
      });
      const pat = await aPerson(context.database, { partnershipId, agencyId: agency.id });
      const raised = await aCase(
        deps(),
        { partnershipId },
        {
          by: pat,
          otherPerson: person('Cal'),
          otherAgencyIds: [policeId],
          escalations: [{ at: '2026-11-24T09:00:00Z', by: pat }],
        },
      );
      const before = await page(pat.name, `/disagreements/${raised.id}`, pat);
      assert.match(before('main').text(), /The directory names nobody for this stage/);

      const email = `terry.${process.pid}.${Date.now()}@example.org`;
      if (how === 'imported') {
        const csv = `name,email,agency,roles,level\nTerry Example,${email},${agency.name},,Team manager\n`;
        await importPeople(deps(), { partnershipId, csv }, commandLine);
      } else {
        const team = await aPerson(context.database, {
          partnershipId,
          roles: ['partnership-team'],
        });
        await addPerson(
          deps(),
          {
            name: 'Terry Example',
            email,
            jobTitle: null,
            telephone: null,
            agencyId: agency.id,
            lineManagerId: null,
            roles: [],
            level: 'team-manager',
          },
          await contextOf(context.database, team),
        );
      }
      const terry = await peopleRepository(context.database.db).findByEmail(email);
      const involved = await disagreementRepository(context.database.db).involvedPeople(raised.id);
      assert.ok(
        involved.some((each) => each.personId === terry?.id && each.side === 'raising'),
        'the team manager stands on the raising side of the case',
      );
    });
  }

  test('the API lists each person’s level, and the protocol’s levels', async () => {
    const token = (
      await createApiToken(
        deps(),
        { personId: person('Sol').id, name: 'levels' },
        await contextOf(context.database, person('Sol')),
      )
    ).token;
    const read = async (path: string) => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/partnerships/${partnershipId}/${path}`,
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(response.statusCode, 200, path);
      return response.json();
    };
    const listed: { name: string; level: string | null; roles: string[] }[] = await read('people');
    const of = (name: string) => listed.find((each) => each.name === name);
    assert.equal(of('Seren Example')?.level, 'detective-sergeant');
    assert.deepEqual(of('Seren Example')?.roles, ['manager']);
    assert.equal(of('Sol Example')?.level, null);
    const protocol = await read('protocol');
    assert.deepEqual(protocol.levels[3], {
      id: 'detective-sergeant',
      name: 'Detective sergeant',
      role: 'manager',
      agencyKinds: ['police'],
    });
  });
});
