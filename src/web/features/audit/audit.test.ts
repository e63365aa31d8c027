import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { aCase, aDisagreementCast, aPerson, setUpAccord } from '../../../../test/factories.ts';
import { signIn } from '../../../../test/signIn.ts';
import { buildTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Person } from '../../../domain/directory/directory.ts';

describeOnEachDatabase('audit trail page', (context) => {
  let app: FastifyInstance;
  let team: Person;
  let worker: Person;
  before(async () => {
    const { partnershipId } = await setUpAccord(context.database);
    team = await aPerson(context.database, {
      partnershipId,
      roles: ['partnership-team'],
      name: 'Tara Team',
    });
    worker = await aPerson(context.database, {
      partnershipId,
      roles: ['practitioner'],
      name: '=Wendy Worker',
    });
    app = await buildTestApp({ database: context.database });
    await signIn(app, worker.email);
  });

  test('the partnership team sees who did what, newest first, with names', async () => {
    const browser = await signIn(app, team.email);
    const page = await app.inject({
      method: 'GET',
      url: '/audit',
      headers: { cookie: browser.cookie },
    });
    assert.equal(page.statusCode, 200);
    const $ = cheerio.load(page.body);
    const rows = $('tbody tr')
      .map((_, row) =>
        $(row)
          .find('td')
          .map((__, cell) => $(cell).text().trim())
          .get()
          .join(' | '),
      )
      .get();
    assert.match(
      rows[0] ?? '',
      /Tara Team \| Signed in \| Person: Tara Team \| Web$/,
      'her signing in, first: this reading of the trail is a list view, left out',
    );
    assert.ok(rows.some((row) => /=Wendy Worker \| Signed in/.test(row)));
    const withLists = await app.inject({
      method: 'GET',
      url: '/audit?lists=yes',
      headers: { cookie: browser.cookie },
    });
    assert.match(
      cheerio.load(withLists.body)('tbody tr').first().text().replace(/\s+/g, ' '),
      /Tara Team Read the audit trail The partnership Web/,
      'this reading, first, when list views are asked for',
    );
  });

  test('filtering by person keeps only entries by or about them, and the reading is audited', async () => {
    const browser = await signIn(app, team.email);
    const page = await app.inject({
      method: 'GET',
      url: `/audit?person=${worker.id}`,
      headers: { cookie: browser.cookie },
    });
    const $ = cheerio.load(page.body);
    const rows = $('tbody tr')
      .map((_, row) => $(row).text())
      .get();
    assert.ok(rows.length > 0);
    assert.ok(rows.every((row) => row.includes('Wendy Worker')));
    const again = await app.inject({
      method: 'GET',
      url: `/audit?person=${team.id}&lists=yes`,
      headers: { cookie: browser.cookie },
    });
    assert.match(cheerio.load(again.body)('tbody tr').first().text(), /Read the audit trail/);
  });

  test('the CSV export has every column and keeps formula-like text from running', async () => {
    const browser = await signIn(app, team.email);
    const response = await app.inject({
      method: 'GET',
      url: `/audit.csv?person=${worker.id}`,
      headers: { cookie: browser.cookie },
    });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] ?? '', /^text\/csv/);
    assert.match(
      String(response.headers['content-disposition']),
      /attachment; filename="accord-audit\.csv"/,
    );
    const records: Record<string, string>[] = parse(response.body, { columns: true });
    assert.deepEqual(Object.keys(records[0] ?? {}), [
      'seq',
      'at',
      'actor_id',
      'actor_name',
      'via',
      'action',
      'action_in_words',
      'record_type',
      'record_id',
      'record_in_words',
      'justification',
      'request_id',
      'hash',
    ]);
    assert.ok(
      records.every(
        (record) => record.actor_name === "'=Wendy Worker" || record.actor_id !== worker.id,
      ),
    );
  });

  test('anyone but the partnership team is told they cannot see it', async () => {
    const browser = await signIn(app, worker.email);
    const page = await app.inject({
      method: 'GET',
      url: '/audit',
      headers: { cookie: browser.cookie },
    });
    assert.equal(page.statusCode, 403);
    assert.equal(cheerio.load(page.body)('h1').text().trim(), 'You cannot see this page');
  });

  test("filtering by a case's reference, typed as a person would, finds who read it", async () => {
    const clock = fixedClock('2026-11-24T10:00:00Z');
    const cast = await aDisagreementCast(context.database);
    const disagreement = await aCase({ database: context.database, clock }, cast);
    const castApp = await buildTestApp({ database: context.database, clock });
    const reader = await signIn(castApp, cast.socialCare.manager.email);
    const read = await castApp.inject({
      method: 'GET',
      url: `/disagreements/${disagreement.id}`,
      headers: { cookie: reader.cookie },
    });
    assert.equal(read.statusCode, 200);
    const outsider = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      roles: ['practitioner'],
      name: 'Olly Outsider',
    });
    const refused = await castApp.inject({
      method: 'GET',
      url: `/disagreements/${disagreement.id}`,
      headers: { cookie: (await signIn(castApp, outsider.email)).cookie },
    });
    assert.equal(refused.statusCode, 404);
    const team = await signIn(castApp, cast.team.email);
    const typed = ` ${disagreement.reference.toLowerCase()} `;
    const page = await castApp.inject({
      method: 'GET',
      url: `/audit?case=${encodeURIComponent(typed)}`,
      headers: { cookie: team.cookie },
    });
    const rows = cheerio
      .load(page.body)('tbody tr')
      .map((_, row) => cheerio.load(row).text().replace(/\s+/g, ' '))
      .get();
    assert.ok(
      rows.some(
        (row) => row.includes(cast.socialCare.manager.name) && row.includes('Read the case'),
      ),
      `the manager's read is listed: ${rows.join('\n')}`,
    );
    assert.ok(
      rows.every((row) => row.includes(disagreement.reference)),
      'only entries about that case, named by its reference',
    );
    const csv = await castApp.inject({
      method: 'GET',
      url: `/audit.csv?case=${disagreement.id}`,
      headers: { cookie: team.cookie },
    });
    const records: Record<string, string>[] = parse(csv.body, { columns: true });
    assert.ok(
      records.some(
        (record) =>
          record.actor_id === cast.socialCare.manager.id &&
          record.action === 'disagreement.viewed' &&
          record.action_in_words === 'Read the case' &&
          record.record_in_words === disagreement.reference,
      ),
    );
    const elsewhere = await castApp.inject({
      method: 'GET',
      url: '/audit?case=XX-2026-9999',
      headers: { cookie: team.cookie },
    });
    assert.equal(
      cheerio.load(elsewhere.body)('tbody tr').length,
      0,
      'an unknown case lists nothing',
    );
    await castApp.close();
  });
});
