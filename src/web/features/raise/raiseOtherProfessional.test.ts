import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { aDisagreementCast, aPerson, type Cast } from '../../../../test/factories.ts';
import { type Pages, page, pagesFor, walkTo, withFamily } from '../../../../test/raiseJourney.ts';
import { signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { peopleRepository } from '../../../db/repositories/peopleRepository.ts';
import { fixedClock } from '../../../domain/clock.ts';

// "Which professional do you disagree with?": without JavaScript a select of the other agency's
// people, each "Name — Job title, Agency"; marked for accord.js to make it alphagov's
// accessible-autocomplete, whose script is served from our own origin under the CSP.

describeOnEachDatabase('choosing the other professional', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let pages: Pages;
  let leaver: { id: string };

  before(async () => {
    cast = await aDisagreementCast(context.database);
    const people = peopleRepository(context.database.db);
    const practitioner = cast.socialCare.practitioner;
    await people.update(practitioner.id, { ...practitioner, jobTitle: 'Social Worker' });
    leaver = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      agencyId: cast.socialCare.agency.id,
      name: 'Lee Leaver',
    });
    const stored = await people.get(leaver.id);
    if (stored) await people.update(leaver.id, { ...stored, active: false });
    pages = pagesFor(server.app, await signIn(server.app, cast.school.practitioner.email));
  });

  test('a select of the other agency’s active people, each with job title and agency, marked to become an autocomplete', async () => {
    const elsewhere = await aDisagreementCast(context.database);
    await walkTo(pages, cast, 'other-professional', withFamily);
    const response = await pages.get('/disagreements/new/other-professional');
    const $ = page(response);
    const select = $('select#otherPersonId');
    assert.equal(select.attr('data-accord-autocomplete'), '');
    const options = select
      .find('option')
      .map((_, option) => ({ value: $(option).attr('value'), text: $(option).text().trim() }))
      .get();
    assert.deepEqual(options[0], { value: '', text: 'I do not know, or it is not one person' });
    const agency = cast.socialCare.agency.name;
    assert.ok(
      options.some(
        (option) =>
          option.value === cast.socialCare.practitioner.id &&
          option.text === `${cast.socialCare.practitioner.name} — Social Worker, ${agency}`,
      ),
    );
    assert.ok(
      options.some((option) => option.text === `${cast.socialCare.manager.name} — ${agency}`),
      'no job title: name and agency',
    );
    const ids = options.map((option) => option.value);
    assert.ok(!ids.includes(leaver.id), 'no one deactivated');
    assert.ok(!ids.includes(cast.school.manager.id), 'not the raiser’s own agency');
    assert.ok(!ids.includes(elsewhere.socialCare.practitioner.id), 'never another partnership');
    assert.equal(options.length, 1 + 5, 'the placeholder and the agency’s five active people');

    // The script loads from our own origin, before accord.js; nothing inline runs.
    const scripts = $('script[src]')
      .map((_, script) => $(script).attr('src'))
      .get();
    assert.deepEqual(scripts, [
      '/assets/accessible-autocomplete.min.js',
      '/assets/sessionTimeout.js',
      '/assets/accord.js',
    ]);
    // Only govuk-frontend's template's one line runs inline, by its nonce.
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /script-src 'self' 'nonce-[0-9a-f]+';/);
    assert.doesNotMatch(csp, /unsafe/);
    const script = await server.app.inject({ url: '/assets/accessible-autocomplete.min.js' });
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers['content-type']), /javascript/);
    assert.match(script.body, /enhanceSelectElement/);
    const css = await server.app.inject({ url: '/assets/accord.css' });
    assert.match(css.body, /\.autocomplete__wrapper/);
  });

  test('a deactivated person or one of another partnership is refused beside the question', async () => {
    const elsewhere = await aDisagreementCast(context.database);
    for (const otherPersonId of [leaver.id, elsewhere.socialCare.practitioner.id]) {
      await walkTo(pages, cast, 'other-professional', withFamily);
      const refused = await pages.post('/disagreements/new/other-professional', { otherPersonId });
      assert.equal(refused.statusCode, 400);
      assert.equal(
        page(refused)('#otherPersonId-error').text().replace(/\s+/g, ' ').trim(),
        'Error: Select the professional from the list',
      );
    }
  });
});
