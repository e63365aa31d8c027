import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';

// The case action pages' conditional reveals: the reject reason under "No, reject it", the
// lesson under "Yes, there is a lesson". Without JavaScript they all show (govuk-frontend hides
// them only where its script runs); a problem in one shows beside it, revealed.

const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('fields revealed by a choice on the case pages', (context) => {
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let school: Browser;
  let socialCare: Browser;

  const inject = (browser: Browser, url: string, payload?: Record<string, unknown>) =>
    server.app.inject({
      method: payload ? 'POST' : 'GET',
      url,
      headers: { cookie: browser.cookie },
      ...(payload ? { payload: { _csrf: browser.csrfToken, ...payload } } : {}),
    });
  const conditionalOf = ($: cheerio.CheerioAPI, radioLabel: string) => {
    const input = $(`label:contains("${radioLabel}")`).prev('input');
    return $(`#${input.attr('data-aria-controls')}`);
  };

  async function aProposedCase() {
    const disagreement = await aCase({ database: context.database, clock }, cast, {
      raisedAt: '2026-11-23T14:00:00Z',
    });
    const proposed = await inject(school, `/disagreements/${disagreement.id}/propose-outcome`, {
      version: '1',
      agreedOutcome: 'Social care will assess',
      'occurredAt-day': '24',
      'occurredAt-month': '11',
      'occurredAt-year': '2026',
      'occurredAt-time': '9:45am',
    });
    assert.equal(proposed.statusCode, 303);
    return disagreement;
  }

  before(async () => {
    cast = await aDisagreementCast(context.database);
    school = await signIn(server.app, cast.school.practitioner.email);
    socialCare = await signIn(server.app, cast.socialCare.practitioner.email);
  });

  test('the reason to reject is under “No, reject it”, and its problem beside it', async () => {
    const disagreement = await aProposedCase();
    const url = `/disagreements/${disagreement.id}/confirm-outcome`;
    const $ = cheerio.load((await inject(socialCare, url)).body);
    const underReject = conditionalOf($, 'No, reject it');
    assert.equal(underReject.find('textarea[name="reason"]').length, 1);
    assert.equal($('textarea[name="reason"]').length, 1, 'asked once, under its choice');
    assert.equal(conditionalOf($, 'Yes, confirm it').length, 0);

    const refused = await inject(socialCare, url, { version: '2', answer: 'reject', reason: ' ' });
    assert.equal(refused.statusCode, 400);
    const $refused = cheerio.load(refused.body);
    const shown = conditionalOf($refused, 'No, reject it');
    assert.match(shown.find('#reason-error').text(), /Enter why your agency does not agree/);
    assert.ok(!shown.hasClass('govuk-radios__conditional--hidden'), 'shown with its problem');
    assert.equal($refused('.govuk-error-summary a').attr('href'), '#reason');

    // A reason typed and then left under a choice not made is not read.
    const confirmed = await inject(socialCare, url, {
      version: '2',
      answer: 'confirm',
      reason: 'Changed my mind',
    });
    assert.equal(confirmed.statusCode, 303);
  });

  test('the lesson is under “Yes”: its themes and its text, each problem beside its field', async () => {
    const disagreement = await aProposedCase();
    const confirmed = await inject(
      socialCare,
      `/disagreements/${disagreement.id}/confirm-outcome`,
      {
        version: '2',
        answer: 'confirm',
      },
    );
    assert.equal(confirmed.statusCode, 303);
    const url = `/disagreements/${disagreement.id}/close`;
    const $ = cheerio.load((await inject(school, url)).body);
    const underYes = conditionalOf($, 'Yes');
    assert.equal(underYes.find('input[name="lessonThemes"]').length > 0, true);
    assert.equal(underYes.find('textarea[name="lessonText"]').length, 1);

    const refused = await inject(school, url, { version: '3', lesson: 'yes', lessonText: ' ' });
    assert.equal(refused.statusCode, 400);
    const shown = conditionalOf(cheerio.load(refused.body), 'Yes');
    assert.match(shown.find('#lessonThemes-error').text(), /Tick what the lesson is about/);
    assert.match(shown.find('#lessonText-error').text(), /Enter the lesson/);

    const unanswered = await inject(school, url, { version: '3' });
    assert.match(
      cheerio.load(unanswered.body)('#lesson-error').text(),
      /Choose yes if there is a lesson/,
    );

    const closed = await inject(school, url, {
      version: '3',
      lesson: 'no',
      lessonThemes: 'training',
      lessonText: 'Not meant',
    });
    assert.equal(closed.statusCode, 303);
    const casePage = cheerio.load((await inject(school, `/disagreements/${disagreement.id}`)).body);
    assert.doesNotMatch(casePage.text(), /Not meant/);
  });
});
