import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { escalate } from '../../../domain/disagreement/actions/escalate.ts';
import { withdraw } from '../../../domain/disagreement/actions/withdraw.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';
import { loadActor } from '../../../services/loadActor.ts';
import { runCaseAction } from '../../../services/runCaseAction.ts';

// Pan-Lancashire's Appendix 1 completed in Accord by the escalating side at stage 3: the
// meeting's date, the parents or carers, every senior officer involved.

const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('completing the monitoring form in Accord', (context) => {
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let atStage3: Disagreement;
  let atStage1: Disagreement;
  let withdrawnAtStage3: Disagreement;
  let school: Browser;

  const inject = (browser: Browser, url: string, payload?: Record<string, unknown>) =>
    server.app.inject({
      method: payload ? 'POST' : 'GET',
      url,
      headers: { cookie: browser.cookie },
      ...(payload ? { payload: { _csrf: browser.csrfToken, ...payload } } : {}),
    });

  before(async () => {
    cast = await aDisagreementCast(context.database);
    const deps = { database: context.database, clock };
    atStage1 = await aCase(deps, cast, { raisedAt: '2026-11-23T09:00:00Z' });
    const actor = {
      actor: await loadActor(context.database, cast.school.manager.id),
      via: 'cli' as const,
      requestId: null,
    };
    const raisedToStage3 = async () => {
      let raised = await aCase(deps, cast, { raisedAt: '2026-11-16T09:00:00Z' });
      for (const day of ['17', '18', '19']) {
        raised = await runCaseAction(
          deps,
          escalate,
          {
            id: raised.id,
            version: raised.version,
            input: {
              occurredAt: `2026-11-${day}T09:00:00Z`,
              reason: `Still stuck on the ${day}th`,
            },
          },
          actor,
        );
      }
      return raised;
    };
    atStage3 = await raisedToStage3();
    assert.equal(atStage3.stages.at(-1)?.key, 'stage-3');
    const toWithdraw = await raisedToStage3();
    withdrawnAtStage3 = await runCaseAction(
      deps,
      withdraw,
      {
        id: toWithdraw.id,
        version: toWithdraw.version,
        input: { reason: 'The family moved away' },
      },
      actor,
    );
    school = await signIn(server.app, cast.school.manager.email);
  });

  test('the form’s own questions are asked, saved, audited, and shown on the form and its PDF', async () => {
    const url = `/disagreements/${atStage3.id}/monitoring-form/complete`;
    const formPage = cheerio.load(
      (await inject(school, `/disagreements/${atStage3.id}/monitoring-form`)).body,
    );
    assert.equal(formPage(`a[href="${url}"]`).length, 1, 'the form links to its completion');

    const $ = cheerio.load((await inject(school, url)).body);
    assert.equal($('h1').text().trim(), 'Complete the monitoring form');
    assert.equal($('input[name="officer-1-name"]').length, 1);
    const conditional = $('#parentsInformed').attr('data-aria-controls');
    assert.equal($(`#${conditional} textarea[name="parentsViews"]`).length, 1);
    // Enter in a text field submits with the form's first submit button: it must save.
    const submits = $('form[action$="/monitoring-form/complete"]').find(
      'button:not([type]), button[type="submit"], input[type="submit"]',
    );
    assert.equal(submits.first().text().trim(), 'Save the answers');
    assert.equal(submits.first().attr('name'), undefined, 'Save sends no addAnother');
    assert.ok(
      submits.filter((_, button) => $(button).text().trim() === 'Add another senior officer')
        .length,
    );

    // Adding another row saves nothing and keeps what was typed.
    const added = cheerio.load(
      (
        await inject(school, url, {
          officerCount: '1',
          'officer-1-name': 'Morgan Example',
          addAnother: '1',
        })
      ).body,
    );
    assert.equal(added('input[name="officer-2-name"]').length, 1);
    assert.equal(added('input[name="officer-1-name"]').val(), 'Morgan Example');
    assert.equal(added('input[name="officerCount"]').val(), '2');

    const refused = await inject(school, url, {
      officerCount: '2',
      parentsInformed: 'yes',
      'officer-1-name': 'Morgan Example',
      'officer-2-role': 'Head of Service',
    });
    assert.equal(refused.statusCode, 400);
    const $refused = cheerio.load(refused.body);
    assert.match($refused('#officer-2-name-error').text(), /Enter the name of senior officer 2/);
    assert.equal(
      $refused('.govuk-error-summary a[href="#officer-2-name"]').length,
      1,
      'the summary links to the field',
    );

    assert.equal($('input[type="hidden"][name="version"]').val(), '0', 'nothing saved yet');
    const saved = await inject(school, url, {
      version: '0',
      officerCount: '3',
      'meetingDate-day': '18',
      'meetingDate-month': '11',
      'meetingDate-year': '2026',
      parentsInformed: 'yes',
      parentsViews: 'The carers want the school to keep supporting Robin.',
      'officer-1-name': 'Morgan Example',
      'officer-1-role': 'Head of Service',
      'officer-1-agency': cast.socialCare.agency.name,
      'officer-3-name': 'Rowan Example',
      'officer-3-role': 'Headteacher',
      'officer-3-agency': cast.school.agency.name,
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/disagreements/${atStage3.id}/monitoring-form`);

    const shown = cheerio.load(
      (await inject(school, `/disagreements/${atStage3.id}/monitoring-form`)).body,
    );
    const value = (key: string) =>
      shown(`.govuk-summary-list__key:contains("${key}")`).next().html()?.trim();
    assert.equal(value('Date of the meeting or discussion'), 'Wednesday 18 November 2026');
    assert.equal(value('Parents or carers told'), 'Yes');
    assert.equal(
      value('Senior officers involved'),
      `Morgan Example, Head of Service, ${cast.socialCare.agency.name}<br>Rowan Example, Headteacher, ${cast.school.agency.name}`,
    );

    const pdf = await inject(school, `/disagreements/${atStage3.id}/monitoring-form.pdf`);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'accord-')), 'form.pdf');
    writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.match(text, /Wednesday 18 November 2026/);
    assert.match(text, /The carers want the school to keep supporting Robin\./);
    assert.match(text, /Morgan Example, Head of Service/);
    assert.match(text, /Rowan Example, Headteacher/);

    // Opened again, the answers are there to change.
    const again = cheerio.load((await inject(school, url)).body);
    assert.equal(again('input[name="officer-2-name"]').val(), 'Rowan Example');
    assert.equal(again('input[name="meetingDate-day"]').val(), '18');
    assert.equal(again('input[name="version"]').val(), '1');

    const audited = await context.database.db
      .selectFrom('audit_log')
      .select('record_id')
      .where('action', '=', 'disagreement.monitoring-form-completed')
      .execute();
    assert.deepEqual(
      audited.map((row) => row.record_id),
      [atStage3.id],
    );
  });

  test('a save made from a stale page is refused with 409, keeping what was typed', async () => {
    const url = `/disagreements/${atStage3.id}/monitoring-form/complete`;
    const stale = await inject(school, url, {
      version: '0',
      officerCount: '1',
      parentsInformed: 'yes',
      parentsViews: 'Typed on a page opened before the last save.',
      'officer-1-name': 'Sam Example',
    });
    assert.equal(stale.statusCode, 409);
    const $ = cheerio.load(stale.body);
    assert.match($('.govuk-error-summary').text(), /Someone else saved these answers first/);
    assert.equal(
      $('textarea[name="parentsViews"]').val(),
      'Typed on a page opened before the last save.',
    );
    assert.equal($('input[name="officer-1-name"]').val(), 'Sam Example');
    assert.equal($('input[name="version"]').val(), '1', 'the page now knows the latest save');
    const kept = await context.database.db
      .selectFrom('monitoring_form_answers')
      .select('parents_views')
      .where('disagreement_id', '=', atStage3.id)
      .executeTakeFirstOrThrow();
    assert.equal(kept.parents_views, 'The carers want the school to keep supporting Robin.');

    const savedAgain = await inject(school, url, {
      version: '1',
      officerCount: '1',
      parentsInformed: 'yes',
      parentsViews: 'Typed on a page opened before the last save.',
      'officer-1-name': 'Sam Example',
    });
    assert.equal(savedAgain.statusCode, 303);
  });

  test('once the case is withdrawn the form is read, not changed', async () => {
    const form = cheerio.load(
      (await inject(school, `/disagreements/${withdrawnAtStage3.id}/monitoring-form`)).body,
    );
    assert.equal(form('a[href$="/monitoring-form/complete"]').length, 0);
    assert.match(
      form('main').text(),
      /The disagreement has been withdrawn: its monitoring form can be read but not changed/,
    );
    const url = `/disagreements/${withdrawnAtStage3.id}/monitoring-form/complete`;
    assert.equal((await inject(school, url)).statusCode, 422);
    const post = await inject(school, url, {
      version: '0',
      officerCount: '1',
      parentsInformed: 'no',
    });
    assert.equal(post.statusCode, 422);
    const stored = await context.database.db
      .selectFrom('monitoring_form_answers')
      .select('disagreement_id')
      .where('disagreement_id', '=', withdrawnAtStage3.id)
      .execute();
    assert.deepEqual(stored, []);
  });

  test('the partnership team reads the form but does not complete it; before stage 3 nobody does', async () => {
    const team = await signIn(server.app, cast.team.email);
    const form = cheerio.load(
      (await inject(team, `/disagreements/${atStage3.id}/monitoring-form`)).body,
    );
    assert.equal(form('a[href$="/monitoring-form/complete"]').length, 0);
    assert.equal(
      (await inject(team, `/disagreements/${atStage3.id}/monitoring-form/complete`)).statusCode,
      403,
    );
    assert.equal(
      (await inject(school, `/disagreements/${atStage1.id}/monitoring-form/complete`)).statusCode,
      422,
    );
  });
});
