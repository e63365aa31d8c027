import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { strFromU8, unzipSync } from 'fflate';
import { aCase, aDisagreementCast, type Cast, contextOf } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';
import { getDisagreement } from '../../../services/readDisagreements.ts';

const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('subject access', (context) => {
  const server = useTestApp(context, { clock });
  const deps = () => ({ database: context.database, clock });
  let cast: Cast;
  let elsewhere: Cast;
  let team: Browser;
  let namedWithBirthDate: Disagreement;
  let namedWithoutBirthDate: Disagreement;
  let bornAnotherDay: Disagreement;
  let namesSplitBetweenChildren: Disagreement;
  let inAnotherPartnership: Disagreement;

  const post = (url: string, as: Browser, payload: Record<string, string>) =>
    server.app.inject({
      method: 'POST',
      url,
      headers: { cookie: as.cookie },
      payload: { _csrf: as.csrfToken, ...payload },
    });
  const theChild = {
    givenNames: '  ZOE ',
    familyName: 'lucka   example',
    'dateOfBirth-day': '4',
    'dateOfBirth-month': '3',
    'dateOfBirth-year': '2019',
  };
  const referencesOn = (html: string) => {
    const $ = cheerio.load(html);
    return $('[data-testid="found-cases"] tbody tr td:first-child')
      .map((_, cell) => $(cell).text().trim())
      .get()
      .sort();
  };
  const subjectAccessEntries = () =>
    context.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', 'like', 'subject-access.%')
      .orderBy('seq')
      .execute();
  const unzipped = (body: Buffer) => {
    const files = unzipSync(new Uint8Array(body));
    const text = (name: string) => strFromU8(files[name] as Uint8Array);
    return {
      names: Object.keys(files),
      text,
      json: (name: string) => JSON.parse(text(name)),
      bytes: (name: string) => files[name] as Uint8Array,
    };
  };
  const filesOfCase = ({ reference }: { reference: string }) =>
    ['case.json', `${reference}-case-summary.json`, `${reference}-case-summary.pdf`].map(
      (file) => `cases/${reference}/${file}`,
    );

  before(async () => {
    cast = await aDisagreementCast(context.database);
    elsewhere = await aDisagreementCast(context.database);
    const raised = (on: Cast, children: Record<string, unknown>[]) =>
      aCase(deps(), on, { children: children as never });
    namedWithBirthDate = await raised(cast, [
      { firstName: 'Zoë', lastName: 'Łucka-Example', dateOfBirth: '2019-03-04' },
    ]);
    namedWithoutBirthDate = await raised(cast, [
      { firstName: 'Zoe Anne', lastName: 'Lucka Example' },
    ]);
    bornAnotherDay = await raised(cast, [
      { firstName: 'Zoe', lastName: 'Lucka-Example', dateOfBirth: '2020-05-05' },
    ]);
    namesSplitBetweenChildren = await raised(cast, [
      { firstName: 'Zoe', lastName: 'Smith', dateOfBirth: '2019-03-04' },
      { firstName: 'Amy', lastName: 'Lucka-Example', dateOfBirth: '2019-03-04' },
    ]);
    inAnotherPartnership = await raised(elsewhere, [
      { firstName: 'Zoe', lastName: 'Lucka-Example', dateOfBirth: '2019-03-04' },
    ]);
    // The other professional reads a case: an audit entry they made.
    await getDisagreement(
      deps(),
      namedWithBirthDate.id,
      await contextOf(context.database, cast.socialCare.practitioner),
    );
    team = await signIn(server.app, cast.team.email);
  });

  test('the partnership team finds the cases naming a child of that name and date of birth, in its partnership only', async () => {
    const found = await post('/subject-access/child', team, theChild);
    assert.equal(found.statusCode, 200);
    assert.deepEqual(
      referencesOn(found.body),
      [namedWithBirthDate.reference, namedWithoutBirthDate.reference].sort(),
    );
    const $ = cheerio.load(found.body);
    assert.match(
      $('[data-testid="found"]').text(),
      /2 disagreements of the partnership name a child called ZOE lucka example, born Monday 4 March 2019\./,
    );
    assert.equal(
      $('form[action="/subject-access/child/export"] button').text().trim(),
      'Export as ZIP',
    );

    const withoutBirthDate = await post('/subject-access/child', team, {
      givenNames: 'Zoe',
      familyName: 'Lucka-Example',
    });
    assert.deepEqual(
      referencesOn(withoutBirthDate.body),
      [
        namedWithBirthDate.reference,
        namedWithoutBirthDate.reference,
        bornAnotherDay.reference,
      ].sort(),
    );
    assert.ok(!referencesOn(withoutBirthDate.body).includes(namesSplitBetweenChildren.reference));

    const theirTeam = await signIn(server.app, elsewhere.team.email);
    const theirs = await post('/subject-access/child', theirTeam, theChild);
    assert.deepEqual(referencesOn(theirs.body), [inAnotherPartnership.reference]);

    const nobody = await post('/subject-access/child', team, {
      givenNames: 'Nobody',
      familyName: 'Lucka-Example',
    });
    assert.equal(nobody.statusCode, 200);
    assert.deepEqual(referencesOn(nobody.body), []);
    assert.match(cheerio.load(nobody.body)('[data-testid="found"]').text(), /No disagreement/);
  });

  test('only the partnership team may search or export; its navigation links to the page', async () => {
    const practitioner = await signIn(server.app, cast.school.practitioner.email);
    for (const url of ['/subject-access/child', '/subject-access/child/export']) {
      assert.equal((await post(url, practitioner, theChild)).statusCode, 403);
    }
    const page = await server.app.inject({
      method: 'GET',
      url: '/subject-access',
      headers: { cookie: practitioner.cookie },
    });
    assert.equal(page.statusCode, 403);
    const home = (as: Browser) =>
      server.app.inject({ method: 'GET', url: '/', headers: { cookie: as.cookie } });
    const linkIn = (html: string) => cheerio.load(html)('a[href="/subject-access"]').length;
    assert.equal(linkIn((await home(team)).body), 1);
    assert.equal(linkIn((await home(practitioner)).body), 0);
  });

  test('a child’s export is one ZIP of the cases naming them, with a README, named without the child', async () => {
    const response = await post('/subject-access/child/export', team, theChild);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/zip');
    const prefix = namedWithBirthDate.reference.split('-')[0];
    assert.equal(
      response.headers['content-disposition'],
      `attachment; filename="subject-access-${prefix}-2026-11-24.zip"`,
    );
    const zip = unzipped(response.rawPayload);
    assert.deepEqual(
      zip.names.sort(),
      ['README.txt', ...[namedWithBirthDate, namedWithoutBirthDate].flatMap(filesOfCase)].sort(),
    );
    const held = zip.json(`cases/${namedWithBirthDate.reference}/case.json`);
    assert.equal(held.reference, namedWithBirthDate.reference);
    assert.equal(held.case.id, namedWithBirthDate.id);
    assert.deepEqual(held.case.children[0].firstName, 'Zoë');
    assert.equal(held.case.summary, namedWithBirthDate.summary);
    const summary = zip.json(
      `cases/${namedWithBirthDate.reference}/${namedWithBirthDate.reference}-case-summary.json`,
    );
    assert.equal(summary.reference, namedWithBirthDate.reference);
    assert.match(JSON.stringify(summary), /Zoë/);
    const pdf = zip.bytes(
      `cases/${namedWithBirthDate.reference}/${namedWithBirthDate.reference}-case-summary.pdf`,
    );
    assert.equal(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), '%PDF-');
    const readme = zip.text('README.txt');
    assert.match(readme, new RegExp(namedWithoutBirthDate.reference));
    assert.match(readme, /take out what is about others/);
  });

  test('a professional’s export holds their entry, the cases naming them, what they did and what they were sent', async () => {
    const person = cast.socialCare.practitioner;
    const found = await post('/subject-access/professional', team, { personId: person.id });
    assert.equal(found.statusCode, 200);
    const cases = [
      namedWithBirthDate,
      namedWithoutBirthDate,
      bornAnotherDay,
      namesSplitBetweenChildren,
    ];
    assert.deepEqual(referencesOn(found.body), cases.map((c) => c.reference).sort());

    const response = await post('/subject-access/professional/export', team, {
      personId: person.id,
    });
    assert.equal(response.statusCode, 200);
    assert.doesNotMatch(String(response.headers['content-disposition']), /Test Person|example/i);
    const zip = unzipped(response.rawPayload);
    assert.deepEqual(
      zip.names.sort(),
      [
        'README.txt',
        'directory-entry.json',
        ...cases.flatMap(filesOfCase),
        'audit-entries.json',
        'messages.json',
      ].sort(),
    );
    const entry = zip.json('directory-entry.json');
    assert.equal(entry.email, person.email);
    assert.deepEqual(entry.agency, {
      id: cast.socialCare.agency.id,
      name: cast.socialCare.agency.name,
    });
    assert.deepEqual(entry.lineManager, {
      id: cast.socialCare.manager.id,
      name: cast.socialCare.manager.name,
    });
    assert.equal(entry.level, null, 'their level of seniority: none on this protocol');
    const acted = zip.json('audit-entries.json');
    assert.ok(acted.length > 0);
    assert.ok(acted.every((e: { actorId: string }) => e.actorId === person.id));
    assert.ok(
      acted.some(
        (e: { action: string; recordId: string }) =>
          e.action === 'disagreement.viewed' && e.recordId === namedWithBirthDate.id,
      ),
    );
    const sent = await context.database.db
      .selectFrom('outbox')
      .select('id')
      .where('person_id', '=', person.id)
      .execute();
    assert.ok(sent.length > 0, 'raising the cases told the other professional');
    assert.deepEqual(
      zip
        .json('messages.json')
        .map((m: { id: string }) => m.id)
        .sort(),
      sent.map((m) => m.id).sort(),
    );
  });

  test('reading a case does not name a person on it, though the read is among what they did', async () => {
    await getDisagreement(deps(), bornAnotherDay.id, await contextOf(context.database, cast.team));
    const found = await post('/subject-access/professional', team, { personId: cast.team.id });
    assert.equal(found.statusCode, 200);
    assert.deepEqual(referencesOn(found.body), []);
    const zip = unzipped(
      (await post('/subject-access/professional/export', team, { personId: cast.team.id }))
        .rawPayload,
    );
    assert.deepEqual(
      zip.names.filter((name) => name.startsWith('cases/')),
      [],
    );
    assert.ok(
      zip
        .json('audit-entries.json')
        .some(
          (e: { action: string; recordId: string }) =>
            e.action === 'disagreement.viewed' && e.recordId === bornAnotherDay.id,
        ),
    );
  });

  test('a person of another partnership is not a choice, and bad answers are named beside their fields', async () => {
    const stranger = await post('/subject-access/professional', team, {
      personId: elsewhere.socialCare.practitioner.id,
    });
    assert.equal(stranger.statusCode, 400);
    const $stranger = cheerio.load(stranger.body);
    assert.equal(
      $stranger('.govuk-error-summary a[href="#personId"]').text().trim(),
      'Choose the person the request is about',
    );
    const exported = await post('/subject-access/professional/export', team, {
      personId: elsewhere.socialCare.practitioner.id,
    });
    assert.equal(exported.statusCode, 400);
    assert.notEqual(exported.headers['content-type'], 'application/zip');

    const before = (await subjectAccessEntries()).length;
    const empty = await post('/subject-access/child', team, {
      givenNames: ' ',
      familyName: '',
      'dateOfBirth-day': '31',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '2019',
    });
    assert.equal(empty.statusCode, 400);
    const $ = cheerio.load(empty.body);
    assert.deepEqual(
      $('.govuk-error-summary a')
        .map((_, a) => `${$(a).attr('href')} ${$(a).text().trim()}`)
        .get(),
      [
        '#givenNames Enter the child’s given names',
        '#familyName Enter the child’s family name',
        '#dateOfBirth-day Date of birth must be a real date, like 27 3 2019',
      ],
    );
    const noExport = await post('/subject-access/child/export', team, { givenNames: 'Zoe' });
    assert.equal(noExport.statusCode, 400);
    assert.equal((await subjectAccessEntries()).length, before, 'nothing is searched or stored');
  });

  test('searches and exports are audited by the ids found, never by the words searched for', async () => {
    const from = (await subjectAccessEntries()).at(-1)?.seq ?? 0;
    await post('/subject-access/child', team, theChild);
    await post('/subject-access/child/export', team, theChild);
    await post('/subject-access/child', team, { givenNames: 'Nobody', familyName: 'Atall' });
    const entries = (await subjectAccessEntries()).filter((e) => Number(e.seq) > Number(from));
    const found = [namedWithBirthDate.id, namedWithoutBirthDate.id].sort();
    const of = (action: string) =>
      entries
        .filter((e) => e.action === action && e.record_type === 'disagreement')
        .map((e) => e.record_id)
        .sort();
    assert.deepEqual(of('subject-access.searched'), found);
    assert.deepEqual(of('subject-access.exported'), found);
    assert.ok(entries.every((e) => e.actor_id === cast.team.id));
    assert.ok(
      entries.some(
        (e) =>
          e.action === 'subject-access.searched' &&
          e.record_type === 'partnership' &&
          e.record_id === cast.partnershipId,
      ),
      'a search that finds nothing is recorded against the partnership',
    );
    const everything = JSON.stringify(
      await context.database.db.selectFrom('audit_log').selectAll().execute(),
    ).toLowerCase();
    for (const word of ['zoe', 'zoë', 'lucka', 'łucka', 'nobody', 'atall', '2019-03-04']) {
      assert.ok(!everything.includes(word), `"${word}" is nowhere in the audit log`);
    }
  });
});
