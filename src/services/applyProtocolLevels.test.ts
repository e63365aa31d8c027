import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { aCase, actAt, aDisagreementCast, type Cast, contextOf } from '../../test/factories.ts';
import { ashdownSource } from '../../test/levelsProtocol.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import type { Person } from '../domain/directory/directory.ts';
import { withdraw } from '../domain/disagreement/actions/withdraw.ts';
import type { Disagreement } from '../domain/disagreement/caseDocument.ts';
import { NotFound } from '../domain/errors.ts';
import type { Role } from '../domain/vocabulary.ts';
import { adoptProtocol } from './adoptProtocol.ts';
import { addPerson, setRoles } from './manageDirectory.ts';
import { getDisagreement, listDisagreements } from './readDisagreements.ts';

// The protocol in force decides what a level gives: adopting a version that maps a level to
// another role, or drops it, changes the roles of the people who carry it (keeping the roles
// given to them directly), and so their access to cases.

const clock = fixedClock('2026-11-24T10:00:00Z');
/** The invented Ashdown protocol with two more council levels, as `principal` and `lead` say. */
const withCouncilLevels = (principal: Role, lead: Role | null) =>
  ashdownSource.replace(
    /^levels:\n/m,
    `levels:\n  - { id: principal-social-worker, name: Principal social worker, role: ${principal}, agencyKinds: [childrens-social-care] }\n${
      lead
        ? `  - { id: practice-lead, name: Practice lead, role: ${lead}, agencyKinds: [childrens-social-care] }\n`
        : ''
    }`,
  );

