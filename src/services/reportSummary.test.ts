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
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import type { Person } from '../domain/directory/directory.ts';
import { close } from '../domain/disagreement/actions/close.ts';
import { confirmOutcome } from '../domain/disagreement/actions/confirmOutcome.ts';
import { escalate } from '../domain/disagreement/actions/escalate.ts';
import { proposeOutcome } from '../domain/disagreement/actions/proposeOutcome.ts';
import { withdraw } from '../domain/disagreement/actions/withdraw.ts';
import type { Disagreement } from '../domain/disagreement/disagreement.ts';
import { Forbidden, Invalid, NotFound } from '../domain/errors.ts';
import { builtInProtocol } from '../protocols/builtInProtocols.ts';
import { calendarOf, rulesCache } from './caseRules.ts';
import { reindexCases } from './reindexCases.ts';
import { reportSummary } from './reportSummary.ts';
import { runCaseAction } from './runCaseAction.ts';

// Each step of each case happens at its own time: the clock is moved before it.
const clock = fixedClock('2026-01-05T09:00:00Z');
const NOW = '2026-11-24T10:00:00Z';
const london = (local: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime('Europe/London').toInstant().toString();

describeOnEachDatabase('the partnership’s summary', (context) => {
  const deps = () => ({ database: context.database, clock });
  let cast: Cast;
  let police: { agencyId: string; practitioner: Person; manager: Person };
  let riverside: { localAuthorityId: string; practitioner: Person; manager: Person };
  let silentAgencyId: string;
  const cases: Disagreement[] = [];

  const act = async <C extends Parameters<typeof runCaseAction>[1]>(
    disagreement: Disagreement,
    command: C,
    input: Parameters<typeof runCaseAction<C['input']>>[2]['input'],
    by: Person,
    at: string,
  ) => {
    clock.set(at);
    return runCaseAction(
      deps(),
      command,
      { id: disagreement.id, version: disagreement.version, input },
      await contextOf(context.database, by),
    );
  };
  const raised = (at: string, options: Parameters<typeof aCase>[2] = {}) => {
    clock.set(at);
    return aCase(deps(), cast, { raisedAt: at, ...options });
  };

  before(async () => {
    cast = await aDisagreementCast(context.database);
    const organisations = organisationRepository(context.database.db);
    const policeAgency = await anAgency(context.database, cast.partnershipId, { kind: 'police' });
    const policeManager = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      agencyId: policeAgency.id,
      roles: ['manager'],
    });
    police = {
      agencyId: policeAgency.id,
      manager: policeManager,
      practitioner: await aPerson(context.database, {
        partnershipId: cast.partnershipId,
        agencyId: policeAgency.id,
        lineManagerId: policeManager.id,
      }),
    };
    const localAuthorityId = randomUUID();
    await organisations.insertLocalAuthority({
      id: localAuthorityId,
      partnershipId: cast.partnershipId,
      name: 'Riverside Council',
      frontDoorName: 'Front door',
      monitoringTeamName: 'Monitoring team',
      monitoringTeamEmail: null,
    });
    // A second local authority, so that a case of neither is not given the only one there is.
    await organisations.insertLocalAuthority({
      id: randomUUID(),
      partnershipId: cast.partnershipId,
      name: 'Lakeside Council',
      frontDoorName: 'Hub',
      monitoringTeamName: 'Monitoring team',
      monitoringTeamEmail: null,
    });
    const riversideSchool = await anAgency(context.database, cast.partnershipId, {
      kind: 'school',
      localAuthorityId,
    });
    const riversideManager = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      agencyId: riversideSchool.id,
      roles: ['manager'],
    });
    riverside = {
      localAuthorityId,
      manager: riversideManager,
      practitioner: await aPerson(context.database, {
        partnershipId: cast.partnershipId,
        agencyId: riversideSchool.id,
        lineManagerId: riversideManager.id,
      }),
    };
    silentAgencyId = (await anAgency(context.database, cast.partnershipId, { kind: 'gp-practice' }))
      .id;
    const { school, socialCare } = cast;

    // A: with two other agencies; stage 1 entered, resolved there and closed in the period, with
    // a lesson of two themes and one of one.
    let a = await raised(london('2026-03-10T10:00'), {
      otherAgencyIds: [socialCare.agency.id, police.agencyId],
      category: 'joint-response',
    });
    a = await act(
      a,
      escalate,
      { occurredAt: london('2026-03-11T10:00'), reason: 'No agreement' },
      school.manager,
      london('2026-03-11T10:00'),
    );
    a = await act(
      a,
      proposeOutcome,
      { occurredAt: london('2026-03-13T11:00'), agreedOutcome: 'Joint visit', actions: [] },
      school.manager,
      london('2026-03-13T11:00'),
    );
    a = await act(a, confirmOutcome, {}, socialCare.manager, london('2026-03-13T15:00'));
    a = await act(a, confirmOutcome, {}, police.manager, london('2026-03-16T09:30'));
    a = await act(
      a,
      close,
      {
        lessons: [
          { themes: ['training', 'partnership-guidance'], text: 'Joint training on thresholds' },
          { theme: 'commissioning', text: 'Commission joint visits' },
        ],
      },
      school.manager,
      london('2026-04-02T12:00'),
    );
    cases.push(a);

    // B: raised half an hour into 1 June in London, which is still 31 May in UTC.
    cases.push(await raised(london('2026-06-01T00:30'), { urgent: true }));

    // C: stage 1 overrun before stage 2, then withdrawn at stage 2 by the raiser's manager.
    let c = await raised(london('2026-07-01T09:00'));
    c = await act(
      c,
      escalate,
      { occurredAt: london('2026-07-02T09:00'), reason: 'No agreement' },
      school.manager,
      london('2026-07-02T09:00'),
    );
    c = await act(
      c,
      escalate,
      { occurredAt: london('2026-07-20T09:00'), reason: 'Still none' },
      school.senior,
      london('2026-07-20T09:00'),
    );
    c = await act(
      c,
      withdraw,
      { reason: 'We agree after all' },
      school.manager,
      london('2026-07-21T16:00'),
    );
    cases.push(c);

    // D: open and overdue at stage 1 now. E: in Riverside, open at its first stage, no due time.
    let d = await raised(london('2026-11-02T10:00'));
    d = await act(
      d,
      escalate,
      { occurredAt: london('2026-11-03T10:00'), reason: 'No agreement' },
      school.manager,
      london('2026-11-03T10:00'),
    );
    cases.push(d);
    cases.push(
      await raised(london('2026-10-12T10:00'), {
        by: riverside.practitioner,
        category: 'referral-not-accepted',
      }),
    );

    // F: raised before the period, resolved in it (at its first stage, without a due time).
    let f = await raised(london('2025-06-10T10:00'));
    f = await act(
      f,
      proposeOutcome,
      { occurredAt: london('2026-02-03T10:00'), agreedOutcome: 'Agreed', actions: [] },
      school.practitioner,
      london('2026-02-03T10:00'),
    );
    f = await act(f, confirmOutcome, {}, socialCare.practitioner, london('2026-02-03T11:00'));
    cases.push(f);

    // Another partnership's case counts nowhere here.
    const other = await aDisagreementCast(context.database);
    clock.set(london('2026-05-05T10:00'));
    await aCase(deps(), other, { raisedAt: london('2026-05-05T10:00') });
    clock.set(NOW);
  });

  const summary = async (query: { from?: string; to?: string; localAuthorityId?: string } = {}) =>
    reportSummary(
      deps(),
      { partnershipId: cast.partnershipId, ...query },
      await contextOf(context.database, cast.team),
    );

  /** The summary worked out from the cases themselves, day by day in London. */
  async function countedByHand(from: string, to: string, localAuthorityId: string | null = null) {
    const partnership = (
      await import('../db/repositories/partnershipRepository.ts')
    ).partnershipRepository(context.database.db);
    const calendar = calendarOf(
      (await partnership.get(cast.partnershipId)) as NonNullable<
        Awaited<ReturnType<typeof partnership.get>>
      >,
    );
    const day = (iso: string) =>
      Temporal.Instant.from(iso).toZonedDateTimeISO('Europe/London').toPlainDate().toString();
    const inPeriod = (iso: string | null | undefined) =>
      !!iso && day(iso) >= from && day(iso) <= to;
    const ours = cases.filter(
      (c) => localAuthorityId === null || c.localAuthorityId === localAuthorityId,
    );
    const raisedIn = ours.filter((c) => inPeriod(c.raisedAt));
    const resolvedIn = ours.filter((c) => inPeriod(c.resolvedAt));
    const withdrawnIn = ours.filter(
      (c) => c.status === 'withdrawn' && inPeriod(c.stages.at(-1)?.endedAt),
    );
    const closedIn = ours.filter((c) => inPeriod(c.closedAt));
    const stagesIn = ours.flatMap((c) => c.stages.filter((s) => inPeriod(s.endedAt)));
    const within = (s: Disagreement['stages'][number]) =>
      s.dueAt === null || (s.endedAt as string) <= s.dueAt;
    const tally = <T>(items: T[], key: (item: T) => string) => {
      const counts = new Map<string, number>();
      for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
      return counts;
    };
    const workingDays = resolvedIn
      .map((c) => {
        let count = 0;
        for (
          let d = Temporal.PlainDate.from(day(c.raisedAt)).add({ days: 1 });
          d.toString() <= day(c.resolvedAt as string);
          d = d.add({ days: 1 })
        ) {
          if (calendar.isWorkingDay(d)) count++;
        }
        return count;
      })
      .sort((x, y) => x - y);
    const rank = (p: number) => workingDays[Math.ceil(p * workingDays.length) - 1] as number;
    return {
      raisedTotal: raisedIn.length,
      byMonth: tally(raisedIn, (c) => day(c.raisedAt).slice(0, 7)),
      byCategory: tally(raisedIn, (c) => c.category),
      byRaisingAgency: tally(raisedIn, (c) => c.raiserAgencyId),
      pairs: tally(
        raisedIn.flatMap((c) => c.otherAgencyIds.map((o) => `${c.raiserAgencyId}>${o}`)),
        (p) => p,
      ),
      resolved: resolvedIn.length,
      withdrawn: withdrawnIn.length,
      closed: closedIn.length,
      byStageReached: tally(
        [...resolvedIn, ...withdrawnIn],
        (c) =>
          (
            c.stages.find((s) => s.outcome === 'resolved' || s.outcome === 'withdrawn') as {
              key: string;
            }
          ).key,
      ),
      workingDaysToResolve: workingDays.length ? { median: rank(0.5), p90: rank(0.9) } : null,
      stagesEnded: stagesIn.length,
      withinTimescale: stagesIn.filter(within).length,
      timelinessByStage: tally(stagesIn, (s) => `${s.key}:${within(s)}`),
      lessons: closedIn.flatMap((c) => c.lessons).length,
      lessonThemes: tally(
        closedIn.flatMap((c) => c.lessons.flatMap((l) => l.themes)),
        (t) => t,
      ),
    };
  }

  function assertAgrees(
    got: Awaited<ReturnType<typeof summary>>,
    hand: Awaited<ReturnType<typeof countedByHand>>,
  ) {
    const nonZero = (m: Map<string, number>) => new Map([...m].filter(([, v]) => v > 0));
    assert.equal(got.raised.total, hand.raisedTotal, 'raised');
    assert.deepEqual(
      new Map(got.raised.byMonth.filter((m) => m.count > 0).map((m) => [m.month, m.count])),
      hand.byMonth,
      'by month',
    );
    assert.deepEqual(
      new Map(got.raised.byCategory.map((c) => [c.category, c.count])),
      hand.byCategory,
      'by category',
    );
    assert.deepEqual(
      nonZero(new Map(got.raised.byRaisingAgency.map((r) => [r.agencyId, r.count]))),
      hand.byRaisingAgency,
      'by raising agency',
    );
    assert.deepEqual(
      new Map(
        got.raised.byAgencyPair.map((p) => [`${p.raisingAgencyId}>${p.otherAgencyId}`, p.count]),
      ),
      hand.pairs,
      'pairs',
    );
    assert.equal(got.ended.resolved, hand.resolved, 'resolved');
    assert.equal(got.ended.withdrawn, hand.withdrawn, 'withdrawn');
    assert.equal(got.ended.closed, hand.closed, 'closed');
    assert.deepEqual(
      new Map(got.ended.byStageReached.map((s) => [s.stageKey, s.count])),
      hand.byStageReached,
      'stage reached',
    );
    assert.deepEqual(
      got.ended.workingDaysToResolve,
      hand.workingDaysToResolve,
      'working days to resolve',
    );
    assert.equal(got.timeliness.stagesEnded, hand.stagesEnded, 'stages ended');
    assert.equal(got.timeliness.withinTimescale, hand.withinTimescale, 'within timescale');
    const byStage = new Map<string, number>();
    for (const s of got.timeliness.byStage) {
      if (s.withinTimescale) byStage.set(`${s.stageKey}:true`, s.withinTimescale);
      if (s.stagesEnded - s.withinTimescale)
        byStage.set(`${s.stageKey}:false`, s.stagesEnded - s.withinTimescale);
    }
    assert.deepEqual(byStage, hand.timelinessByStage, 'timeliness by stage');
    assert.equal(got.lessons.total, hand.lessons, 'lessons');
    assert.deepEqual(
      nonZero(new Map(got.lessons.byTheme.map((t) => [t.theme, t.count]))),
      hand.lessonThemes,
      'lesson themes',
    );
  }

  test('every figure of a period equals the count made from the cases by hand', async () => {
    const got = await summary({ from: '2026-01-01', to: '2026-11-24' });
    assertAgrees(got, await countedByHand('2026-01-01', '2026-11-24'));
    // What the hand count says, said plainly for the cases above.
    assert.equal(got.raised.total, 5);
    assert.equal(got.raised.byMonth.length, 11);
    assert.equal(
      got.raised.byMonth.find((m) => m.month === '2026-08')?.count,
      0,
      'a month with no cases',
    );
    assert.equal(
      got.raised.byMonth.find((m) => m.month === '2026-06')?.count,
      1,
      'B is June’s in London',
    );
    const [socialCare, policeId] = [cast.socialCare.agency.id, police.agencyId];
    const pair = (other: string) =>
      got.raised.byAgencyPair.find(
        (p) => p.raisingAgencyId === cast.school.agency.id && p.otherAgencyId === other,
      )?.count;
    assert.equal(pair(policeId), 1, 'A counts once with the police');
    assert.equal(pair(socialCare), 4, 'and once with social care, as B, C and D do');
    assert.deepEqual(
      got.raised.byRaisingAgency.find((r) => r.agencyId === silentAgencyId),
      { agencyId: silentAgencyId, count: 0 },
      'an agency that raised none is listed',
    );
    assert.deepEqual(
      [got.ended.resolved, got.ended.closed, got.ended.withdrawn],
      [2, 1, 1],
      'A resolved and closed in the period counts in both',
    );
    assert.ok(
      got.timeliness.byStage.some(
        (s) => s.stageKey === 'initial' && s.withinTimescale === s.stagesEnded,
      ),
      'a stage with no due time is within it',
    );
    assert.deepEqual(
      got.lessons.byTheme.filter((t) => t.count > 0),
      [
        { theme: 'training', count: 1 },
        { theme: 'commissioning', count: 1 },
        { theme: 'partnership-guidance', count: 1 },
      ],
    );
    assert.equal(got.lessons.total, 2, 'a lesson with two themes is one lesson');
    assert.deepEqual([got.open.total, got.open.overdue, got.open.urgent], [3, 1, 1]);
    assert.deepEqual(
      got.open.byStage.find((s) => s.stageKey === 'stage-1'),
      {
        stageKey: 'stage-1',
        name: builtInProtocol('pan-lancashire').stages.find((s) => s.key === 'stage-1')?.name,
        open: 1,
        overdue: 1,
      },
    );
  });

  test('a period that ends at midnight in London leaves out what came half an hour later', async () => {
    const may = await summary({ from: '2026-05-01', to: '2026-05-31' });
    assert.equal(may.raised.total, 0, 'B was raised on 1 June in London');
    const june = await summary({ from: '2026-06-01', to: '2026-06-30' });
    assert.equal(june.raised.total, 1);
    assertAgrees(june, await countedByHand('2026-06-01', '2026-06-30'));
  });

  test('without from and to the period is the year to today; odd periods agree with the cases too', async () => {
    const got = await summary();
    assert.deepEqual([got.from, got.to], ['2025-11-24', '2026-11-24']);
    assert.equal(got.raised.byMonth.length, 13);
    assertAgrees(got, await countedByHand('2025-11-24', '2026-11-24'));
    for (const [from, to] of [
      ['2025-06-10', '2025-06-10'],
      ['2026-03-12', '2026-07-20'],
      ['2024-01-01', '2026-12-31'],
      ['2026-07-02', '2026-07-02'],
    ] as const) {
      assertAgrees(await summary({ from, to }), await countedByHand(from, to));
    }
  });

  test('a local authority narrows the cases, but every agency is still listed', async () => {
    const got = await summary({
      from: '2026-01-01',
      to: '2026-11-24',
      localAuthorityId: riverside.localAuthorityId,
    });
    assert.equal(got.raised.total, 1);
    assert.deepEqual([got.open.total, got.open.overdue], [1, 0]);
    assertAgrees(got, await countedByHand('2026-01-01', '2026-11-24', riverside.localAuthorityId));
    assert.equal(
      got.raised.byRaisingAgency.length,
      (await organisationRepository(context.database.db).agencies(cast.partnershipId)).length,
    );
    await assert.rejects(summary({ localAuthorityId: randomUUID() }), Invalid);
    await assert.rejects(summary({ from: '2026-05-02', to: '2026-05-01' }), Invalid);
  });

  test('only the partnership team: 403 for others in it, 404 for anyone outside', async () => {
    const as = async (person: Person) =>
      reportSummary(
        deps(),
        { partnershipId: cast.partnershipId },
        await contextOf(context.database, person),
      );
    await assert.rejects(as(cast.school.senior), Forbidden);
    await assert.rejects(as(cast.admin), NotFound);
    const other = await aDisagreementCast(context.database);
    await assert.rejects(as(other.team), NotFound);
  });

  test('counts made again from the cases (an upgrade indexing them anew) give the same figures', async () => {
    const before = await summary({ from: '2024-01-01', to: '2026-11-24' });
    const db = context.database.db;
    await db.deleteFrom('report_counts').where('partnership_id', '=', cast.partnershipId).execute();
    await db
      .updateTable('disagreements')
      .set({ index_version: 0, report_facts: null })
      .where('partnership_id', '=', cast.partnershipId)
      .execute();
    assert.ok((await reindexCases(deps())) >= cases.length);
    const after = await summary({ from: '2024-01-01', to: '2026-11-24' });
    assert.deepEqual({ ...after, generatedAt: '' }, { ...before, generatedAt: '' });
  });

  test('a case saved while it waits to be indexed anew keeps the counts of its save', async () => {
    // Its own partnership, so the other tests' figures are not touched.
    const elsewhere = await aDisagreementCast(context.database);
    clock.set(london('2026-11-20T10:00'));
    const read = await aCase(deps(), elsewhere, { raisedAt: london('2026-11-20T10:00') });
    const db = context.database.db;
    await db
      .updateTable('disagreements')
      .set({ index_version: 0 })
      .where('id', '=', read.id)
      .execute();
    await act(read, withdraw, { reason: 'We agree after all' }, elsewhere.school.manager, NOW);
    const figures = async () => {
      const got = await reportSummary(
        deps(),
        { partnershipId: elsewhere.partnershipId, from: '2026-11-01', to: '2026-11-24' },
        await contextOf(context.database, elsewhere.team),
      );
      return { ...got, generatedAt: '' };
    };
    const saved = await figures();
    assert.deepEqual([saved.open.total, saved.ended.withdrawn], [0, 1]);
    // An instance that read the case before the save indexes what it read: nothing changes.
    const repository = disagreementRepository(db);
    assert.equal(await repository.reindex(read, await rulesCache(db, clock.now())(read)), false);
    assert.deepEqual(await figures(), saved);
  });
});
