import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import {
  errorOf,
  type Pages,
  page,
  pagesFor,
  summaryLinks,
  walkTo,
  withFamily,
} from '../../../../test/raiseJourney.ts';
import { signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';

// "Is the child born yet?" before the date: Yes reveals the date of birth, No the expected due
// date (GOV.UK conditional reveals, both shown without JavaScript); each problem beside its field.

describeOnEachDatabase('the children page asks whether the child is born yet', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let pages: Pages;

  before(async () => {
    cast = await aDisagreementCast(context.database);
    pages = pagesFor(server.app, await signIn(server.app, cast.school.practitioner.email));
  });
  const child = (born: Record<string, string>) => ({
    action: 'add',
    firstName: 'Ada',
    lastName: 'Example',
    ...born,
  });
  const listed = async () => {
    const $ = page(await pages.get('/disagreements/new/children'));
    return $('[data-testid="children"] .govuk-summary-list__row')
      .map((_, row) => `${$(row).find('dt').text()}: ${$(row).find('dd').first().text().trim()}`)
      .get();
  };

  test('the question comes before the dates, each date revealed under its answer', async () => {
    await walkTo(pages, cast, 'children', withFamily);
    const $ = page(await pages.get('/disagreements/new/children'));
    const order = $('input, legend')
      .map((_, element) => $(element).attr('name') ?? $(element).text().trim())
      .get()
      .filter((name) => /firstName|lastName|born|Date of birth|Expected due date/.test(name));
    assert.deepEqual(order, [
      'firstName',
      'lastName',
      'Is the child born yet?',
      'born',
      'Date of birth',
      'born',
      'Expected due date',
    ]);
    const yes = $('input[name="born"][value="yes"]');
    const no = $('input[name="born"][value="no"]');
    assert.equal($(`#${yes.attr('data-aria-controls')} #dateOfBirth-day`).length, 1);
    assert.equal($(`#${no.attr('data-aria-controls')} #expectedDueDate-day`).length, 1);
    // Hidden only where govuk-frontend's script runs: without JavaScript both are shown.
    assert.ok($(`#${yes.attr('data-aria-controls')}`).hasClass('govuk-radios__conditional'));
    assert.equal($('.govuk-radios--inline').length, 0, 'conditional reveals are never inline');
  });

  test('each problem is beside the field it is about, and nothing is added', async () => {
    await walkTo(pages, cast, 'children', withFamily);
    const unanswered = page(await pages.post('/disagreements/new/children', child({})));
    assert.deepEqual(summaryLinks(unanswered), ['#born Select yes if the child is born']);
    assert.equal(errorOf(unanswered, 'born'), 'Error: Select yes if the child is born');

    const noBirthday = page(
      await pages.post('/disagreements/new/children', child({ born: 'yes' })),
    );
    assert.deepEqual(summaryLinks(noBirthday), [
      '#dateOfBirth-day Enter the child’s date of birth',
    ]);
    assert.equal(errorOf(noBirthday, 'dateOfBirth'), 'Error: Enter the child’s date of birth');
    assert.equal(noBirthday('input[name="born"]:checked').attr('value'), 'yes');
    assert.ok(!noBirthday('#conditional-born').hasClass('govuk-radios__conditional--hidden'));

    const noDueDate = page(await pages.post('/disagreements/new/children', child({ born: 'no' })));
    assert.deepEqual(summaryLinks(noDueDate), ['#expectedDueDate-day Enter the expected due date']);
    assert.equal(errorOf(noDueDate, 'expectedDueDate'), 'Error: Enter the expected due date');
    assert.deepEqual(await listed(), []);
  });

  test('only the date under the answer chosen is kept: the other, typed without JavaScript, is not read', async () => {
    await walkTo(pages, cast, 'children', withFamily);
    const born = await pages.post(
      '/disagreements/new/children',
      child({
        born: 'yes',
        'dateOfBirth-day': '3',
        'dateOfBirth-month': '6',
        'dateOfBirth-year': '2019',
        'expectedDueDate-day': '99',
      }),
    );
    assert.equal(born.statusCode, 303, born.body.slice(0, 1000));
    const unborn = await pages.post('/disagreements/new/children', {
      ...child({ born: 'no', 'expectedDueDate-day': '14' }),
      firstName: 'Baby',
      'expectedDueDate-month': '3',
      'expectedDueDate-year': '2027',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '1',
      'dateOfBirth-year': '2020',
    });
    assert.equal(unborn.statusCode, 303, unborn.body.slice(0, 1000));
    assert.deepEqual(await listed(), [
      'Ada Example: Born Monday 3 June 2019',
      'Baby Example: Due Sunday 14 March 2027',
    ]);
  });
});
