import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import {
  aCase,
  aDisagreementCast,
  aPartnership,
  aPerson,
  type Cast,
} from '../../../../test/factories.ts';
import { signIn } from '../../../../test/signIn.ts';
import { buildTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { auditRepository } from '../../../db/repositories/auditRepository.ts';
import { isAuditAction } from '../../../domain/audit/auditActions.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Person } from '../../../domain/directory/directory.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';

type Row = { when: string; who: string; action: string; record: string; via: string };

function rowsOf(body: string): Row[] {
  const $ = cheerio.load(body);
  return $('[data-testid="audit-entries"] tbody tr')
    .map((_, row) => {
      const [when, who, action, record, via] = $(row)
        .find('td')
        .map((__, cell) => $(cell).text().trim())
        .get();
      return { when, who, action, record, via } as Row;
    })
    .get();
}

describeOnEachDatabase('audit trail in words', (context) => {
  const clock = fixedClock('2026-11-10T10:00:00Z');
  let app: FastifyInstance;
  let cast: Cast;
  let escalated: Disagreement;
  let purged: Disagreement;
  let leaver: Person;
  let teamCookie: string;
  const ghost = randomUUID();

  const page = async (url: string, cookie = teamCookie) =>
    app.inject({ method: 'GET', url, headers: { cookie } });

  before(async () => {
    const deps = { database: context.database, clock };
    cast = await aDisagreementCast(context.database);
    app = await buildTestApp({ database: context.database, clock });
    leaver = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      roles: ['practitioner'],
      name: 'Lee Leaver',
    });
    await signIn(app, leaver.email);
    await context.database.db
      .updateTable('people')
      .set({ active: false as never })
      .where('id', '=', leaver.id)
      .execute();
    clock.set('2026-11-24T10:00:00Z');
    escalated = await aCase(deps, cast, {
      // Both recorded at the same moment: each names the stage it entered.
      escalations: [{ at: '2026-11-24T09:30:00Z' }, { at: '2026-11-24T09:45:00Z' }],
    });
    purged = await aCase(deps, cast);
    await context.database.db
      .updateTable('disagreements')
      .set({ purged_at: '2026-11-24T10:00:00.000Z' })
      .where('id', '=', purged.id)
      .execute();
    await context.database.db.transaction().execute((trx) =>
      auditRepository(trx).append({
        at: '2026-11-24T10:00:00.000Z',
        actorId: ghost,
        via: 'api',
        action: 'disagreement.viewed',
        recordType: 'disagreement',
        recordId: escalated.id,
        partnershipId: cast.partnershipId,
        justification: null,
        requestId: null,
      }),
    );
    teamCookie = (await signIn(app, cast.team.email)).cookie;
    assert.equal((await page('/disagreements')).statusCode, 200, 'the team lists the cases');
  });
  after(() => app.close());

  test('entries name people and cases, and say what was done in words', async () => {
    const response = await page('/audit');
    assert.equal(response.statusCode, 200);
    const rows = rowsOf(response.body);
    const raiser = cast.school.practitioner.name;
    assert.ok(
      rows.some(
        (row) =>
          row.who === raiser &&
          row.action === 'Raised the disagreement' &&
          row.record === escalated.reference,
      ),
    );
    assert.deepEqual(
      rows
        .filter((row) => row.action.startsWith('Escalated'))
        .map((row) => [row.who, row.action, row.record]),
      [
        [cast.school.senior.name, 'Escalated to Stage 2 (Senior managers)', escalated.reference],
        [cast.school.senior.name, 'Escalated to Stage 1 (Line managers)', escalated.reference],
      ],
      'newest first, each with the stage it entered',
    );
    assert.ok(
      rows.some(
        (row) =>
          row.action === 'Raised the disagreement' &&
          row.record === `${purged.reference} (details removed)`,
      ),
      'a purged case keeps its reference',
    );
    assert.ok(
      rows.some(
        (row) =>
          row.who === 'A person no longer in the directory' && row.action === 'Read the case',
      ),
    );
    assert.ok(
      rows.some((row) => row.who === 'Lee Leaver (no longer active)' && row.action === 'Signed in'),
    );
    assert.ok(
      rows.some(
        (row) =>
          row.who === 'Command line' &&
          row.action === 'Adopted protocol version 1' &&
          row.record === 'The partnership',
      ),
    );
    const $ = cheerio.load(response.body);
    assert.equal(
      $(`a[href="/disagreements/${escalated.id}"]`).first().text(),
      escalated.reference,
      'a case links to its page',
    );
    assert.ok(
      rows.every((row) => !/[0-9a-f]{8}-[0-9a-f]{4}-/.test(`${row.who} ${row.record}`)),
      'no ids',
    );
    const written = await context.database.db
      .selectFrom('audit_log')
      .select('action')
      .distinct()
      .execute();
    assert.deepEqual(
      written.map((row) => row.action).filter((action) => !isAuditAction(action)),
      [],
      'every action written has words',
    );
  });

  test('list and search views are left out unless asked for', async () => {
    const hidden = rowsOf((await page('/audit')).body);
    assert.ok(hidden.length > 0);
    assert.ok(
      hidden.every((row) => !/Saw the case in a list|Read the audit trail/.test(row.action)),
    );
    const $ = cheerio.load((await page('/audit')).body);
    assert.equal(
      $('[data-testid="list-views-hidden"] a').attr('href'),
      '/audit?lists=yes',
      'a link shows them',
    );
    const shown = rowsOf((await page('/audit?lists=yes')).body);
    assert.ok(
      shown.some(
        (row) =>
          row.who === cast.team.name &&
          row.action === 'Saw the case in a list' &&
          row.record === escalated.reference,
      ),
    );
    const form = cheerio.load((await page('/audit?lists=yes')).body);
    assert.equal(form('input[name="lists"][value="yes"]').attr('checked'), 'checked');
  });

  test('filtering by period, action and person', async () => {
    const early = rowsOf((await page('/audit?to=2026-11-15')).body);
    assert.deepEqual(
      early.map((row) => `${row.who}: ${row.action}`),
      ['Lee Leaver (no longer active): Signed in'],
    );
    assert.match(early[0]?.when ?? '', /10am on Tuesday 10 November 2026/);
    const late = rowsOf((await page('/audit?from=2026-11-24')).body);
    assert.ok(late.length > 3 && late.every((row) => /24 November 2026/.test(row.when)));
    const changes = rowsOf((await page('/audit?group=case-changes')).body);
    assert.deepEqual([...new Set(changes.map((row) => row.action))].sort(), [
      'Escalated to Stage 1 (Line managers)',
      'Escalated to Stage 2 (Senior managers)',
      'Raised the disagreement',
    ]);
    const byLeaver = rowsOf((await page(`/audit?person=${leaver.id}`)).body);
    assert.deepEqual(
      byLeaver.map((row) => row.action),
      ['Signed in'],
    );
    const lists = rowsOf((await page('/audit?group=list-views')).body);
    assert.ok(lists.length > 0 && lists.every((row) => /Saw|Read the/.test(row.action)));
  });

  test('the filter form, sent with dates in three boxes, becomes the address', async () => {
    const sent = await page(
      `/audit?person=${leaver.id}&group=sign-in&case=&from-day=1&from-month=11&from-year=2026&to-day=30&to-month=11&to-year=2026&lists=yes`,
    );
    assert.equal(sent.statusCode, 303);
    assert.equal(
      sent.headers.location,
      `/audit?person=${leaver.id}&group=sign-in&from=2026-11-01&to=2026-11-30&lists=yes`,
    );
    const shown = cheerio.load((await page(String(sent.headers.location))).body);
    assert.equal(shown('#from-day').val(), '1');
    assert.equal(shown('#to-month').val(), '11');
    assert.match(
      shown('[data-testid="filters"]').text(),
      /by or about Lee Leaver, signing in and accounts, from Sunday 1 November 2026 to Monday 30 November 2026/,
    );
  });

  test('a date that is not real, or a period that ends before it starts, is said beside the field', async () => {
    const wrong = await page(
      '/audit?from-day=31&from-month=2&from-year=2026&to-day=&to-month=&to-year=',
    );
    assert.equal(wrong.statusCode, 200);
    const $ = cheerio.load(wrong.body);
    assert.equal($('.govuk-error-summary a').attr('href'), '#from-day');
    assert.match($('#from-error').text(), /Enter the first date as a real date/);
    assert.equal($('[data-testid="audit-entries"]').length, 0);
    assert.equal($('a[download]').length, 0, 'nothing to download until the filters read');
    const backwards = cheerio.load(
      (
        await page(
          '/audit?from-day=20&from-month=11&from-year=2026&to-day=10&to-month=11&to-year=2026',
        )
      ).body,
    );
    assert.match(
      backwards('#to-error').text(),
      /The last date must be the same as or after the first date/,
    );
  });

  test('the CSV says each entry in the same words', async () => {
    const response = await page('/audit.csv?group=case-changes');
    const records: Record<string, string>[] = parse(response.body, { columns: true });
    const escalation = records.find((record) => record.action === 'disagreement.escalated');
    assert.equal(escalation?.action_in_words, 'Escalated to Stage 2 (Senior managers)');
    assert.equal(escalation?.record_in_words, escalated.reference);
    assert.equal(escalation?.actor_name, cast.school.senior.name);
    assert.ok(
      records.some((record) => record.record_in_words === `${purged.reference} (details removed)`),
    );
  });

  test('paging back keeps the filters, and the newest page is a link away', async () => {
    const paged = await aPartnership(context.database);
    const pagedTeam = await aPerson(context.database, {
      partnershipId: paged.id,
      roles: ['partnership-team'],
    });
    await context.database.db.transaction().execute((trx) =>
      auditRepository(trx).appendMany(
        Array.from({ length: 130 }, (_, minute) => ({
          at: `2026-11-25T09:${String(minute % 60).padStart(2, '0')}:00.000Z`,
          actorId: null,
          via: 'web' as const,
          action: 'sign-in.failed',
          recordType: 'person',
          recordId: null,
          partnershipId: paged.id,
          justification: null,
          requestId: null,
        })),
      ),
    );
    const cookie = (await signIn(app, pagedTeam.email)).cookie;
    const first = await page('/audit?group=sign-in&from=2026-11-25', cookie);
    assert.equal(rowsOf(first.body).length, 100);
    const older = cheerio.load(first.body)('a:contains("Older entries")').attr('href') ?? '';
    assert.match(older, /^\/audit\?group=sign-in&from=2026-11-25&before=\d+$/);
    const second = await page(older, cookie);
    const rows = rowsOf(second.body);
    assert.equal(rows.length, 30);
    assert.ok(
      rows.every((row) => row.who === 'Not signed in' && row.action === 'Failed to sign in'),
    );
    assert.equal(rows[0]?.record, 'An account not found');
    assert.equal(
      cheerio.load(second.body)('a:contains("Newest entries")').attr('href'),
      '/audit?group=sign-in&from=2026-11-25',
    );
  });

  test("another partnership's team sees none of these entries, and an administrator none at all", async () => {
    const other = await aPartnership(context.database);
    const otherTeam = await aPerson(context.database, {
      partnershipId: other.id,
      roles: ['partnership-team'],
    });
    const theirCookie = (await signIn(app, otherTeam.email)).cookie;
    const theirs = await page('/audit?lists=yes', theirCookie);
    assert.equal(theirs.statusCode, 200);
    const rows = rowsOf(theirs.body);
    assert.ok(rows.length > 0, 'their own entries');
    assert.ok(
      rows.every(
        (row) =>
          !row.record.includes(escalated.reference) &&
          row.who !== cast.team.name &&
          row.who !== 'Lee Leaver (no longer active)',
      ),
    );
    const byPerson = rowsOf((await page(`/audit?person=${leaver.id}`, theirCookie)).body);
    assert.deepEqual(byPerson, [], 'a person of another partnership finds nothing');
    const admin = await page('/audit', (await signIn(app, cast.admin.email)).cookie);
    assert.equal(admin.statusCode, 403);
  });
});
