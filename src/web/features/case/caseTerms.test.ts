import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, actAt, contextOf } from '../../../../test/factories.ts';
import { cookieFrom } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { disagreementRepository } from '../../../db/repositories/disagreementRepository.ts';
import { outboxRepository } from '../../../db/repositories/outboxRepository.ts';
import { peopleRepository } from '../../../db/repositories/peopleRepository.ts';
import { demoEmail, type PersonKey } from '../../../demo/demoDataSet.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Person } from '../../../domain/directory/directory.ts';
import { tellPartnershipTeam } from '../../../domain/disagreement/actions/tellPartnershipTeam.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';
import { loadDemoData } from '../../../services/loadDemoData.ts';

// The right people and words (issue 14): Pan-Lancashire is one protocol for two councils, and a
// case speaks in its own council's words: Blackpool's front door is the Request for Support Hub
// and its monitoring team MASA; Lancashire's are the MASH and CSAP. And the front-door pathway's
// stage 1 is the front door's Team Manager's (Rachel Ashworth in the demo), not the Practice
// Manager the challenge began with.

const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase(
  'a case in its own council’s words, with the people its stage means',
  (context) => {
    const server = useTestApp(context, { clock, env: { DEMO_MODE: 'true' } });
    const deps = () => ({ database: context.database, clock });
    const cases: Disagreement[] = [];
    before(async () => {
      await loadDemoData(deps());
      const repository = disagreementRepository(context.database.db);
      const rows = await context.database.db.selectFrom('disagreements').select('id').execute();
      for (const { id } of rows) {
        const found = await repository.get(id);
        if (found) cases.push(found);
      }
    });

    const person = async (key: PersonKey): Promise<Person> => {
      const found = await peopleRepository(context.database.db).findByEmail(demoEmail(key));
      assert.ok(found, key);
      return found;
    };
    const openCaseOf = (childLastName: string) => {
      const found = cases.find(
        (each) =>
          each.status === 'open' && each.children.some((child) => child.lastName === childLastName),
      );
      assert.ok(found, `the demo's open case about a child ${childLastName}`);
      return found;
    };
    const signedIn = new Map<string, string>();
    const cookieOf = async (name: string) => {
      const known = signedIn.get(name);
      if (known) return known;
      const page = await server.app.inject({ method: 'GET', url: '/demo/sign-in' });
      const $ = cheerio.load(page.body);
      const form = $('form').filter(
        (_, each) => $(each).find('button').text().trim() === `Sign in as ${name}`,
      );
      assert.equal(form.length, 1, name);
      const cookie = cookieFrom(page);
      const response = await server.app.inject({
        method: 'POST',
        url: '/demo/sign-in',
        headers: { cookie },
        payload: {
          _csrf: form.find('input[name="_csrf"]').val() as string,
          personId: form.find('input[name="personId"]').val() as string,
        },
      });
      assert.equal(response.statusCode, 303);
      const signed = cookieFrom(response, cookie);
      signedIn.set(name, signed);
      return signed;
    };
    const page = async (name: string, url: string) => {
      const response = await server.app.inject({
        method: 'GET',
        url,
        headers: { cookie: await cookieOf(name) },
      });
      assert.equal(response.statusCode, 200, url);
      return cheerio.load(response.body);
    };
    const row = ($: cheerio.CheerioAPI, key: string) =>
      $('.govuk-summary-list__row')
        .filter((_, each) => $(each).find('dt').text().trim() === key)
        .find('dd')
        .text()
        .trim();

    test('a Blackpool case’s page says the Request for Support Hub and MASA, never the MASH or CSAP', async () => {
      const blackpool = openCaseOf('Whitmore'); // Blackpool, at stage 3: MASA has been told
      const $ = await page('Gillian Hartley', `/disagreements/${blackpool.id}`);
      assert.equal(
        row($, 'Front door and monitoring team'),
        'Request for Support Hub; monitored by MASA',
      );
      const main = $('main').text();
      assert.match(main, /MASA/);
      assert.doesNotMatch(main, /CSAP/);
    });

    test('a Lancashire case’s page says the MASH and CSAP', async () => {
      const lancashire = openCaseOf('Hargreaves');
      const $ = await page('Gillian Hartley', `/disagreements/${lancashire.id}`);
      assert.equal(row($, 'Front door and monitoring team'), 'MASH; monitored by CSAP');
      assert.doesNotMatch($('main').text(), /MASA|Request for Support Hub/);
    });

    test('a Blackpool case’s monitoring form is for MASA', async () => {
      const blackpool = openCaseOf('Whitmore');
      const $ = await page('Gillian Hartley', `/disagreements/${blackpool.id}/monitoring-form`);
      assert.match($('main').text(), /for the MASA/);
      assert.doesNotMatch($('main').text(), /CSAP/);
    });

    test('the e-mail telling the monitoring team now names the council’s own team', async () => {
      const told = async (raiserKey: PersonKey, otherKey: PersonKey, otherAgency: string) => {
        const raiser = await person(raiserKey);
        const other = await person(otherKey);
        assert.ok(other.agencyId);
        clock.set('2026-11-24T11:00:00Z');
        const raised = await aCase(
          deps(),
          { partnershipId: raiser.partnershipId as string },
          {
            by: raiser,
            context: await contextOf(context.database, raiser),
            otherPerson: other,
            otherAgencyIds: [other.agencyId],
            raisedAt: '2026-11-24T09:00:00Z',
            children: [{ firstName: 'Robin', lastName: `Example-${otherAgency}` }],
          },
        );
        await actAt(
          deps(),
          raised,
          tellPartnershipTeam,
          { reason: 'The child may be harmed before the agencies agree' },
          raiser,
          '2026-11-24T12:00:00Z',
        );
        return (await outboxRepository(context.database.db).forDisagreement(raised.id)).filter(
          (message) => message.kind === 'partnershipTold',
        );
      };
      // Seaview Academy, Blackpool, with Blackpool's Request for Support Hub.
      const blackpool = await told('louise.bamber', 'jordan.mcbride', 'blackpool');
      assert.ok(blackpool.length > 0, 'MASA is told');
      for (const message of blackpool) {
        assert.match(message.subject, /^For the MASA: /);
        assert.match(message.body, /has told the MASA about/);
        assert.doesNotMatch(`${message.subject}\n${message.body}`, /CSAP/);
      }
      assert.ok(blackpool.some((message) => message.recipient === 'masa@example.org'));
      // Pendle Brook Primary School, Lancashire, with Lancashire's MASH.
      const lancashire = await told('matthew.greenhalgh', 'priya.raman', 'lancashire');
      assert.ok(lancashire.length > 0, 'CSAP is told');
      for (const message of lancashire) {
        assert.match(message.subject, /^For the CSAP: /);
        assert.doesNotMatch(`${message.subject}\n${message.body}`, /MASA/);
      }
    });

    test('a challenge to a front-door decision at stage 1 names and assigns the front door’s Team Manager', async () => {
      // Noah's GP practice challenged the MASH's decision with Owen Pritchard, the Practice
      // Manager for the region, then escalated: stage 1 is the Team Manager's.
      const noah = openCaseOf('Fairbrother');
      assert.equal(noah.pathway, 'front-door');
      assert.equal(noah.stages.at(-1)?.key, 'stage-1');
      const $ = await page('Rachel Ashworth', `/disagreements/${noah.id}`);
      // Each side's people, in a list after the heading: the GP practice's, then the MASH's.
      const sides = $('h3:contains("Who should be talking to whom")')
        .nextUntil('p.govuk-body:not(:has(strong))')
        .filter('ul')
        .map((_, list) => $(list).text().replace(/\s+/g, ' ').trim())
        .get();
      assert.equal(sides.length, 2, sides.join(' | '));
      assert.match(sides[1] ?? '', /Rachel Ashworth/);
      assert.doesNotMatch(sides[1] ?? '', /Owen Pritchard/);
      // Noah's case is a Lancashire case: its front door is the MASH, its team CSAP.
      assert.equal(row($, 'Front door and monitoring team'), 'MASH; monitored by CSAP');

      const waiting = await page('Rachel Ashworth', '/waiting-for-you');
      const rows = waiting('[data-testid^="waiting-"] tbody tr')
        .map((_, each) => waiting(each).text().replace(/\s+/g, ' ').trim())
        .get();
      assert.ok(
        rows.some((each) => each.includes(noah.reference)),
        `Rachel Ashworth has ${noah.reference} in Waiting for you: ${rows.join(' | ')}`,
      );
      // The Practice Manager had the initial challenge; stage 1 is no longer asked of him.
      const his = await page('Owen Pritchard', '/waiting-for-you');
      const hisRows = his('[data-testid^="waiting-"] tbody tr')
        .map((_, each) => his(each).text().replace(/\s+/g, ' ').trim())
        .get();
      assert.ok(
        !hisRows.some((each) => each.includes(noah.reference) && /stage 1/i.test(each)),
        hisRows.join(' | '),
      );
    });
  },
);
