import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import {
  aCase,
  aDisagreementCast,
  anAgency,
  aPerson,
  type Cast,
  contextOf,
} from '../../test/factories.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import type { Person } from '../domain/directory/directory.ts';
import { escalate } from '../domain/disagreement/actions/escalate.ts';
import type { Disagreement } from '../domain/disagreement/disagreement.ts';
import { Invalid } from '../domain/errors.ts';
import { type ListQuery, listDisagreements } from './readDisagreements.ts';
import { runCaseAction } from './runCaseAction.ts';

const clock = fixedClock('2026-11-24T10:00:00Z');
const london = (local: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime('Europe/London').toInstant().toString();

describeOnEachDatabase('finding cases', (context) => {
  const deps = () => ({ database: context.database, clock });
  let cast: Cast;
  let police: { agencyId: string; practitioner: Person };
  let riverside: string;
  const made: Record<string, Disagreement> = {};

  const find = async (query: Partial<ListQuery>, person: Person = cast.team) =>
    (
      await listDisagreements(
        deps(),
        { limit: 50, ...query },
        await contextOf(context.database, person),
      )
    ).items.map((item) => item.disagreement.reference);
  const refs = (...names: string[]) => names.map((name) => made[name]?.reference).sort();

  before(async () => {
    cast = await aDisagreementCast(context.database);
    const policeAgency = await anAgency(context.database, cast.partnershipId, { kind: 'police' });
    police = {
      agencyId: policeAgency.id,
      practitioner: await aPerson(context.database, {
        partnershipId: cast.partnershipId,
        agencyId: policeAgency.id,
      }),
    };
    riverside = randomUUID();
    const organisations = organisationRepository(context.database.db);
    for (const [id, name] of [
      [riverside, 'Riverside Council'],
      [randomUUID(), 'Lakeside Council'],
    ] as const) {
      await organisations.insertLocalAuthority({
        id,
        partnershipId: cast.partnershipId,
        name,
        frontDoorName: 'Hub',
        monitoringTeamName: 'Team',
        monitoringTeamEmail: null,
      });
    }
    const raise = (name: string, at: string, options: Parameters<typeof aCase>[2] = {}) => {
      clock.set(at);
      return aCase(deps(), cast, { raisedAt: at, ...options }).then((d) => {
        made[name] = d;
        return d;
      });
    };
    await raise('lucja', london('2026-09-01T10:00'), {
      children: [{ firstName: 'Łucja', lastName: 'Nowak' }],
      category: 'referral-not-accepted',
      localAuthorityId: riverside,
    });
    await raise('amira', london('2026-10-05T10:00'), {
      children: [
        { firstName: 'Amira', lastName: 'Khan' },
        { firstName: 'Bilal', lastName: 'Khan' },
      ],
      urgent: true,
    });
    await raise('police', london('2026-10-20T10:00'), {
      otherAgencyIds: [cast.socialCare.agency.id, police.agencyId],
      children: [{ firstName: 'Zoë', lastName: 'Brown' }],
    });
    const overdue = await raise('overdue', london('2026-11-02T10:00'), {
      children: [{ firstName: 'Sam', lastName: 'Example' }],
    });
    clock.set(london('2026-11-03T10:00'));
    made.overdue = await runCaseAction(
      deps(),
      escalate,
      {
        id: overdue.id,
        version: overdue.version,
        input: { occurredAt: london('2026-11-03T10:00'), reason: 'No agreement' },
      },
      await contextOf(context.database, cast.school.manager),
    );
    clock.set('2026-11-24T10:00:00Z');
  });

  test('the partnership team filters by every filter, each alone and together', async () => {
    assert.deepEqual((await find({})).sort(), refs('lucja', 'amira', 'police', 'overdue'));
    assert.deepEqual(await find({ localAuthorityId: riverside }), refs('lucja'));
    assert.deepEqual(await find({ category: 'referral-not-accepted' }), refs('lucja'));
    assert.deepEqual(await find({ urgent: 'true' }), refs('amira'));
    assert.deepEqual((await find({ urgent: 'false' })).sort(), refs('lucja', 'police', 'overdue'));
    assert.deepEqual(await find({ overdue: 'true' }), refs('overdue'));
    assert.deepEqual(await find({ stage: 'stage-1' }), refs('overdue'));
    assert.deepEqual(await find({ agencyId: police.agencyId }), refs('police'));
    assert.deepEqual((await find({ agencyId: cast.school.agency.id })).length, 4, 'either side');
    assert.deepEqual(
      await find({ otherAgencyId: police.agencyId, raisingAgencyId: cast.school.agency.id }),
      refs('police'),
    );
    assert.deepEqual(await find({ raisingAgencyId: police.agencyId }), []);
    assert.deepEqual(
      (await find({ raisedFrom: '2026-10-01', raisedTo: '2026-10-20' })).sort(),
      refs('amira', 'police'),
    );
    assert.deepEqual(
      await find({ raisedFrom: '2026-10-21', status: 'open', urgent: 'false' }),
      refs('overdue'),
    );
    await assert.rejects(find({ raisedFrom: '2026-10-21', raisedTo: '2026-10-20' }), Invalid);
  });

  test('sorted by raised date, newest first, or by due time, soonest first and none last', async () => {
    assert.deepEqual(
      await find({ sort: 'raised' }),
      [made.overdue, made.police, made.amira, made.lucja].map((d) => d?.reference),
    );
    const byDue = await find({ sort: 'due' });
    assert.equal(byDue[0], made.overdue?.reference, 'the only case with a due time comes first');
    assert.equal(byDue.length, 4);
  });

  test('paging keeps the filters: the pages join up, none twice, none left out', async () => {
    for (const sort of ['newest', 'raised', 'due'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listDisagreements(
          deps(),
          { limit: 1, sort, agencyId: cast.school.agency.id, ...(cursor ? { cursor } : {}) },
          await contextOf(context.database, cast.team),
        );
        seen.push(...page.items.map((item) => item.disagreement.reference));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      assert.deepEqual(seen, await find({ sort, agencyId: cast.school.agency.id }), sort);
    }
    const page = await listDisagreements(
      deps(),
      { limit: 1, sort: 'due' },
      await contextOf(context.database, cast.team),
    );
    await assert.rejects(
      listDisagreements(
        deps(),
        { limit: 1, sort: 'raised', cursor: page.nextCursor as string },
        await contextOf(context.database, cast.team),
      ),
      Invalid,
      'a cursor of another sort is refused',
    );
  });

  test('a search finds by reference or by the start of a child’s names, whatever the case and accents', async () => {
    assert.deepEqual(await find({ q: made.lucja?.reference.toLowerCase() }), refs('lucja'));
    assert.deepEqual(await find({ q: 'lucja' }), refs('lucja'));
    assert.deepEqual(await find({ q: 'LUC now' }), refs('lucja'));
    assert.deepEqual(await find({ q: 'zoe' }), refs('police'));
    assert.deepEqual(await find({ q: 'khan' }), refs('amira'));
    assert.deepEqual(await find({ q: 'bilal khan' }), refs('amira'));
    assert.deepEqual(await find({ q: 'amira brown' }), []);
    assert.deepEqual(await find({ q: 'khan', urgent: 'false' }), []);
  });

  test('a search is audited by the ids of the cases found, never by the words searched for', async () => {
    const before =
      (await auditRepository(context.database.db).list({ actorId: cast.team.id, limit: 1 }))[0]
        ?.seq ?? 0;
    await find({ q: 'Khan' });
    const entries = (
      await auditRepository(context.database.db).list({ actorId: cast.team.id, limit: 50 })
    ).filter((entry) => entry.seq > before);
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.recordId]),
      [['disagreement.found', made.amira?.id]],
    );
    assert.ok(!JSON.stringify(entries).toLowerCase().includes('khan'), 'the words are not kept');
  });

  test('nobody finds a case they may not see, by any filter or search', async () => {
    assert.deepEqual(await find({ q: 'zoe' }, police.practitioner), []);
    assert.deepEqual(await find({ agencyId: police.agencyId }, police.practitioner), []);
    const other = await aDisagreementCast(context.database);
    assert.deepEqual(await find({ q: made.lucja?.reference }, other.team), []);
    assert.deepEqual(await find({ q: 'lucja' }, other.team), []);
  });
});
