import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { parse } from 'csv-parse/sync';
import {
  type ActStep,
  aCase,
  actAt,
  aDisagreementCast,
  type Cast,
} from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { auditRepository } from '../../../db/repositories/auditRepository.ts';
import { organisationRepository } from '../../../db/repositories/organisationRepository.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { close } from '../../../domain/disagreement/actions/close.ts';
import { confirmOutcome } from '../../../domain/disagreement/actions/confirmOutcome.ts';
import { proposeOutcome } from '../../../domain/disagreement/actions/proposeOutcome.ts';
import { referLesson } from '../../../domain/disagreement/actions/referLesson.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';
import { reindexCases } from '../../../services/reindexCases.ts';

const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('the learning log', (context) => {
  const server = useTestApp(context, { clock });
  const deps = () => ({ database: context.database, clock });
  let cast: Cast;
  let team: Browser;
  let closed: Disagreement;
  let referred: Disagreement;
  const get = (url: string, as: Browser = team) =>
    server.app.inject({ method: 'GET', url, headers: { cookie: as.cookie } });
  const lessonsOn = async (url: string) => {
    const $ = cheerio.load((await get(url)).body);
    return $('[data-testid="lessons"] > li')
      .map((_, li) => $(li).find('h2').text().replace(/\s+/g, ' ').trim())
      .get();
  };

  const act = (...step: ActStep) => actAt(deps(), ...step);

  /** A case raised, its outcome proposed the next day and confirmed, then closed with lessons. */
  async function closedWithLessons(
    on: Cast,
    when: {
      raisedAt: string;
      closedAt: string;
      localAuthorityId?: string;
      lessons: Record<string, unknown>[];
    },
  ) {
    clock.set(when.raisedAt);
    let d = await aCase(deps(), on, {
      raisedAt: when.raisedAt,
      otherPerson: on.socialCare.practitioner,
      ...(when.localAuthorityId ? { localAuthorityId: when.localAuthorityId } : {}),
    });
    const nextDay = Temporal.Instant.from(when.raisedAt).add({ hours: 24 });
    d = await act(
      d,
      proposeOutcome,
      { occurredAt: nextDay.toString(), agreedOutcome: 'Agreed', actions: [] },
      on.school.practitioner,
      nextDay.toString(),
    );
    d = await act(
      d,
      confirmOutcome,
      {},
      on.socialCare.practitioner,
      nextDay.add({ hours: 1 }).toString(),
    );
    return act(d, close, { lessons: when.lessons }, on.school.practitioner, when.closedAt);
  }

  before(async () => {
    cast = await aDisagreementCast(context.database, { protocolId: 'lincolnshire' });
    closed = await closedWithLessons(cast, {
      raisedAt: '2026-10-01T09:00:00Z',
      closedAt: '2026-10-05T09:00:00Z',
      lessons: [
        { themes: ['training', 'commissioning'], text: 'Joint threshold training for schools' },
        { theme: 'agency-guidance', text: 'Schools to copy referrals to the designated lead' },
      ],
    });
    clock.set('2026-11-02T09:00:00Z');
    referred = await aCase(deps(), cast, { raisedAt: '2026-11-02T09:00:00Z' });
    referred = await act(
      referred,
      referLesson,
      { lesson: { theme: 'partnership-guidance', text: 'Step 3 contacts list out of date' } },
      cast.school.lead,
      '2026-11-03T09:00:00Z',
    );
    clock.set('2026-11-24T10:00:00Z');
    team = await signIn(server.app, cast.team.email);
  });

  test('every lesson, newest first, with its themes, its subgroup and its words', async () => {
    const $ = cheerio.load((await get('/learning-log')).body);
    const items = $('[data-testid="lessons"] > li');
    assert.equal(items.length, 3);
    assert.match(items.eq(0).text(), /Step 3 contacts list out of date/);
    assert.match(
      items.eq(0).text(),
      /Referred on Tuesday 3 November 2026, for LSCB Policy and Procedure, Education and Training \(PPET\) subgroup/,
    );
    assert.match(items.eq(1).text(), /Training needs, Commissioning needs/);
  });

  test('filters by theme, status, agency and period, each in the address', async () => {
    assert.equal((await lessonsOn('/learning-log?theme=commissioning')).length, 1);
    assert.equal((await lessonsOn('/learning-log?theme=training&from=2026-10-06')).length, 0);
    assert.equal((await lessonsOn('/learning-log?from=2026-11-01&to=2026-11-30')).length, 1);
    assert.equal(
      (await lessonsOn(`/learning-log?agencyId=${cast.socialCare.agency.id}`)).length,
      3,
    );
    const moved = await get(
      '/learning-log?theme=&status=&subgroup=&agencyId=&from-day=1&from-month=11&from-year=2026&to-day=&to-month=&to-year=',
    );
    assert.equal(moved.statusCode, 303);
    assert.equal(moved.headers.location, '/learning-log?from=2026-11-01');
  });

  test('the subgroup records what it did, with a note and who: it shows, is audited, and filters', async () => {
    const lessonId = referred.lessons[0]?.id as string;
    const form = cheerio.load((await get(`/learning-log/${lessonId}`)).body);
    assert.match(form('.govuk-inset-text').text(), /Step 3 contacts list out of date/);
    const missing = await server.app.inject({
      method: 'POST',
      url: `/learning-log/${lessonId}`,
      headers: { cookie: team.cookie },
      payload: { _csrf: team.csrfToken, note: 'x' },
    });
    assert.equal(missing.statusCode, 400);
    assert.match(
      cheerio.load(missing.body)('.govuk-error-summary').text(),
      /Choose what has been done with the lesson/,
    );
    const saved = await server.app.inject({
      method: 'POST',
      url: `/learning-log/${lessonId}`,
      headers: { cookie: team.cookie },
      payload: {
        _csrf: team.csrfToken,
        status: 'actioned',
        note: 'Contacts list reissued at the October PPET',
      },
    });
    assert.equal(saved.statusCode, 303);
    const $ = cheerio.load((await get('/learning-log?status=actioned')).body);
    const item = $('[data-testid="lessons"] > li');
    assert.equal(item.length, 1);
    assert.match(item.text(), /Actioned/);
    assert.match(item.text(), new RegExp(`${cast.team.name}, 10am on Tuesday 24 November 2026`));
    assert.match(item.text(), /Contacts list reissued/);
    const entries = await auditRepository(context.database.db).list({
      recordType: 'lesson',
      recordId: lessonId,
      limit: 5,
    });
    assert.deepEqual(
      entries.map((entry) => entry.action),
      ['lesson.actioned'],
    );
    const elsewhere = await aDisagreementCast(context.database);
    const outsider = await signIn(server.app, elsewhere.team.email);
    assert.equal(
      (await get(`/learning-log/${lessonId}`, outsider)).statusCode,
      404,
      'another partnership’s lesson does not exist',
    );
  });

  test('the CSV lists what the lessons are about, never their words nor notes', async () => {
    const response = await get('/learning-log.csv');
    const rows: Record<string, string>[] = parse(response.body, { bom: true, columns: true });
    assert.equal(rows.length, 3);
    assert.deepEqual(Object.keys(rows[0] ?? {}), [
      'reference',
      'recorded (local time)',
      'themes',
      'subgroups',
      'source',
      'raising agency',
      'other agencies',
      'status',
      'status by',
      'status recorded (local time)',
    ]);
    assert.ok(!/threshold training|contacts list|reissued/i.test(response.body));
    assert.ok(
      rows.some(
        (row) => row.themes === 'training; commissioning' && row.reference === closed.reference,
      ),
    );
  });

  test('a lesson of a case stored before lessons had ids of their own can be worked on', async () => {
    // Its own partnership, with a local authority, so the other tests' lessons are not touched.
    const elsewhere = await aDisagreementCast(context.database);
    const localAuthorityId = randomUUID();
    await organisationRepository(context.database.db).insertLocalAuthority({
      id: localAuthorityId,
      partnershipId: elsewhere.partnershipId,
      name: 'Northbrook Council',
      frontDoorName: 'Front door',
      monitoringTeamName: 'Monitoring team',
      monitoringTeamEmail: null,
    });
    // Closed at half past midnight in summer time: the 5th in England, still the 4th in UTC.
    const older = await closedWithLessons(elsewhere, {
      raisedAt: '2026-09-28T09:00:00Z',
      localAuthorityId,
      closedAt: '2026-10-04T23:30:00Z',
      lessons: [
        { theme: 'training', text: 'Thresholds training for the 50% of staff new this year' },
      ],
    });
    // As a case closed before lessons had ids was stored (document version 2), then indexed anew.
    const { partnershipTold: _told, acknowledged: _acknowledged, ...rest } = older;
    const stored = {
      ...rest,
      documentVersion: 2,
      lessons: older.lessons.map((lesson) => ({ theme: lesson.themes[0], text: lesson.text })),
    };
    const db = context.database.db;
    await db
      .updateTable('disagreements')
      .set({ document: JSON.stringify(stored), index_version: 0 })
      .where('id', '=', older.id)
      .execute();
    await reindexCases(deps());
    clock.set('2026-11-24T10:00:00Z');

    const theirs = await signIn(server.app, elsewhere.team.email);
    const log = cheerio.load((await get('/learning-log', theirs)).body);
    const item = log('[data-testid="lessons"] > li');
    assert.equal(item.length, 1);
    assert.match(item.text(), /Given on closing on Monday 5 October 2026/);
    const lessonId = `${older.id}-lesson-1`;
    assert.equal(item.find(`a[href="/learning-log/${lessonId}"]`).length, 1);
    assert.equal((await get(`/learning-log/${lessonId}`, theirs)).statusCode, 200);
    const saved = await server.app.inject({
      method: 'POST',
      url: `/learning-log/${lessonId}`,
      headers: { cookie: theirs.cookie },
      payload: { _csrf: theirs.csrfToken, status: 'considered', note: '' },
    });
    assert.equal(saved.statusCode, 303);
    assert.match(
      cheerio
        .load((await get('/learning-log?status=considered', theirs)).body)(
          '[data-testid="lessons"]',
        )
        .text(),
      /Thresholds training/,
    );

    const listed = async (query: string) =>
      cheerio.load((await get(`/learning-log?${query}`, theirs)).body)(
        '[data-testid="lessons"] > li',
      ).length;
    assert.equal(await listed(`localAuthorityId=${localAuthorityId}`), 1);
    assert.equal(await listed(`localAuthorityId=${randomUUID()}`), 0);
    assert.equal(await listed('subgroup=Learning%20and%20improvement%20subgroup'), 1);
    // A subgroup filter matches the name as written: % and _ are not wildcards.
    assert.equal(await listed('subgroup=%25'), 0);
    assert.equal(await listed('subgroup=Learning_and_improvement_subgroup'), 0);
  });

  test('lessons of cases closed in a period (a dashboard figure) say so, and keep it when filtered', async () => {
    const url = '/learning-log?closedFrom=2026-10-01&closedTo=2026-10-31';
    const $ = cheerio.load((await get(url)).body);
    assert.equal($('[data-testid="lessons"] > li').length, 2);
    assert.match(
      $('[data-testid="closed-period"]').text(),
      /closed from Thursday 1 October 2026 to Saturday 31 October 2026/,
    );
    assert.equal($('[data-testid="closed-period"] a').attr('href'), '/learning-log');
    assert.deepEqual(
      $('form[aria-label="Filter lessons"] input[type="hidden"]')
        .toArray()
        .map((input) => [$(input).attr('name'), $(input).attr('value')]),
      [
        ['closedFrom', '2026-10-01'],
        ['closedTo', '2026-10-31'],
      ],
    );
    const filtered = await get(
      '/learning-log?closedFrom=2026-10-01&closedTo=2026-10-31&theme=training&status=&subgroup=&agencyId=&localAuthorityId=&from-day=&from-month=&from-year=&to-day=&to-month=&to-year=',
    );
    assert.equal(filtered.statusCode, 303);
    assert.equal(
      filtered.headers.location,
      '/learning-log?theme=training&closedFrom=2026-10-01&closedTo=2026-10-31',
    );
  });

  test('only the partnership team: 403 for the rest of the partnership', async () => {
    const practitioner = await signIn(server.app, cast.school.practitioner.email);
    assert.equal((await get('/learning-log', practitioner)).statusCode, 403);
    assert.equal((await get('/learning-log.csv', practitioner)).statusCode, 403);
    assert.equal(
      (await get(`/learning-log/${referred.lessons[0]?.id}`, practitioner)).statusCode,
      403,
    );
  });
});
