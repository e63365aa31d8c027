import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import {
  anAgency,
  aPartnership,
  aPerson,
  setUpAccord,
  TEST_PASSWORD,
} from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { buildTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { RETIRED_INVITATION_BODY } from '../../../db/repositories/accountAdminRepository.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Person } from '../../../domain/directory/directory.ts';
import { createApiToken } from '../../../services/apiTokens.ts';
import { commandLine } from '../../../services/requestContext.ts';

describeOnEachDatabase('administrators’ accounts pages', (context) => {
  let app: FastifyInstance;
  let admin: Person;
  let adminBrowser: Browser;
  let partnershipId: string;
  let otherPartnershipId: string;
  let newcomer: Person;
  let regular: Person;

  const get = (url: string, browser: Browser = adminBrowser) =>
    app.inject({ method: 'GET', url, headers: { cookie: browser.cookie } });
  const post = (url: string, browser: Browser = adminBrowser) =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie: browser.cookie },
      payload: { _csrf: browser.csrfToken },
    });
  const invitations = (personId: string) =>
    context.database.db
      .selectFrom('outbox')
      .select(['recipient', 'subject', 'body', 'status'])
      .where('kind', '=', 'invitation')
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .execute();
  const linkIn = (body: string) => /\/set-password\/([\w-]{43})/.exec(body)?.[1];
  const auditActions = async (personId: string) =>
    (
      await context.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('record_id', '=', personId)
        .orderBy('seq')
        .execute()
    ).map((row) => row.action);

  before(async () => {
    ({ partnershipId, admin } = await setUpAccord(context.database));
    const school = await anAgency(context.database, partnershipId, {
      name: 'Pendle Brook Primary School',
    });
    otherPartnershipId = (await aPartnership(context.database, { name: 'Humber test partnership' }))
      .id;
    newcomer = await aPerson(context.database, {
      partnershipId,
      agencyId: school.id,
      name: 'Nadia Newcomer',
      email: 'nadia.newcomer@example.org',
      password: null,
    });
    regular = await aPerson(context.database, {
      partnershipId,
      agencyId: school.id,
      name: 'Rita Regular',
    });
    await aPerson(context.database, {
      partnershipId: otherPartnershipId,
      name: 'Ella Elsewhere',
    });
    app = await buildTestApp({
      database: context.database,
      clock: fixedClock('2026-12-07T10:30:00Z'),
    });
    adminBrowser = await signIn(app, admin.email);
    await signIn(app, regular.email);
  });

  test('only administrators may see the pages: others are told so, and nobody signed out gets in', async () => {
    const worker = await signIn(app, regular.email);
    for (const url of ['/admin/people', `/admin/people/${newcomer.id}`, '/admin/directory']) {
      assert.equal((await get(url, worker)).statusCode, 403, url);
      const anonymous = await app.inject({ method: 'GET', url });
      assert.equal(anonymous.statusCode, 302, url);
    }
    assert.equal((await post(`/admin/people/${newcomer.id}/invitation`, worker)).statusCode, 403);
    assert.equal((await invitations(newcomer.id)).length, 0);
  });

  test('the list says when each person last signed in, and filters by partnership and by never signed in', async () => {
    const page = cheerio.load((await get('/admin/people')).body);
    const rowOf = (name: string) =>
      page('[data-testid="accounts"] tbody tr')
        .filter((_, row) => page(row).text().includes(name))
        .text()
        .replace(/\s+/g, ' ');
    assert.match(rowOf('Nadia Newcomer'), /Never signed in .* Never $/);
    assert.match(rowOf('Rita Regular'), /Active .* 10:30am on Monday 7 December 2026 $/);
    assert.match(rowOf('Ella Elsewhere'), /Humber test partnership/);

    const never = cheerio.load((await get('/admin/people?never=yes')).body);
    const neverNames = never('[data-testid="accounts"] tbody tr a')
      .map((_, a) => never(a).text())
      .get();
    assert.ok(neverNames.includes('Nadia Newcomer'));
    assert.ok(!neverNames.includes('Rita Regular'), 'someone who signed in is left out');
    assert.equal(never('#never').attr('checked'), 'checked', 'the filter is shown as chosen');

    const one = cheerio.load((await get(`/admin/people?partnership=${partnershipId}`)).body);
    const names = one('[data-testid="accounts"] tbody tr a')
      .map((_, a) => one(a).text())
      .get();
    assert.ok(names.includes('Rita Regular'));
    assert.ok(!names.includes('Ella Elsewhere'), 'another partnership’s people are left out');
    const reads = await context.database.db
      .selectFrom('audit_log')
      .select(['action', 'record_id'])
      .where('actor_id', '=', admin.id)
      .where('action', 'in', ['people.read', 'person.read'])
      .execute();
    assert.ok(
      reads.some((read) => read.action === 'people.read' && read.record_id === partnershipId),
      'reading people’s accounts is audited, with the partnership chosen',
    );

    const sorted = cheerio.load(
      (await get('/admin/people?sort=last-signed-in&order=descending')).body,
    );
    assert.equal(sorted('th[aria-sort="descending"] a').text().trim(), 'Last signed in');
    const times = sorted('[data-testid="accounts"] tbody tr td:nth-child(3)')
      .map((_, cell) => sorted(cell).text().trim())
      .get();
    assert.equal(times.at(-1), 'Never', 'newest sign-in first, those never signed in last');
  });

  test('an invitation goes through the outbox with a link that works; resending replaces it; revoking stops it', async () => {
    const sent = await post(`/admin/people/${newcomer.id}/invitation`);
    assert.equal(sent.statusCode, 303);
    const confirmation = cheerio.load((await get(sent.headers.location as string)).body);
    assert.match(
      confirmation('.govuk-notification-banner').text(),
      /Invitation sent to nadia\.newcomer@example\.org/,
    );
    assert.match(
      confirmation('.govuk-summary-list').text(),
      /The link works until 10:30am on Monday 14 December 2026/,
    );

    const [first] = await invitations(newcomer.id);
    assert.equal(first?.recipient, 'nadia.newcomer@example.org');
    assert.equal(first?.subject, 'Set your password for Accord');
    const firstLink = linkIn(first?.body ?? '') as string;
    assert.ok(firstLink, 'the e-mail carries the set-password link');
    assert.doesNotMatch(
      confirmation.html(),
      new RegExp(firstLink),
      'the page never shows the link',
    );
    assert.equal(
      (await app.inject({ method: 'GET', url: `/set-password/${firstLink}` })).statusCode,
      200,
    );

    assert.equal((await post(`/admin/people/${newcomer.id}/invitation`)).statusCode, 303);
    const [old, renewed] = await invitations(newcomer.id);
    assert.equal(old?.status, 'dropped', 'the earlier e-mail, not yet sent, is not sent');
    assert.equal(old?.body, RETIRED_INVITATION_BODY, 'and keeps no link');
    const newLink = linkIn(renewed?.body ?? '') as string;
    assert.equal(
      (await app.inject({ method: 'GET', url: `/set-password/${firstLink}` })).statusCode,
      404,
    );
    assert.equal(
      (await app.inject({ method: 'GET', url: `/set-password/${newLink}` })).statusCode,
      200,
    );

    const revoked = await post(`/admin/people/${newcomer.id}/invitation/revoke`);
    assert.equal(revoked.statusCode, 303);
    assert.match((await get(revoked.headers.location as string)).body, /Invitation revoked/);
    assert.equal(
      (await app.inject({ method: 'GET', url: `/set-password/${newLink}` })).statusCode,
      404,
    );
    const again = await post(`/admin/people/${newcomer.id}/invitation/revoke`);
    assert.equal(again.statusCode, 400, 'nothing left to revoke is said beside the button');
    assert.match(
      cheerio.load(again.body)('.govuk-error-summary').text(),
      /no invitation to revoke/,
    );

    const actions = await auditActions(newcomer.id);
    assert.deepEqual(
      actions.filter((a) => a.startsWith('invitation.')),
      ['invitation.sent', 'invitation.resent', 'invitation.revoked'],
    );
  });

  test('deactivating ends sessions and tokens and stops sign-in; reactivating lets them back; nobody deactivates themself', async () => {
    const leaver = await aPerson(context.database, { partnershipId, name: 'Lee Leaver' });
    const theirs = await signIn(app, leaver.email);
    const { token } = await createApiToken(
      { database: context.database, clock: fixedClock('2026-12-07T10:00:00Z') },
      { personId: leaver.id, name: 'script' },
      commandLine,
    );
    const api = () =>
      app.inject({
        method: 'GET',
        url: '/api/v1/partnerships',
        headers: { authorization: `Bearer ${token}` },
      });
    assert.equal((await api()).statusCode, 200);

    const asked = cheerio.load((await get(`/admin/people/${leaver.id}/deactivate`)).body);
    assert.equal(asked('h1').text(), 'Are you sure you want to deactivate Lee Leaver’s account?');
    assert.equal(asked(`form[action="/admin/people/${leaver.id}/deactivate"]`).length, 1);
    const ownPage = cheerio.load((await get(`/admin/people/${admin.id}/deactivate`)).body);
    assert.equal(ownPage('form[action$="/deactivate"]').length, 0, 'no button for oneself');
    const done = await post(`/admin/people/${leaver.id}/deactivate`);
    assert.equal(done.statusCode, 303);
    assert.match((await get(done.headers.location as string)).body, /Account deactivated/);
    assert.equal((await get('/account', theirs)).statusCode, 302, 'their session has ended');
    assert.equal((await api()).statusCode, 401, 'their token no longer works');
    await assert.rejects(signIn(app, leaver.email), /sign-in failed with 401/);
    const listed = cheerio.load((await get('/admin/people')).body);
    assert.match(
      listed('tr')
        .filter((_, row) => listed(row).text().includes('Lee Leaver'))
        .text(),
      /Deactivated/,
    );

    assert.equal((await post(`/admin/people/${leaver.id}/reactivate`)).statusCode, 303);
    await signIn(app, leaver.email, TEST_PASSWORD);
    assert.deepEqual(
      (await auditActions(leaver.id)).filter((a) => a.startsWith('person.') && a !== 'person.read'),
      ['person.deactivated', 'person.reactivated'],
    );

    const self = await post(`/admin/people/${admin.id}/deactivate`);
    assert.equal(self.statusCode, 400);
    assert.match(
      cheerio.load(self.body)('.govuk-error-summary').text(),
      /cannot deactivate your own account/,
    );
    assert.equal(
      (await get('/admin/people')).statusCode,
      200,
      'the administrator is still signed in',
    );
  });

  test('the directory is there to read, every partnership’s, and reading its people is audited', async () => {
    const list = cheerio.load((await get('/admin/directory')).body);
    const partnerships = list('[data-testid="partnerships"] tbody a')
      .map((_, a) => list(a).text())
      .get();
    assert.ok(partnerships.includes('Humber test partnership'));
    const page = cheerio.load((await get(`/admin/directory/${partnershipId}`)).body);
    assert.match(page('[data-testid="agencies"]').text(), /Pendle Brook Primary School/);
    assert.match(page('[data-testid="people"]').text(), /Nadia Newcomer/);
    assert.equal(
      page('form[method="post"]').length,
      1,
      'no form but signing out: nothing to change',
    );
    const read = await context.database.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'people.read')
      .where('record_id', '=', partnershipId)
      .execute();
    assert.ok(read.some((row) => row.actor_id === admin.id));
    assert.equal((await get('/admin/directory/no-such-partnership')).statusCode, 404);
  });
});
