import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast } from '../../../../test/factories.ts';
import { signIn } from '../../../../test/signIn.ts';
import { valuesWithStrayBlankLines } from '../../../../test/summaryLists.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Person } from '../../../domain/directory/directory.ts';
import { escalate } from '../../../domain/disagreement/actions/escalate.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';
import { loadActor } from '../../../services/loadActor.ts';
import { addMeetingPlace } from '../../../services/manageDirectory.ts';
import { runCaseAction } from '../../../services/runCaseAction.ts';

describeOnEachDatabase('the meeting pages', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const server = useTestApp(context, { clock });
  let cast: Awaited<ReturnType<typeof aDisagreementCast>>;
  let atPanel: Disagreement;
  const as = async (person: Person) => ({
    actor: await loadActor(context.database, person.id),
    via: 'cli' as const,
    requestId: null,
  });

  before(async () => {
    cast = await aDisagreementCast(context.database, { protocolId: 'humber' });
    const deps = { database: context.database, clock };
    const raised = await aCase(deps, cast, { raisedAt: '2026-11-23T09:00:00Z' });
    atPanel = await runCaseAction(
      deps,
      escalate,
      {
        id: raised.id,
        version: raised.version,
        input: {
          occurredAt: '2026-11-24T09:00:00Z',
          reason: 'Policy issues',
          toStageKey: 'stage-4',
          writtenAccount: 'Our account',
        },
      },
      await as(cast.school.senior),
    );
    await addMeetingPlace(deps, { name: 'Civic Centre', address: 'Room 2' }, await as(cast.team));
  });

  test('the partnership team arranges the panel, everyone sees it on the case, and the minutes follow the meeting', async () => {
    const browser = await signIn(server.app, cast.team.email);
    const get = async (url: string) => {
      const response = await server.app.inject({
        method: 'GET',
        url,
        headers: { cookie: browser.cookie },
      });
      return { response, $: cheerio.load(response.body) };
    };
    const post = (url: string, payload: Record<string, string | string[]>) =>
      server.app.inject({
        method: 'POST',
        url,
        headers: { cookie: browser.cookie },
        payload: { _csrf: browser.csrfToken, ...payload },
      });

    const casePage = await get(`/disagreements/${atPanel.id}`);
    assert.equal(casePage.$('a[href$="/arrange-meeting"]').text(), 'Arrange the meeting');
    const form = await get(`/disagreements/${atPanel.id}/arrange-meeting`);
    const chairs = form
      .$('#chairId option')
      .map((_, option) => form.$(option).text())
      .get();
    assert.deepEqual(chairs.slice(1), [`${cast.team.name} (the partnership team)`]);
    assert.equal(
      form.$('input[name="attendeeIds"]:checked').length,
      2,
      'the stage’s senior managers are ticked',
    );

    const places = form
      .$('input[name="placeChoice"]')
      .map((_, input) =>
        form
          .$(`label[for="${form.$(input).attr('id')}"]`)
          .text()
          .trim(),
      )
      .get();
    assert.deepEqual(places, ['Civic Centre', 'Online', 'Somewhere else']);
    const civicCentre = form.$('input[name="placeChoice"]').first().attr('value') ?? '';
    const missing = await post(`/disagreements/${atPanel.id}/arrange-meeting`, {
      version: String(atPanel.version),
    });
    assert.equal(missing.statusCode, 400);
    assert.match(cheerio.load(missing.body)('.govuk-error-summary').text(), /Choose the chair/);

    const arranged = await post(`/disagreements/${atPanel.id}/arrange-meeting`, {
      version: String(atPanel.version),
      chairId: cast.team.id,
      'startsAt-day': '26',
      'startsAt-month': '11',
      'startsAt-year': '2026',
      'startsAt-time': '2pm',
      duration: '90',
      placeChoice: civicCentre,
      placeDetails: 'Ask at reception',
      attendeeIds: [cast.school.senior.id, cast.socialCare.senior.id],
    });
    assert.equal(arranged.statusCode, 303);

    const other = await signIn(server.app, cast.socialCare.senior.email);
    const seen = await server.app.inject({
      method: 'GET',
      url: `/disagreements/${atPanel.id}`,
      headers: { cookie: other.cookie },
    });
    const meeting = cheerio
      .load(seen.body)('#meeting')
      .nextAll('.govuk-summary-list')
      .first()
      .text();
    assert.match(
      meeting,
      /2pm on Thursday 26 November 2026 to 3:30pm on Thursday 26 November 2026/,
    );
    assert.match(meeting, /Civic Centre, Room 2: Ask at reception/);
    assert.match(meeting, new RegExp(cast.team.name));

    const ics = await get(`/disagreements/${atPanel.id}/meeting.ics`);
    assert.match(String(ics.response.headers['content-type']), /^text\/calendar/);
    assert.match(ics.response.body, /BEGIN:VEVENT[\s\S]*DTSTART:20261126T140000Z/);

    const early = await post(`/disagreements/${atPanel.id}/meeting-minutes`, {
      version: String(atPanel.version + 1),
      minutes: 'Too soon',
    });
    assert.equal(early.statusCode, 422);
    assert.match(cheerio.load(early.body)('#minutes-error').text(), /once the meeting has started/);
    clock.set('2026-11-26T16:00:00Z');
    // Two days on, the session has long expired: sign in again.
    Object.assign(browser, await signIn(server.app, cast.team.email));
    const minuted = await post(`/disagreements/${atPanel.id}/meeting-minutes`, {
      version: String(atPanel.version + 1),
      minutes: 'The panel agreed a joint assessment.\nSocial care leads it.',
    });
    assert.equal(minuted.statusCode, 303);
    const minutedPage = (await get(`/disagreements/${atPanel.id}`)).$;
    const meetingList = minutedPage('#meeting').nextAll('.govuk-summary-list').first();
    assert.match(meetingList.text(), /The panel agreed a joint assessment/);
    // Typed lines kept, with no blank line above or below them.
    const minutesValue = meetingList
      .find('.govuk-summary-list__row')
      .filter(
        (_, row) => minutedPage(row).find('.govuk-summary-list__key').text().trim() === 'Minutes',
      )
      .find('.govuk-summary-list__value');
    assert.equal(
      minutesValue.html()?.trim(),
      'The panel agreed a joint assessment.<br>Social care leads it.',
    );
    assert.deepEqual(valuesWithStrayBlankLines(minutedPage), []);
    clock.set('2026-11-24T10:00:00Z');
  });
});
