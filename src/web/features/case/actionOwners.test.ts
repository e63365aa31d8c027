import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast, aPerson, type Cast } from '../../../../test/factories.ts';
import { signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Person } from '../../../domain/directory/directory.ts';
import { caseSummarySchema } from '../../../domain/disagreement/caseSummary.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';

// An agreed action's owner is someone who may see the case now: at East Riding's stage 1 the
// case is the raising agency's alone, so nobody of the other agency may own one yet.

describeOnEachDatabase('who may own an action, on the page', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let disagreement: Disagreement;
  let lead: Person;

  before(async () => {
    cast = await aDisagreementCast(context.database, { protocolId: 'east-riding' });
    lead = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      agencyId: cast.school.agency.id,
      name: 'Ayo Example',
      jobTitle: 'Designated Safeguarding Lead',
      roles: ['safeguarding-lead'],
    });
    disagreement = await aCase({ database: context.database, clock }, cast, {
      raisedAt: '2026-11-24T09:00:00Z',
    });
  });

  test('at East Riding’s stage 1 the other agency is not offered, and is refused beside the field', async () => {
    assert.equal(disagreement.stages.at(-1)?.key, 'stage-1');
    const browser = await signIn(server.app, cast.school.manager.email);
    const form = await server.app.inject({
      method: 'GET',
      url: `/disagreements/${disagreement.id}/add-action`,
      headers: { cookie: browser.cookie },
    });
    assert.equal(form.statusCode, 200);
    const $ = cheerio.load(form.body);
    const offered = $('#ownerId option')
      .map((_, option) => $(option).attr('value'))
      .get()
      .filter(Boolean);
    assert.ok(offered.includes(cast.school.practitioner.id));
    assert.ok(!offered.includes(cast.socialCare.practitioner.id));
    assert.ok(!offered.includes(cast.socialCare.manager.id));

    const refused = await server.app.inject({
      method: 'POST',
      url: `/disagreements/${disagreement.id}/add-action`,
      headers: { cookie: browser.cookie },
      payload: {
        _csrf: browser.csrfToken,
        version: String(disagreement.version),
        description: 'Send the referral again',
        ownerId: cast.socialCare.practitioner.id,
        'dueAt-day': '27',
        'dueAt-month': '11',
        'dueAt-year': '2026',
      },
    });
    assert.equal(refused.statusCode, 422);
    assert.match(
      cheerio.load(refused.body)('#ownerId-error').text(),
      /cannot see this disagreement yet/,
    );
  });

  test('an owner is chosen and shown by name, job title and agency: the form, the case page, the summary', async () => {
    const browser = await signIn(server.app, cast.school.manager.email);
    const url = `/disagreements/${disagreement.id}`;
    const inWords = `Ayo Example — Designated Safeguarding Lead, ${cast.school.agency.name}`;
    const form = cheerio.load(
      (await server.app.inject({ url: `${url}/add-action`, headers: { cookie: browser.cookie } }))
        .body,
    );
    assert.equal(form(`#ownerId option[value="${lead.id}"]`).text(), inWords);

    const added = await server.app.inject({
      method: 'POST',
      url: `${url}/add-action`,
      headers: { cookie: browser.cookie },
      payload: {
        _csrf: browser.csrfToken,
        version: String(disagreement.version),
        description: 'Share the attendance record',
        ownerId: lead.id,
        'dueAt-day': '27',
        'dueAt-month': '11',
        'dueAt-year': '2026',
      },
    });
    assert.equal(added.statusCode, 303);
    const $ = cheerio.load(
      (await server.app.inject({ url, headers: { cookie: browser.cookie } })).body,
    );
    const row = $('td:contains("Share the attendance record")').closest('tr');
    assert.equal(row.find('td').eq(1).text().trim(), inWords);

    const summary = caseSummarySchema.parse(
      (
        await server.app.inject({
          url: `${url}/summary.json`,
          headers: { cookie: browser.cookie },
        })
      ).json(),
    );
    const owner = summary.actions.find((action) => action.owner.id === lead.id)?.owner;
    assert.deepEqual(owner, {
      id: lead.id,
      name: 'Ayo Example',
      jobTitle: 'Designated Safeguarding Lead',
      agency: { id: cast.school.agency.id, name: cast.school.agency.name },
      nameWithRole: inWords,
    });
  });
});
