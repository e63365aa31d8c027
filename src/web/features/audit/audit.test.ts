import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { aPerson, setUpAccord } from '../../../../test/factories.ts';
import { signIn } from '../../../../test/signIn.ts';
import { buildTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
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
      /Tara Team \| audit\.read \| partnership [\w-]+ \| Web$/,
      'this reading, first',
    );
    assert.match(rows[1] ?? '', /Tara Team \| sign-in\.succeeded \| Person: Tara Team \| Web$/);
    assert.ok(rows.some((row) => /=Wendy Worker \| sign-in\.succeeded/.test(row)));
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
      url: `/audit?person=${team.id}`,
      headers: { cookie: browser.cookie },
    });
    assert.match(cheerio.load(again.body)('tbody tr').first().text(), /audit\.read/);
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
      'record_type',
      'record_id',
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
});
