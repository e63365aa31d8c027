import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createScratchDatabase, describeOnEachDatabase } from '../../test/testDatabase.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import type { Person } from '../domain/directory/directory.ts';
import {
  caseStatuses,
  currentStage,
  type Disagreement,
  isOverdue,
} from '../domain/disagreement/disagreement.ts';
import { Conflict } from '../domain/errors.ts';
import { ladderFor } from '../domain/protocol/ladder.ts';
import { builtInProtocol, builtInProtocolIds } from '../protocols/builtInProtocols.ts';
import { DEMO_HISTORY_CASES } from './demoHistory.ts';
import { loadActor } from './loadActor.ts';
import { type DemoDataSummary, loadDemoData } from './loadDemoData.ts';
import { listDisagreements } from './readDisagreements.ts';
import { verifyAuditLog } from './verifyAuditLog.ts';

// A Tuesday morning in term time.
const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('the demo data set', (context) => {
  let summary: DemoDataSummary;
  let everyone: Person[];
  const partnershipOf = new Map<string, string>();
  const casesOf = new Map<string, Disagreement[]>();

  before(async () => {
    const deps = { database: context.database, clock };
    summary = await loadDemoData(deps);
    const people = peopleRepository(context.database.db);
    everyone = [];
    for (const partnership of await partnershipRepository(context.database.db).list()) {
      const version = await partnershipRepository(context.database.db).protocolVersion(
        partnership.id,
      );
      const protocolId = version?.protocolId ?? '';
      partnershipOf.set(protocolId, partnership.id);
      const members = await people.inPartnership(partnership.id);
      everyone.push(...members);
      // The partnership team sees every case of its partnership.
      const team = members.find((person) => person.roles.includes('partnership-team'));
      assert.ok(team, `${partnership.name} has a partnership team`);
      const listed = await listDisagreements(
        deps,
        { limit: 200 },
        { actor: await loadActor(context.database, team.id), via: 'cli', requestId: null },
      );
      casesOf.set(
        protocolId,
        listed.items.map((item) => item.disagreement),
      );
    }
  });

  test('loads one partnership for each built-in protocol, named as a demo', async () => {
    assert.deepEqual([...partnershipOf.keys()].sort(), [...builtInProtocolIds].sort());
    const names = (await partnershipRepository(context.database.db).list()).map((p) => p.name);
    for (const name of names) assert.match(name, /\(demo\)$/);
    assert.equal(summary.partnerships, 4);
  });

  test('every partnership has the agencies a disagreement needs, each with a management chain', async () => {
    const organisations = organisationRepository(context.database.db);
    const people = peopleRepository(context.database.db);
    for (const [protocolId, partnershipId] of partnershipOf) {
      const agencies = await organisations.agencies(partnershipId);
      for (const kind of [
        'childrens-social-care',
        'police',
        'school',
        'health-trust',
        'gp-practice',
      ]) {
        assert.ok(
          agencies.some((agency) => agency.kind === kind),
          `${protocolId} has a ${kind}`,
        );
      }
      const members = await people.inPartnership(partnershipId);
      const roleOf = new Map(members.map((person) => [person.id, person.roles]));
      for (const agency of agencies) {
        const staff = members.filter((person) => person.agencyId === agency.id);
        const chains = await Promise.all(
          staff
            .filter((person) => person.roles.includes('practitioner'))
            .map((person) => people.managerChain(person.id)),
        );
        assert.ok(
          chains.some(
            (chain) =>
              chain.some((id) => roleOf.get(id)?.includes('manager')) &&
              chain.some((id) => roleOf.get(id)?.includes('senior-manager')),
          ),
          `${agency.name} has a practitioner → manager → senior manager chain`,
        );
        assert.ok(
          staff.some(
            (person) => person.roles.includes('safeguarding-lead') && person.lineManagerId,
          ),
          `${agency.name} has a safeguarding lead with a line manager`,
        );
      }
      assert.ok(
        members.some((person) => person.roles.includes('partnership-team') && !person.agencyId),
        `${protocolId} has a partnership team member`,
      );
      assert.ok((await organisations.onCallContacts(partnershipId)).length > 0);
    }
  });

  test('Pan-Lancashire has Lancashire and Blackpool, each with its own front door and monitoring team', async () => {
    const organisations = organisationRepository(context.database.db);
    const authorities = await organisations.localAuthorities(
      partnershipOf.get('pan-lancashire') ?? '',
    );
    assert.deepEqual(
      authorities.map(({ name, frontDoorName, monitoringTeamName }) => ({
        name,
        frontDoorName,
        monitoringTeamName,
      })),
      [
        { name: 'Blackpool', frontDoorName: 'Request for Support Hub', monitoringTeamName: 'MASA' },
        { name: 'Lancashire', frontDoorName: 'MASH', monitoringTeamName: 'CSAP' },
      ],
    );
    for (const authority of authorities) {
      assert.match(authority.monitoringTeamEmail ?? '', /@example\.org$/);
    }
    const regions = await organisations.regions(partnershipOf.get('pan-lancashire') ?? '');
    assert.deepEqual(regions.map((region) => region.name).sort(), ['Central', 'East', 'North']);
  });

  test('has one administrator outside every partnership, and only invented people in example.org', async () => {
    const admin = await peopleRepository(context.database.db).findByEmail('admin@example.org');
    assert.deepEqual(admin?.roles, ['admin']);
    assert.equal(admin?.partnershipId, null);
    const all = [...everyone, admin as Person];
    assert.equal(summary.people, all.length);
    assert.equal(await peopleRepository(context.database.db).count(), all.length);
    for (const person of all) {
      assert.match(person.email, /^[a-z]+(\.[a-z]+)?@example\.org$/, person.email);
      assert.doesNotMatch(person.name, /test|person \d/i);
    }
    assert.equal(new Set(all.map((person) => person.name)).size, all.length, 'names are varied');
  });

  /** The data set's own cases (the history before them is older than 50 days). */
  const ownCases = (cases: Disagreement[]) =>
    cases.filter(
      (d) => Temporal.Instant.compare(d.raisedAt, clock.now().subtract({ hours: 24 * 50 })) > 0,
    );

  test('has cases in every state, at every stage of each general ladder, some overdue and some urgent', () => {
    const everything = [...casesOf.values()].flat();
    assert.equal(everything.length, summary.cases);
    const all = ownCases(everything);
    assert.equal(all.length, summary.cases - summary.history);
    for (const status of caseStatuses) {
      assert.ok(
        all.some((disagreement) => disagreement.status === status),
        `a case is ${status}`,
      );
    }
    for (const [protocolId, every] of casesOf) {
      const cases = ownCases(every);
      const open = cases.filter((disagreement) => disagreement.status === 'open');
      for (const stage of ladderFor(builtInProtocol(protocolId as 'humber')).stages) {
        assert.ok(
          open.some(
            (disagreement) =>
              disagreement.pathway === 'general' && currentStage(disagreement)?.key === stage.key,
          ),
          `${protocolId}: an open case is at ${stage.key}`,
        );
      }
      assert.ok(
        open.some((d) => d.resolution !== null && d.resolution.confirmations.length === 0),
        `${protocolId}: an outcome is waiting for confirmation`,
      );
      assert.ok(
        cases.some((d) => d.status === 'closed' && d.lessons.length > 0),
        `${protocolId}: a closed case has lessons`,
      );
      assert.ok(
        cases.some((d) => d.records.length > 0 && d.actions.length > 0),
        `${protocolId}: a case has records and actions`,
      );
    }
    const now = clock.now();
    assert.ok(all.some((disagreement) => isOverdue(disagreement, now)));
    assert.ok(all.some((disagreement) => disagreement.urgent));
    assert.equal(summary.overdue, all.filter((d) => isOverdue(d, now)).length);
    assert.deepEqual(
      [...new Set(all.map((d) => `${d.protocolId} ${d.pathway}`))]
        .filter((pathway) => !pathway.endsWith(' general'))
        .sort(),
      ['humber joint-response', 'lincolnshire discharge-planning', 'pan-lancashire front-door'],
    );
    const humberPanel = casesOf
      .get('humber')
      ?.find((d) => d.status === 'open' && currentStage(d)?.key === 'stage-4');
    assert.ok(currentStage(humberPanel as Disagreement)?.writtenAccount);
    for (const disagreement of all) {
      for (const stage of disagreement.stages) {
        assert.ok(Temporal.Instant.compare(Temporal.Instant.from(stage.startedAt), now) < 0);
      }
    }
  });

  test('has seven years of history before it, every case ended, over every pathway and stage, some late', () => {
    const now = clock.now();
    for (const [protocolId, every] of casesOf) {
      const own = new Set(ownCases(every).map((d) => d.id));
      const history = every.filter((d) => !own.has(d.id));
      assert.equal(history.length, DEMO_HISTORY_CASES, protocolId);
      assert.ok(
        history.every((d) => d.status !== 'open'),
        `${protocolId}: every case ended`,
      );
      const years = new Set(history.map((d) => d.raisedAt.slice(0, 4)));
      assert.ok(years.size >= 7, `${protocolId}: raised over ${[...years].sort().join(', ')}`);
      for (const status of ['resolved', 'closed', 'withdrawn'] as const) {
        assert.ok(
          history.some((d) => d.status === status),
          `${protocolId}: some ${status}`,
        );
      }
      const protocol = builtInProtocol(protocolId as 'humber');
      const pathways = new Set(history.map((d) => d.pathway));
      for (const pathway of ['general', ...protocol.pathways.map((p) => p.id)]) {
        assert.ok(pathways.has(pathway), `${protocolId}: a case on the ${pathway} pathway`);
      }
      const reached = new Set(history.flatMap((d) => d.stages.map((s) => s.key)));
      for (const stage of protocol.stages) {
        assert.ok(reached.has(stage.key), `${protocolId}: a case reached ${stage.key}`);
      }
      const late = history
        .flatMap((d) => d.stages)
        .filter((s) => s.dueAt && s.endedAt && s.endedAt > s.dueAt);
      assert.ok(late.length > 0, `${protocolId}: some stages ended late`);
      assert.ok(
        history.every(
          (d) => Temporal.Instant.compare(d.updatedAt, now.subtract({ hours: 24 * 59 })) < 0,
        ),
        `${protocolId}: all before the data set's own cases`,
      );
    }
  });

  test('every change was audited, and the audit chain is intact', async () => {
    const check = await verifyAuditLog(context.database);
    assert.equal(check.intact, true);
    // At least one entry for each person created and for each case raised.
    assert.ok(check.entries > summary.people + summary.cases);
  });

  test('refuses a second load, and adds nothing', async () => {
    const people = await peopleRepository(context.database.db).count();
    await assert.rejects(loadDemoData({ database: context.database, clock }), Conflict);
    assert.equal(await peopleRepository(context.database.db).count(), people);
  });
});

test('loads on any day: a bank holiday morning before work', async () => {
  const scratch = await createScratchDatabase('sqlite');
  const database = openDatabase(scratch.target);
  try {
    await migrateToLatest(database.db);
    // Monday 28 December 2026, the substitute Boxing Day bank holiday, at 6:30am.
    const summary = await loadDemoData({
      database,
      clock: fixedClock('2026-12-28T06:30:00Z'),
    });
    assert.equal(
      summary.cases,
      summary.byStatus.open +
        summary.byStatus.resolved +
        summary.byStatus.closed +
        summary.byStatus.withdrawn,
    );
    assert.ok(summary.overdue > 0);
  } finally {
    await database.close();
    await scratch.remove();
  }
});
