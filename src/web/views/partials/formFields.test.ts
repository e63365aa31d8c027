import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as cheerio from 'cheerio';
import { z } from 'zod';
import { checkboxesField, radiosField, textareaField } from '../../../forms/fields.ts';
import { checkFields, errorList, fieldViews } from '../../../forms/form.ts';
import { revealed } from '../../../forms/reveals.ts';
import { viewEnvironment } from '../../plugins/views.ts';

// The toolkit's conditional reveals, drawn by partials/formFields.njk through govuk-frontend.

const environment = viewEnvironment();
const render = (components: unknown) =>
  cheerio.load(
    environment.renderString(
      '{% from "partials/formFields.njk" import formFields %}{{ formFields(components) }}',
      { components },
    ),
  );

const fields = {
  answer: radiosField({
    label: 'Do you agree?',
    choices: [
      { value: 'yes', text: 'Yes' },
      { value: 'no', text: 'No' },
    ],
    schema: z.enum(['yes', 'no'], { error: 'Choose an answer' }),
  }),
  why: revealed(
    { field: 'answer', value: 'no' },
    textareaField({
      label: 'Why not?',
      schema: z.string().trim().min(1, 'Enter why not').default(''),
    }),
  ),
  themes: checkboxesField({
    label: 'About what?',
    choices: [
      { value: 'a', text: 'A' },
      { value: 'b', text: 'B' },
    ],
    schema: z.array(z.enum(['a', 'b'])),
  }),
  aboutB: revealed(
    { field: 'themes', value: 'b' },
    textareaField({
      label: 'What about B?',
      schema: z.string().trim().min(1, 'Say what').default(''),
    }),
  ),
};

test('a revealed field is drawn inside the conditional of the choice that reveals it, once', () => {
  const $ = render(fieldViews(fields, {}, {}));
  assert.equal($('textarea[name="why"]').length, 1);
  const conditional = $('#answer-2').attr('data-aria-controls');
  assert.ok(conditional, 'the "No" radio controls its conditional');
  assert.equal($(`#${conditional} textarea[name="why"]`).length, 1);
  // Hidden only where govuk-frontend's script runs; without it every revealed field shows.
  assert.ok($(`#${conditional}`).hasClass('govuk-radios__conditional--hidden'));
  assert.equal($('#answer').attr('data-aria-controls'), undefined);
  const underB = $('#themes-2').attr('data-aria-controls');
  assert.equal($(`#${underB} textarea[name="aboutB"]`).length, 1);
});

test('its problem is beside it, inside the revealed conditional, and the summary links to it', () => {
  const sent = { answer: 'no', why: '  ' };
  const checked = checkFields(fields, sent);
  assert.equal(checked.ok, false);
  const errors = checked.ok ? {} : checked.errors;
  assert.deepEqual(errors, { why: 'Enter why not' });
  const $ = render(fieldViews(fields, sent, errors));
  const conditional = $('#answer-2').attr('data-aria-controls');
  assert.match($(`#${conditional} #why-error`).text(), /Enter why not/);
  assert.ok(!$(`#${conditional}`).hasClass('govuk-radios__conditional--hidden'));
  assert.deepEqual(errorList(errors, fields, sent), [{ text: 'Enter why not', href: '#why' }]);
});

test('a field under a choice not made is not asked: its answer is not read, nor refused', () => {
  const checked = checkFields(fields, { answer: 'yes', why: 'typed, then changed my mind' });
  assert.deepEqual(checked, {
    ok: true,
    values: { answer: 'yes', why: '', themes: [], aboutB: '' },
  });
  const ticked = checkFields(fields, { answer: 'yes', themes: ['a', 'b'], aboutB: 'More of B' });
  assert.ok(ticked.ok);
  assert.equal(ticked.values.aboutB, 'More of B');
  assert.deepEqual(checkFields(fields, { answer: 'yes', themes: 'b', aboutB: ' ' }), {
    ok: false,
    errors: { aboutB: 'Say what' },
  });
});

test('what was typed into a revealed field is escaped like any other', () => {
  const $ = render(fieldViews(fields, { answer: 'no', why: '<script>alert(1)</script>' }, {}));
  assert.equal($('textarea[name="why"]').text(), '<script>alert(1)</script>');
  assert.equal($('script').length, 0);
});