describeOnEachDatabase('a new protocol version’s levels decide their holders’ roles', (context) => {
  const deps = () => ({ database: context.database, clock });
  let cast: Cast;
  let made = 0;
  const stored = async (person: Person) => {
    const found = await peopleRepository(context.database.db).get(person.id);
    return { level: found?.level ?? null, roles: [...(found?.roles ?? [])].sort() };
  };
  const someone = async (roles: Role[], level: string) => {
    const team = await contextOf(context.database, cast.team);
    const id = await addPerson(
      deps(),
      {
        name: `Pat Example ${++made}`,
        email: `pat.${made}.${process.pid}@example.org`,
        jobTitle: null,
        telephone: null,
        agencyId: cast.socialCare.agency.id,
        lineManagerId: null,
        roles,
        level,
      },
      team,
    );
    return (await peopleRepository(context.database.db).get(id)) as Person;
  };
  const adopt = async (source: string) =>
    adoptProtocol(
      deps(),
      { partnershipId: cast.partnershipId, protocolSource: source },
      await contextOf(context.database, cast.team),
    );
  const sees = async (person: Person, caseId: string) => {
    const asThem = await contextOf(context.database, person);
    const listed = await listDisagreements(deps(), { limit: 50 }, asThem);
    const opened = await getDisagreement(deps(), caseId, asThem).then(
      () => true,
      (error) => {
        if (error instanceof NotFound) return false;
        throw error;
      },
    );
    assert.equal(
      listed.items.some((item) => item.disagreement.id === caseId),
      opened,
      'the list and the case agree',
    );
    return opened;
  };

  /** The case ended (withdrawn by the partnership team), so no open case runs on its version. */
  const ended = (open: Disagreement) =>
    actAt(
      deps(),
      open,
      withdraw,
      { reason: 'Resolved outside Accord' },
      cast.team,
      '2026-11-24T10:00:00Z',
    );

  before(async () => {
    cast = await aDisagreementCast(context.database, {
      protocolSource: withCouncilLevels('safeguarding-lead', 'senior-manager'),
    });
  });

  test('a level remapped: the old role goes, the new one comes, and access to cases follows', async () => {
    const open = await aCase(deps(), cast);
    const principal = await someone(['practitioner'], 'principal-social-worker');
    const alsoLead = await someone(['safeguarding-lead'], 'principal-social-worker');
    assert.deepEqual(await stored(principal), {
      level: 'principal-social-worker',
      roles: ['practitioner', 'safeguarding-lead'],
    });
    assert.equal(
      await sees(principal, open.id),
      true,
      'a safeguarding lead sees the agency’s cases',
    );

    await adopt(withCouncilLevels('manager', 'senior-manager'));
    assert.deepEqual(await stored(principal), {
      level: 'principal-social-worker',
      roles: ['manager', 'practitioner'],
    });
    assert.deepEqual(
      await stored(alsoLead),
      { level: 'principal-social-worker', roles: ['manager', 'safeguarding-lead'] },
      'a role given directly is kept',
    );
    assert.equal(await sees(principal, open.id), false, 'a manager of nobody on it does not');
    assert.equal(await sees(alsoLead, open.id), true);

    await adopt(withCouncilLevels('safeguarding-lead', 'senior-manager'));
    assert.deepEqual(await stored(principal), {
      level: 'principal-social-worker',
      roles: ['practitioner', 'safeguarding-lead'],
    });
    assert.equal(await sees(principal, open.id), true);
  });

  test('a level dropped is kept while an open case runs on a version with it, then cleared (audited), its role gone unless it was given directly', async () => {
    // A partnership of its own, so that only this test's case is open.
    cast = await aDisagreementCast(context.database, {
      protocolSource: withCouncilLevels('safeguarding-lead', 'senior-manager'),
    });
    const onlyByLevel = await someone(['practitioner'], 'practice-lead');
    const givenToo = await someone(['practitioner', 'senior-manager'], 'practice-lead');
    const open = await aCase(deps(), cast);

    // Open cases keep their version: its holders keep the level, and its role, to act on them.
    await adopt(withCouncilLevels('safeguarding-lead', null));
    assert.deepEqual(await stored(onlyByLevel), {
      level: 'practice-lead',
      roles: ['practitioner', 'senior-manager'],
    });

    await ended(open);
    await adopt(withCouncilLevels('safeguarding-lead', null));
    assert.deepEqual(await stored(onlyByLevel), { level: null, roles: ['practitioner'] });
    assert.deepEqual(await stored(givenToo), {
      level: null,
      roles: ['practitioner', 'senior-manager'],
    });
    const cleared = await context.database.db
      .selectFrom('audit_log')
      .select('record_id')
      .where('action', '=', 'person.level-cleared')
      .where('partnership_id', '=', cast.partnershipId)
      .execute();
    assert.deepEqual(
      cleared.map((row) => row.record_id).sort(),
      [onlyByLevel.id, givenToo.id].sort(),
    );
  });

  test('the roles page keeps what was given apart from what the level gives', async () => {
    await adopt(withCouncilLevels('safeguarding-lead', 'senior-manager'));
    const principal = await someone(['practitioner'], 'principal-social-worker');
    const team = await contextOf(context.database, cast.team);
    // Saved again as the page shows it (the roles given), then remapped: the level's role goes.
    await setRoles(deps(), { personId: principal.id, roles: ['practitioner'] }, team);
    await adopt(withCouncilLevels('manager', 'senior-manager'));
    assert.deepEqual(await stored(principal), {
      level: 'principal-social-worker',
      roles: ['manager', 'practitioner'],
    });
    // A level taken away on the page takes its role with it.
    await setRoles(deps(), { personId: principal.id, roles: ['practitioner'], level: null }, team);
    assert.deepEqual(await stored(principal), { level: null, roles: ['practitioner'] });
  });

  test('a level a stage names, dropped: its holder acts on the open case of the earlier version until it ends', async () => {
    const base = withCouncilLevels('safeguarding-lead', 'senior-manager');
    cast = await aDisagreementCast(context.database, { protocolSource: base });
    await adopt(base);
    const serviceManager = await someone(['practitioner'], 'service-manager');
    const open = await aCase(deps(), cast, {
      escalations: [
        { at: '2026-11-23T15:00:00Z', by: cast.school.manager },
        { at: '2026-11-23T16:00:00Z', by: cast.school.lead },
      ],
    });
    assert.equal(open.stages.at(-1)?.key, 'service-managers');
    assert.equal(await sees(serviceManager, open.id), true, 'the stage names their level');

    // The next version: no service managers; the stage names managers instead.
    await adopt(
      base
        .replace(/^ {2}- \{ id: service-manager,.*\n/m, '')
        .replaceAll('[service-manager]', '[manager]'),
    );
    // The case keeps its version, whose stage names service managers: its service manager
    // keeps the level and acts on it still.
    assert.deepEqual(await stored(serviceManager), {
      level: 'service-manager',
      roles: ['manager', 'practitioner'],
    });
    assert.equal(await sees(serviceManager, open.id), true);

    // Once no open case runs on a version with the level, the next adoption clears it.
    await ended(open);
    await adopt(
      base
        .replace(/^ {2}- \{ id: service-manager,.*\n/m, '')
        .replaceAll('[service-manager]', '[manager]'),
    );
    assert.deepEqual(await stored(serviceManager), { level: null, roles: ['practitioner'] });
    assert.equal(await sees(serviceManager, open.id), false);
  });
});
