import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { caseSummarySchema } from '../../../domain/disagreement/caseSummary.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';
import { createApiToken } from '../../../services/apiTokens.ts';
import { caseSummaryDocuments } from '../../../services/caseSummary.ts';
import { commandLine } from '../../../services/requestContext.ts';

// Thursday 26 November 2026, 10:15 in London.
const clock = fixedClock('2026-11-26T10:15:00Z');

/** The text pdftotext reads from a PDF. */
function textOf(pdf: Buffer): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'accord-summary-'));
  try {
    const file = path.join(directory, 'summary.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describeOnEachDatabase('the case summary for agency records', (context) => {
  const server = useTestApp(context, { clock });
  const deps = () => ({ database: context.database, clock });
  let cast: Awaited<ReturnType<typeof aDisagreementCast>>;
  let disagreement: Disagreement;

  before(async () => {
    cast = await aDisagreementCast(context.database);
    disagreement = await aCase(deps(), cast, {
      children: [
        { firstName: 'Łucja', lastName: 'Wiśniewska', dateOfBirth: '2018-03-02' },
        { firstName: 'Ayşe', lastName: 'Yılmaz' },
      ],
      summary: 'Nguyễn Thị Ánh, Δημήτρης Παπαδόπουλος and Олена Коваленко (王小明) disagree.',
      escalations: [{ at: '2026-11-25T09:00:00Z', by: cast.school.manager, reason: 'Stuck' }],
    });
  });

  const get = (url: string, headers: Record<string, string>) =>
    server.app.inject({ method: 'GET', url, headers });
  const summaryReads = async (personId: string) =>
    (
      await context.database.db
        .selectFrom('audit_log')
        .select(['action', 'record_id'])
        .where('actor_id', '=', personId)
        .where('action', '=', 'disagreement.summary-read')
        .execute()
    ).filter((entry) => entry.record_id === disagreement.id).length;

  test('the case page offers the summary as a PDF and as JSON', async () => {
    const browser = await signIn(server.app, cast.school.practitioner.email);
    const response = await get(`/disagreements/${disagreement.id}`, { cookie: browser.cookie });
    const links = cheerio.load(response.body)('[data-testid="case-summary"] a');

    assert.deepEqual(
      links.toArray().map((link) => [cheerio.load(link).text(), link.attribs.href]),
      [
        [
          'Download a summary for your agency’s records (PDF)',
          `/disagreements/${disagreement.id}/summary.pdf`,
        ],
        ['Download the summary as data (JSON)', `/disagreements/${disagreement.id}/summary.json`],
      ],
    );
  });

  test('the PDF downloads under its reference, the names exact, and the read is audited', async () => {
    const browser: Browser = await signIn(server.app, cast.socialCare.practitioner.email);
    const before = await summaryReads(cast.socialCare.practitioner.id);
    const response = await get(`/disagreements/${disagreement.id}/summary.pdf`, {
      cookie: browser.cookie,
    });

    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.equal(
      response.headers['content-disposition'],
      `attachment; filename="${disagreement.reference}-case-summary.pdf"`,
    );
    const text = textOf(response.rawPayload).replace(/\s+/g, ' ');
    for (const name of [
      'Łucja Wiśniewska, born Friday 2 March 2018',
      'Ayşe Yılmaz',
      'Nguyễn Thị Ánh, Δημήτρης Παπαδόπουλος and Олена Коваленко (王小明) disagree.',
      cast.school.practitioner.name,
      cast.school.manager.name,
    ]) {
      assert.ok(text.includes(name), name);
    }
    assert.match(text, /not on the child’s record/);
    assert.match(text, /Why: Stuck/);
    assert.equal(await summaryReads(cast.socialCare.practitioner.id), before + 1);
  });

  test('the JSON downloads under its reference, in the shape the API documents', async () => {
    const browser = await signIn(server.app, cast.school.practitioner.email);
    const response = await get(`/disagreements/${disagreement.id}/summary.json`, {
      cookie: browser.cookie,
    });

    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] ?? '', /^application\/json/);
    assert.equal(
      response.headers['content-disposition'],
      `attachment; filename="${disagreement.reference}-case-summary.json"`,
    );
    const summary = caseSummarySchema.parse(response.json());
    assert.deepEqual(
      summary.children.map((child) => `${child.firstName} ${child.lastName}`),
      ['Łucja Wiśniewska', 'Ayşe Yılmaz'],
    );
    assert.deepEqual(
      summary.stages.map((stage) => [stage.enteredAt, stage.outcome]),
      [
        ['2026-11-23T14:00:00.000Z', 'escalated'],
        ['2026-11-25T09:00:00.000Z', null],
      ],
    );
    assert.equal(summary.recording.childsRecord, 'not-on-childs-record');
    assert.equal(summary.generatedAt, '2026-11-26T10:15:00Z');
  });

  test('the API gives the summary as JSON, or as the PDF when asked, and 404 to anyone who may not see it', async () => {
    const tokenOf = async (personId: string) =>
      (await createApiToken(deps(), { personId, name: 'records' }, commandLine)).token;
    const raiser = { authorization: `Bearer ${await tokenOf(cast.school.practitioner.id)}` };
    const url = `/api/v1/disagreements/${disagreement.id}/summary`;

    const json = await get(url, raiser);
    assert.equal(json.statusCode, 200);
    assert.equal(caseSummarySchema.parse(json.json()).reference, disagreement.reference);
    const pdf = await get(url, { ...raiser, accept: 'application/pdf' });
    assert.equal(pdf.statusCode, 200);
    assert.equal(
      pdf.headers['content-disposition'],
      `inline; filename="${disagreement.reference}-case-summary.pdf"`,
    );
    assert.ok(textOf(pdf.rawPayload).includes('Łucja Wiśniewska'));

    const admin = { authorization: `Bearer ${await tokenOf(cast.admin.id)}` };
    assert.equal((await get(url, admin)).statusCode, 404);
    assert.equal(await summaryReads(cast.admin.id), 0);
  });

  test('a service that already has the case gets its summary as JSON and PDF, unaudited', async () => {
    const documents = await caseSummaryDocuments(context.database.db, disagreement, clock.now());

    assert.equal(documents.json.fileName, `${disagreement.reference}-case-summary.json`);
    assert.equal(documents.pdf.fileName, `${disagreement.reference}-case-summary.pdf`);
    assert.deepEqual(JSON.parse(documents.json.content.toString('utf8')), documents.summary);
    assert.ok(textOf(documents.pdf.content).includes('Ayşe Yılmaz'));
  });
});
