import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { aDisagreementCast, anAgency } from '../../../../test/factories.ts';
import {
  answers,
  errorOf,
  page,
  pagesFor,
  walkTo,
  withFamily,
  withoutFamily,
} from '../../../../test/raiseJourney.ts';
import { signIn } from '../../../../test/signIn.ts';
import { buildTestApp, testConfig } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { organisationRepository } from '../../../db/repositories/organisationRepository.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { loadActor } from '../../../services/loadActor.ts';
import { createServices } from '../../../services.ts';

describeOnEachDatabase(
  'raising on a protocol without a monitoring form, and out of hours',
  (context) => {
    // Saturday 28 November 2026, 11am in London: outside every partnership's working hours.
    const saturday = fixedClock('2026-11-28T11:00:00Z');
    let app: FastifyInstance;

    before(async () => {
      app = await buildTestApp({ database: context.database, clock: saturday });
    });
    after(() => app?.close());

    test('Humber has no monitoring form, so the family page is skipped', async () => {
      const cast = await aDisagreementCast(context.database, { protocolId: 'humber' });
      const pages = pagesFor(app, await signIn(app, cast.school.practitioner.email));
      await walkTo(pages, cast, 'children', withoutFamily, {
        category: { category: 'threshold' },
      });
      const added = await pages.post('/disagreements/new/children', {
        ...answers(cast).children,
        action: 'add',
      });
      assert.equal(added.headers.location, '/disagreements/new/children');
      // "Continue" with the boxes left empty goes on with the child already added.
      const continued = await pages.post('/disagreements/new/children', { action: 'continue' });
      assert.equal(continued.headers.location, '/disagreements/new/concern');
      const family = await pages.get('/disagreements/new/family');
      assert.equal(family.headers.location, '/disagreements/new/concern');
      assert.equal(
        page(await pages.get('/disagreements/new/concern'))('.govuk-back-link').attr('href'),
        '/disagreements/new/children',
      );
      await walkTo(pages, cast, 'check', withoutFamily, { category: { category: 'threshold' } });
      const check = page(await pages.get('/disagreements/new/check'));
      assert.equal(check('a[href="/disagreements/new/family"]').length, 0);
      assert.match(check('[data-testid="pathway"]').text(), /General/);
      const raised = await pages.post('/disagreements/new/check', {});
      assert.equal(raised.statusCode, 303);
      const id = String(raised.headers.location).split('/').at(-2) ?? '';
      const services = createServices({
        config: testConfig(),
        database: context.database,
        clock: saturday,
      });
      const { disagreement } = await services.getDisagreement(id, {
        actor: await loadActor(context.database, cast.school.practitioner.id),
        via: 'cli',
        requestId: null,
      });
      assert.equal(disagreement.family, null);
      assert.equal(disagreement.pathway, 'general');
    });

    test('a long list of agencies is a select, and still leaves out the person’s own', async () => {
      const cast = await aDisagreementCast(context.database);
      for (let n = 1; n <= 12; n++) {
        await anAgency(context.database, cast.partnershipId, { name: `Example Primary ${n}` });
      }
      const pages = pagesFor(app, await signIn(app, cast.school.practitioner.email));
      await walkTo(pages, cast, 'other-agency', withFamily);
      const $ = page(await pages.get('/disagreements/new/other-agency'));
      const options = $('select#otherAgencyId option')
        .map((_, option) => $(option).attr('value'))
        .get();
      assert.equal(options.length, 1 + 13, 'a blank choice, the other agency and 12 more');
      assert.ok(!options.includes(cast.school.agency.id));
      assert.equal($('input[type="radio"]').length, 0);
      const blank = await pages.post('/disagreements/new/other-agency', { otherAgencyId: '' });
      assert.equal(
        errorOf(page(blank), 'otherAgencyId'),
        'Error: Select the agency you disagree with',
      );
    });

    test('a partnership of two local authorities asks which the child lives in', async () => {
      const cast = await aDisagreementCast(context.database);
      const organisations = organisationRepository(context.database.db);
      const authorities = ['Lancashire County Council', 'Blackpool Council'].map((name, n) => ({
        id: randomUUID(),
        partnershipId: cast.partnershipId,
        name,
        frontDoorName: n === 0 ? 'MASH' : 'Request for Support Hub',
        monitoringTeamName: n === 0 ? 'CSAP team' : 'MASA team',
        monitoringTeamEmail: null,
      }));
      for (const authority of authorities) await organisations.insertLocalAuthority(authority);
      const pages = pagesFor(app, await signIn(app, cast.school.practitioner.email));
      await walkTo(pages, cast, 'children', withFamily);
      const continued = await pages.post('/disagreements/new/children', answers(cast).children);
      assert.equal(continued.headers.location, '/disagreements/new/local-authority');
      const question = page(await pages.get('/disagreements/new/local-authority'));
      assert.match(question('main').text(), /Front door: Request for Support Hub/);
      const unanswered = await pages.post('/disagreements/new/local-authority', {});
      assert.equal(unanswered.statusCode, 400);
      assert.equal(
        errorOf(page(unanswered), 'localAuthorityId'),
        'Error: Select the local authority the child lives in',
      );
      const blackpool = authorities[1]?.id ?? '';
      const answered = await pages.post('/disagreements/new/local-authority', {
        localAuthorityId: blackpool,
      });
      assert.equal(answered.headers.location, '/disagreements/new/family');
      // The family page names the chosen council's monitoring team, not the protocol's.
      const family = page(await pages.get('/disagreements/new/family'));
      assert.match(family('main').text(), /the MASA team is told/);
      assert.doesNotMatch(family('main').text(), /CSAP/);
      for (const step of ['family', 'concern', 'when']) {
        const all: Record<string, Record<string, string>> = answers(cast);
        const response = await pages.post(`/disagreements/new/${step}`, all[step] ?? {});
        assert.equal(response.statusCode, 303, step);
      }
      const check = page(await pages.get('/disagreements/new/check'));
      assert.equal(
        check('#change-local-authority-local-authority').attr('href'),
        '/disagreements/new/local-authority',
      );
      const raised = await pages.post('/disagreements/new/check', {});
      const id = String(raised.headers.location).split('/').at(-2) ?? '';
      const services = createServices({
        config: testConfig(),
        database: context.database,
        clock: saturday,
      });
      const { disagreement } = await services.getDisagreement(id, {
        actor: await loadActor(context.database, cast.school.practitioner.id),
        via: 'cli',
        requestId: null,
      });
      assert.equal(disagreement.localAuthorityId, blackpool);
    });

    test('urgent out of hours shows the immediate-risk guidance and the on-call route with its numbers', async () => {
      const cast = await aDisagreementCast(context.database, { protocolId: 'lincolnshire' });
      await organisationRepository(context.database.db).insertOnCallContact(
        {
          id: randomUUID(),
          partnershipId: cast.partnershipId,
          name: 'Emergency duty team',
          telephone: '01234 567890',
          notes: 'Evenings, weekends and bank holidays',
        },
        1,
      );
      const pages = pagesFor(app, await signIn(app, cast.school.practitioner.email));
      await walkTo(pages, cast, 'check', withoutFamily, {
        category: { category: 'threshold' },
        when: { urgent: 'yes', 'raisedOn-day': '28', raisedTime: '10:15' },
      });
      const check = page(await pages.get('/disagreements/new/check'));
      const urgent = check('[data-testid="urgent-guidance"]');
      assert.match(urgent.text(), /risk to a child's immediate safety/);
      const onCall = check('[data-testid="on-call-route"]');
      assert.match(onCall.text(), /outside your partnership’s working hours \(9am to 5pm/);
      assert.match(onCall.text(), /on-call manager and director system/);
      assert.match(onCall.text(), /Emergency duty team/);
      assert.equal(onCall.find('a[href="tel:01234567890"]').text(), '01234 567890');
      const raised = await pages.post('/disagreements/new/check', {});
      assert.equal(raised.statusCode, 303);
      // The confirmation says it again: out of hours, whom to call.
      const confirmation = page(await pages.get(String(raised.headers.location)));
      assert.match(confirmation('[data-testid="urgent-guidance"]').text(), /immediate safety/);
      const onCallAgain = confirmation('[data-testid="on-call-route"]');
      assert.match(onCallAgain.text(), /on-call manager and director system/);
      assert.equal(onCallAgain.find('a[href="tel:01234567890"]').text(), '01234 567890');
    });
  },
);
