import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import {
  countCases,
  type Pages,
  page,
  pagesFor,
  walkTo,
  withFamily,
} from '../../../../test/raiseJourney.ts';
import { signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { peopleRepository } from '../../../db/repositories/peopleRepository.ts';
import { fixedClock } from '../../../domain/clock.ts';

// After raising: GOV.UK's confirmation page at its own address, the reference in a panel, the
// people the raise's messages actually went to, and what happens next and by when.

describeOnEachDatabase('the confirmation page after raising', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let pages: Pages;
  let caseId: string;

  const outboxOf = (id: string) =>
    context.database.db
      .selectFrom('outbox')
      .select(['person_id', 'recipient', 'kind'])
      .where('disagreement_id', '=', id)
      .execute();
  const readAs = async (email: string, id: string) => {
    const as = pagesFor(server.app, await signIn(server.app, email));
    return as.get(`/disagreements/${id}/raised`);
  };

  before(async () => {
    cast = await aDisagreementCast(context.database);
    pages = pagesFor(server.app, await signIn(server.app, cast.school.practitioner.email));
    await walkTo(pages, cast, 'check', withFamily);
    const raised = await pages.post('/disagreements/new/check', {});
    assert.equal(raised.statusCode, 303, raised.body.slice(0, 1000));
    const location = String(raised.headers.location);
    assert.match(location, /^\/disagreements\/[0-9a-f-]{36}\/raised$/);
    caseId = location.split('/')[2] as string;
  });

  test('raising ends on the confirmation: the reference in a panel, then who was told and what happens next', async () => {
    const response = await pages.get(`/disagreements/${caseId}/raised`);
    assert.equal(response.statusCode, 200);
    const $ = page(response);
    assert.equal($('title').text().trim(), 'Disagreement raised – Accord');
    const panel = $('.govuk-panel--confirmation');
    assert.equal(panel.find('h1.govuk-panel__title').text().trim(), 'Disagreement raised');
    const { reference } = await context.database.db
      .selectFrom('disagreements')
      .select('reference')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.match(reference, /^[A-Z]+-2026-\d{4}$/);
    assert.equal(
      panel.find('.govuk-panel__body').html()?.replace(/\s+/g, ' ').trim(),
      `Your reference<br><strong>${reference}</strong>`,
    );

    // Exactly whom the raise's messages were queued for, by name, job title and agency.
    const sent = await outboxOf(caseId);
    assert.ok(sent.length > 0, 'the raise told someone');
    const people = await peopleRepository(context.database.db).getMany(
      sent.flatMap((message) => (message.person_id ? [message.person_id] : [])),
    );
    const told = $('[data-testid="told"] li')
      .map((_, li) => $(li).text().trim())
      .get();
    assert.deepEqual(
      [...told].sort(),
      people
        .map((person) =>
          [person.name, person.jobTitle, cast.socialCare.agency.name].filter(Boolean).join(', '),
        )
        .sort(),
    );
    assert.ok(
      told.some((line) => line.startsWith(`${cast.socialCare.practitioner.name}, `)),
      'the named other professional',
    );
    assert.ok(
      !told.some((line) => line.startsWith(cast.school.practitioner.name)),
      'not the raiser',
    );

    assert.equal(
      $('[data-testid="what-happens-next"]').text().trim(),
      `“Initial challenge”: ${cast.socialCare.agency.name} should respond as soon as they can (this stage has no set timescale).`,
    );
    assert.equal($('[data-testid="urgent-guidance"]').length, 0, 'not urgent: no guidance');
    assert.equal($(`a[href="/disagreements/${caseId}"]`).text().trim(), 'View the disagreement');
    assert.equal($('main a[href="/waiting-for-you"]').text().trim(), 'Go to Waiting for you');
  });

  test('a first stage with a timescale says by when, in words and in working days from now', async () => {
    const ashvale = await aDisagreementCast(context.database, {
      protocolSource: readFileSync(
        path.join(import.meta.dirname, '../../../../test/protocols/monitoring-without-family.yaml'),
        'utf8',
      ),
    });
    const raiser = pagesFor(
      server.app,
      await signIn(server.app, ashvale.school.practitioner.email),
    );
    await walkTo(
      raiser,
      ashvale,
      'check',
      withFamily.filter((step) => step !== 'family'),
    );
    const raised = await raiser.post('/disagreements/new/check', {});
    const $ = page(await raiser.get(String(raised.headers.location)));
    assert.equal(
      $('[data-testid="what-happens-next"]').text().trim(),
      `Stage 1 (Practitioners): ${ashvale.socialCare.agency.name} should respond by 5pm on Wednesday 25 November 2026 — in 1 working day.`,
    );
    assert.match($('main').text(), /The two practitioners talk\./);
  });

  test('an urgent case’s confirmation repeats what to do now, as its check page did', async () => {
    await walkTo(pages, cast, 'check', withFamily, { when: { urgent: 'yes' } });
    const raised = await pages.post('/disagreements/new/check', {});
    assert.equal(raised.statusCode, 303);
    const $ = page(await pages.get(String(raised.headers.location)));
    const urgent = $('[data-testid="urgent-guidance"]');
    assert.equal(urgent.find('h2').text().trim(), 'A child is at risk of immediate harm');
    assert.match(urgent.text(), /Act now: do not wait for the disagreement to be resolved\./);
    assert.match(urgent.text(), /acts at once to reduce the risk/);
    // In working hours (10am on a Tuesday): no on-call route.
    assert.equal($('[data-testid="on-call-route"]').length, 0);
    // It comes after the reference and before whom the raise told.
    const order = $(
      '[data-testid="raised-panel"], [data-testid="urgent-guidance"], [data-testid="told"]',
    )
      .map((_, element) => $(element).attr('data-testid'))
      .get();
    assert.deepEqual(order, ['raised-panel', 'urgent-guidance', 'told']);
  });

  test('reading it again changes nothing: no case raised, no message sent again', async () => {
    const cases = await countCases(context.database);
    const messages = (await outboxOf(caseId)).length;
    const first = (await pages.get(`/disagreements/${caseId}/raised`)).body;
    const again = await pages.get(`/disagreements/${caseId}/raised`);
    assert.equal(again.statusCode, 200);
    assert.equal(
      page(again)('[data-testid="told"]').html(),
      page({ body: first } as never)('[data-testid="told"]').html(),
    );
    assert.equal(await countCases(context.database), cases);
    assert.equal((await outboxOf(caseId)).length, messages);
  });

  test('only those who may see the case read it: the other side and the team may, others are told it does not exist', async () => {
    assert.equal((await readAs(cast.socialCare.practitioner.email, caseId)).statusCode, 200);
    assert.equal((await readAs(cast.team.email, caseId)).statusCode, 200);
    assert.equal((await readAs(cast.admin.email, caseId)).statusCode, 404);
    const elsewhere = await aDisagreementCast(context.database);
    assert.equal((await readAs(elsewhere.school.practitioner.email, caseId)).statusCode, 404);
    assert.equal((await pages.get('/disagreements/not-a-case/raised')).statusCode, 404);
  });
});
