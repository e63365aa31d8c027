import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { outboxRepository } from '../../../db/repositories/outboxRepository.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Person } from '../../../domain/directory/directory.ts';
import { escalate } from '../../../domain/disagreement/actions/escalate.ts';
import { recordDiscussion } from '../../../domain/disagreement/actions/recordDiscussion.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';
import { loadActor } from '../../../services/loadActor.ts';
import { getDisagreement } from '../../../services/readDisagreements.ts';
import { runCaseAction } from '../../../services/runCaseAction.ts';

// Tuesday 24 November 2026, 10:00 in London.
const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('the case pages', (context) => {
  const server = useTestApp(context, { clock });
  let cast: Awaited<ReturnType<typeof aDisagreementCast>>;
  const deps = () => ({ database: context.database, clock });
  const as = async (person: Person) => ({
    actor: await loadActor(context.database, person.id),
    via: 'cli' as const,
    requestId: null,
  });

  async function anUrgentCase(raisedAt = '2026-11-23T14:00:00Z'): Promise<Disagreement> {
    return aCase(deps(), cast, {
      raisedAt,
      urgent: true,
      children: [
        {
          firstName: 'Robin',
          lastName: 'Example',
          dateOfBirth: '2018-03-02',
          expectedDueDate: null,
        },
      ],
      summary: 'Neglect concerns not accepted',
      impactOnChild: 'Robin misses meals',
      desiredOutcome: 'An assessment',
      family: { parents: ['Jo Example'], address: '1 Example Street' },
    });
  }
  const page = async (browser: Browser, url: string) => {
    const response = await server.app.inject({
      method: 'GET',
      url,
      headers: { cookie: browser.cookie },
    });
    return { response, $: cheerio.load(response.body) };
  };
  const post = (browser: Browser, url: string, payload: Record<string, string | string[]>) =>
    server.app.inject({
      method: 'POST',
      url,
      headers: { cookie: browser.cookie },
      payload: { _csrf: browser.csrfToken, ...payload },
    });

  before(async () => {
    cast = await aDisagreementCast(context.database);
  });

  test('the case page shows the current stage, who should talk, the due time in words and the timeline', async () => {
    const disagreement = await runCaseAction(
      deps(),
      escalate,
      {
        id: (await anUrgentCase()).id,
        version: 1,
        input: { occurredAt: '2026-11-24T09:00:00Z', reason: 'No agreement' },
      },
      await as(cast.school.manager),
    );
    const browser = await signIn(server.app, cast.school.practitioner.email);
    const { response, $ } = await page(browser, `/disagreements/${disagreement.id}`);
    assert.equal(response.statusCode, 200);
    assert.match($('h1').text(), new RegExp(`Disagreement with ${cast.socialCare.agency.name}`));
    assert.match($('#current-stage').text(), /Stage 1/);
    assert.equal($('[data-testid="due"]').text().trim(), 'Due by 5pm on Tuesday 1 December 2026');
    const talking = $('h3:contains("Who should be talking to whom")')
      .nextUntil('p.govuk-body:not(:has(strong))')
      .text();
    assert.match(
      talking,
      new RegExp(cast.school.manager.name),
      'the raiser’s line manager acts at stage 1',
    );
    assert.match(
      talking,
      new RegExp(cast.socialCare.manager.name),
      'and the other professional’s line manager',
    );
    assert.match($('[data-testid="case-status"]').text(), /Urgent/);
    assert.equal(
      $('[data-testid="urgent-guidance"]').length,
      1,
      'an open urgent case repeats what to do now',
    );
    assert.equal(
      $('[data-testid="on-call-route"]').length,
      0,
      'within working hours, no on-call route',
    );
    assert.match($('[data-testid="timeline"]').text(), /Escalated to Stage 1/);
    assert.match(response.body, /not on the child(’|'|&#39;)s record/);
    assert.equal($('a[href$="/withdraw"]').length, 0, 'a practitioner cannot withdraw');

    const manager = await signIn(server.app, cast.school.manager.email);
    assert.equal(
      (await page(manager, `/disagreements/${disagreement.id}`)).$('a[href$="/withdraw"]').length,
      1,
    );
    const stranger = await signIn(server.app, cast.admin.email);
    assert.equal(
      (await page(stranger, `/disagreements/${disagreement.id}`)).response.statusCode,
      404,
    );
  });

  test('escalating through the page checks the form, stores nothing on error, then moves the stage', async () => {
    const disagreement = await anUrgentCase();
    const browser = await signIn(server.app, cast.school.manager.email);
    const form = await page(browser, `/disagreements/${disagreement.id}/escalate`);
    assert.match(
      form.response.body,
      /If you escalate now it will be due by 5pm on Tuesday 1 December 2026/,
    );
    const missing = await post(browser, `/disagreements/${disagreement.id}/escalate`, {
      version: '1',
      toStageKey: 'stage-1',
      'occurredAt-day': '24',
      'occurredAt-month': '11',
      'occurredAt-year': '2026',
      'occurredAt-time': '9am',
    });
    assert.equal(missing.statusCode, 400);
    assert.match(
      cheerio.load(missing.body)('.govuk-error-summary').text(),
      /Enter why you are escalating/,
    );
    assert.equal(
      (await getDisagreement(deps(), disagreement.id, await as(cast.school.manager))).disagreement
        .version,
      1,
    );

    const future = await post(browser, `/disagreements/${disagreement.id}/escalate`, {
      version: '1',
      toStageKey: 'stage-1',
      reason: 'x',
      'occurredAt-day': '25',
      'occurredAt-month': '11',
      'occurredAt-year': '2026',
      'occurredAt-time': '9am',
    });
    assert.equal(future.statusCode, 422);
    assert.match(future.body, /cannot be in the future/);
    const futurePage = cheerio.load(future.body);
    assert.equal(
      futurePage('.govuk-error-summary a').attr('href'),
      '#occurredAt-day',
      'the message is beside the date, not the first field',
    );
    assert.match(futurePage('#occurredAt-error').text(), /cannot be in the future/);

    const done = await post(browser, `/disagreements/${disagreement.id}/escalate`, {
      version: '1',
      toStageKey: 'stage-1',
      reason: 'No agreement at practitioner level',
      'occurredAt-day': '24',
      'occurredAt-month': '11',
      'occurredAt-year': '2026',
      'occurredAt-time': '9am',
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/disagreements/${disagreement.id}`);
    const shown = await page(browser, `/disagreements/${disagreement.id}`);
    assert.match(shown.$('.govuk-notification-banner').text(), /Escalated to Stage 1/);
    const again = await page(browser, `/disagreements/${disagreement.id}`);
    assert.equal(again.$('.govuk-notification-banner').length, 0, 'the notice is shown once');
    const after = (await getDisagreement(deps(), disagreement.id, await as(cast.school.manager)))
      .disagreement;
    assert.equal(after.stages.at(-1)?.key, 'stage-1');
    assert.equal(after.stages.at(-1)?.startedAt, '2026-11-24T09:00:00.000Z');

    const stale = await post(browser, `/disagreements/${disagreement.id}/record-discussion`, {
      version: '1',
      mode: 'phone',
      summary: 'Late write-up',
      'occurredAt-day': '24',
      'occurredAt-month': '11',
      'occurredAt-year': '2026',
      'occurredAt-time': '09:30',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this disagreement first/);
  });

  test('a form with a mistake keeps every answer given, the chosen radio and the typed date included', async () => {
    const disagreement = await anUrgentCase();
    const browser = await signIn(server.app, cast.school.practitioner.email);
    const mistaken = await post(browser, `/disagreements/${disagreement.id}/record-discussion`, {
      version: '1',
      mode: 'video',
      participants: 'Both practitioners',
      summary: '',
      'occurredAt-day': '23',
      'occurredAt-month': '11',
      'occurredAt-year': '2026',
      'occurredAt-time': 'midnight',
    });
    assert.equal(mistaken.statusCode, 400);
    const $ = cheerio.load(mistaken.body);
    assert.deepEqual(
      $('.govuk-error-summary a')
        .map((_, link) => `${$(link).attr('href')} ${$(link).text().trim()}`)
        .get(),
      ['#summary Enter what was said and agreed'],
    );
    assert.equal($('input[name="mode"][value="video"]').attr('checked'), 'checked');
    assert.equal($('input[name="mode"]:checked').length, 1);
    assert.equal($('#participants').val(), 'Both practitioners');
    assert.equal($('#occurredAt-day').val(), '23');
    assert.equal($('#occurredAt-time').val(), 'midnight');
  });

  test('a form corrected after a mistake still catches a change someone else made meanwhile', async () => {
    const disagreement = await anUrgentCase();
    const browser = await signIn(server.app, cast.school.manager.email);
    const when = {
      'occurredAt-day': '24',
      'occurredAt-month': '11',
      'occurredAt-year': '2026',
      'occurredAt-time': '9am',
    };
    await runCaseAction(
      deps(),
      recordDiscussion,
      {
        id: disagreement.id,
        version: 1,
        input: {
          occurredAt: '2026-11-24T08:00:00Z',
          mode: 'phone',
          participants: [],
          summary: 'Meanwhile',
        },
      },
      await as(cast.socialCare.practitioner),
    );
    const mistake = await post(browser, `/disagreements/${disagreement.id}/escalate`, {
      version: '1',
      toStageKey: 'stage-1',
      ...when,
    });
    assert.equal(mistake.statusCode, 400);
    const version = cheerio.load(mistake.body)('input[name="version"]').val();
    assert.equal(version, '1', 'the version first seen, not the one loaded for the error page');
    const corrected = await post(browser, `/disagreements/${disagreement.id}/escalate`, {
      version: String(version),
      toStageKey: 'stage-1',
      reason: 'No agreement',
      ...when,
    });
    assert.equal(corrected.statusCode, 409);
    assert.match(corrected.body, /Someone else changed this disagreement first/);
  });

  test('an outcome proposed by one side is confirmed by the other, then the case closes with a lesson', async () => {
    const disagreement = await anUrgentCase();
    const school = await signIn(server.app, cast.school.practitioner.email);
    const proposed = await post(school, `/disagreements/${disagreement.id}/propose-outcome`, {
      version: '1',
      agreedOutcome: 'Social care will assess',
      description: 'Start the assessment',
      ownerId: cast.socialCare.manager.id,
      'occurredAt-day': '24',
      'occurredAt-month': '11',
      'occurredAt-year': '2026',
      'occurredAt-time': '9:45am',
      'dueAt-day': '27',
      'dueAt-month': '11',
      'dueAt-year': '2026',
    });
    assert.equal(proposed.statusCode, 303);
    const socialCare = await signIn(server.app, cast.socialCare.practitioner.email);
    const waiting = await page(socialCare, '/waiting-for-you');
    assert.match(
      waiting.$('[data-testid="waiting-confirm"]').text(),
      /Confirm or reject the proposed outcome/,
    );
    const listed = waiting.$('[data-testid^="waiting-"] tbody tr').length;
    assert.equal(
      waiting.$('.govuk-service-navigation__link:contains("Waiting for you")').text().trim(),
      `Waiting for you (${listed})`,
      'the header counts what the page lists',
    );
    const confirmed = await post(socialCare, `/disagreements/${disagreement.id}/confirm-outcome`, {
      version: '2',
      answer: 'confirm',
    });
    assert.equal(confirmed.statusCode, 303);
    const closed = await post(socialCare, `/disagreements/${disagreement.id}/close`, {
      version: '3',
      lesson: 'yes',
      lessonThemes: ['training', 'partnership-guidance'],
      lessonText: 'Threshold training',
    });
    assert.equal(closed.statusCode, 303);
    const { $ } = await page(school, `/disagreements/${disagreement.id}`);
    assert.match($('[data-testid="case-status"]').text(), /Closed/);
    assert.match($('[data-testid="agreed-outcome"]').text(), /Social care will assess/);
    assert.match($.text(), /Training needs and New partnership guidance:\s*Threshold training/);
  });

  test('your disagreements come a page of 50 at a time, oldest last, none left out', async () => {
    const own = await aDisagreementCast(context.database);
    for (let n = 0; n < 55; n++) {
      await aCase(deps(), own, {
        raisedAt: '2026-11-23T14:00:00Z',
        children: [
          { firstName: 'Page', lastName: `Child ${n}`, dateOfBirth: null, expectedDueDate: null },
        ],
        otherPerson: null,
      });
    }
    const browser = await signIn(server.app, own.school.practitioner.email);
    const first = await page(browser, '/disagreements');
    const firstRefs = first
      .$('tbody a')
      .map((_, link) => first.$(link).text())
      .get();
    assert.equal(firstRefs.length, 50);
    const next = first.$('.govuk-pagination__next a').attr('href') ?? '';
    assert.match(next, /^\/disagreements\?cursor=/);
    const second = await page(browser, next);
    const secondRefs = second
      .$('tbody a')
      .map((_, link) => second.$(link).text())
      .get();
    assert.equal(secondRefs.length, 5);
    assert.equal(new Set([...firstRefs, ...secondRefs]).size, 55);
    assert.equal(second.$('.govuk-pagination__next').length, 0);
  });

  test('an overdue stage offers to tell the next level now, and telling them queues their message and says so', async () => {
    const overdue = await runCaseAction(
      deps(),
      escalate,
      {
        id: (await anUrgentCase('2026-11-16T09:00:00Z')).id,
        version: 1,
        input: { occurredAt: '2026-11-16T10:00:00Z', reason: 'No agreement' },
      },
      await as(cast.school.manager),
    );
    const browser = await signIn(server.app, cast.school.manager.email);
    const before = await page(browser, `/disagreements/${overdue.id}`);
    const offer = before.$('#next-level').text();
    assert.match(offer, new RegExp(cast.school.senior.name));
    assert.match(offer, new RegExp(cast.socialCare.senior.name));
    const told = await post(browser, `/disagreements/${overdue.id}/tell-next-level`, {
      version: String(overdue.version),
    });
    assert.equal(told.statusCode, 303);
    const queued = await outboxRepository(context.database.db).forDisagreement(overdue.id);
    assert.deepEqual(
      queued
        .filter((row) => row.kind === 'nextLevelAlert')
        .map((row) => row.recipient)
        .sort(),
      [cast.school.senior.email, cast.socialCare.senior.email].sort(),
    );
    const after = await page(browser, `/disagreements/${overdue.id}`);
    assert.match(after.$('.govuk-notification-banner').text(), /The next level has been told/);
    assert.match(after.$('[data-testid="timeline"]').text(), /The next level \(.+\) was told/);
    const stale = await post(browser, `/disagreements/${overdue.id}/tell-next-level`, {
      version: String(overdue.version),
    });
    assert.equal(stale.statusCode, 409);
  });

  test('the monitoring form is filled from the case, as a page and as a PDF, once stage 3 is reached', async () => {
    let disagreement = await anUrgentCase('2026-11-16T09:00:00Z');
    for (const day of ['17', '18', '19']) {
      disagreement = await runCaseAction(
        deps(),
        escalate,
        {
          id: disagreement.id,
          version: disagreement.version,
          input: { occurredAt: `2026-11-${day}T09:00:00Z`, reason: `Still stuck on the ${day}th` },
        },
        await as(cast.school.manager),
      );
    }
    const browser = await signIn(server.app, cast.team.email);
    const form = await page(browser, `/disagreements/${disagreement.id}/monitoring-form`);
    assert.equal(form.response.statusCode, 200);
    assert.match(form.$('h1').text(), /Stage 3 monitoring information/);
    assert.match(form.response.body, /Robin Example, born Friday 2 March 2018/);
    assert.match(form.response.body, /Jo Example/);
    const pdf = await server.app.inject({
      method: 'GET',
      url: `/disagreements/${disagreement.id}/monitoring-form.pdf`,
      headers: { cookie: browser.cookie },
    });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(
      pdf.headers['content-disposition'],
      `attachment; filename="${disagreement.reference}-monitoring-form.pdf"`,
    );
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'accord-')), 'form.pdf');
    writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.match(text, new RegExp(disagreement.reference));
    assert.match(text, /Robin Example/);
    assert.match(text, /1 Example Street/);
    assert.match(text, /Still stuck on the 18th/);
  });
});
