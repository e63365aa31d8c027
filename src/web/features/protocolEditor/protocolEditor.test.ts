import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as cheerio from 'cheerio';
import { aPerson, setUpAccord } from '../../../../test/factories.ts';
import { formOf, useProtocolEditor } from '../../../../test/protocolEditorKit.ts';
import { signIn } from '../../../../test/signIn.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { partnershipRepository } from '../../../db/repositories/partnershipRepository.ts';
import { parseProtocolFile } from '../../../domain/protocol/validateProtocol.ts';

describeOnEachDatabase('protocol editor pages', (context) => {
  const editor = useProtocolEditor(context);
  const { get, post, newDraft } = editor;

  test('a draft from a built-in protocol: overview, a stage changed, the change saved', async () => {
    const draft = await newDraft();
    assert.match(draft, /^\/protocol\/drafts\/[0-9a-f-]{36}$/);
    const overview = await get(draft);
    assert.equal(overview.response.statusCode, 200);
    assert.match(overview.$('main').text(), /Started from built-in pan-lancashire/);
    assert.match(overview.$('main').text(), /The checker finds no problems/);

    const stage = await get(`${draft}/stages/0`);
    assert.equal(stage.response.statusCode, 200);
    const values = formOf(stage.$);
    const saved = await post(`${draft}/stages/0`, {
      ...values,
      name: 'Practitioners talk',
      timescaleUnit: 'workingDays',
      timescaleAmount: '3',
    });
    assert.equal(saved.statusCode, 303, saved.body);
    assert.equal(saved.headers.location, draft);
    const again = formOf((await get(`${draft}/stages/0`)).$);
    assert.equal(again.name, 'Practitioners talk');
    assert.equal(again.timescaleAmount, '3');
  });

  test('anyone but the partnership team finds no editor, and no other partnership’s draft', async () => {
    const draft = await newDraft();
    const practitioner = await aPerson(context.database, {
      partnershipId: editor.partnershipId,
      roles: ['practitioner'],
    });
    const theirs = await signIn(editor.app, practitioner.email);
    for (const url of ['/protocol/drafts/new', draft, `${draft}/stages/0`, `${draft}/preview`]) {
      const response = await editor.app.inject({
        method: 'GET',
        url,
        headers: { cookie: theirs.cookie },
      });
      assert.equal(response.statusCode, 404, url);
    }
    const other = await setUpAccord(context.database);
    const otherTeam = await aPerson(context.database, {
      partnershipId: other.partnershipId,
      roles: ['partnership-team'],
    });
    const otherBrowser = await signIn(editor.app, otherTeam.email);
    const response = await editor.app.inject({
      method: 'GET',
      url: draft,
      headers: { cookie: otherBrowser.cookie },
    });
    assert.equal(response.statusCode, 404);
  });

  test('starting from the protocol in force numbers the draft as the next version; nothing chosen is a problem', async () => {
    const nothing = await post('/protocol/drafts/new', {});
    assert.equal(nothing.statusCode, 400);
    const $ = cheerio.load(nothing.body);
    assert.equal($('.govuk-error-summary a').attr('href'), '#from');
    assert.match($('#from-error').text(), /Choose what to start from/);

    const draft = await newDraft('current');
    const about = formOf((await get(`${draft}/about`)).$);
    const current = await partnershipRepository(context.database.db).protocolVersion(
      editor.partnershipId,
    );
    assert.equal(about.version, String((current?.version ?? 0) + 1));
    assert.match(
      (await get(draft)).$('main').text(),
      new RegExp(`Started from version ${current?.version}`),
    );
    // The start page lists the drafts.
    const start = await get('/protocol/drafts/new');
    assert.ok(start.$(`a[href="${draft}"]`).length === 1);
  });

  test('an empty name is saved, shown beside its field in the checker’s words, and listed on the overview', async () => {
    const draft = await newDraft();
    const values = formOf((await get(`${draft}/stages/1`)).$);
    const response = await post(`${draft}/stages/1`, { ...values, name: '   ' });
    assert.equal(response.statusCode, 200);
    const $ = cheerio.load(response.body);
    assert.match($('#name-error').text(), /Name must not be empty/);
    assert.equal($('.govuk-error-summary a').first().attr('href'), '#name');
    assert.match($('.govuk-inset-text').text(), /Your changes are saved/);
    const overview = await get(draft);
    const link = overview.$('.govuk-error-summary a').first();
    assert.equal(link.attr('href'), `${draft}/stages/1?check#name`);
    assert.equal(link.text(), 'stages[1].name: must not be empty');
    // Followed, the link shows the problem beside its field; the page alone does not.
    const followed = await get(`${draft}/stages/1?check`);
    assert.match(followed.$('#name-error').text(), /Name must not be empty/);
    assert.equal((await get(`${draft}/stages/1`)).$('#name-error').length, 0);
    // Until it is fixed, the draft cannot be adopted or previewed.
    const adopt = await get(`${draft}/adopt`);
    assert.match(adopt.$('h1').text(), /cannot be adopted/);
    assert.equal(adopt.$('textarea[name=reason]').length, 0);
    assert.match((await get(`${draft}/preview`)).$('h1').text(), /Fix the draft’s problems/);
  });

  test('stages are added, moved and removed; a removed stage leaves the limits that covered it', async () => {
    const draft = await newDraft();
    const keys = async () =>
      (await get(`${draft}/stages`))
        .$('tbody tr td:first-child a')
        .map((_, a) => cheerio.load(a).text())
        .get();
    const before = await keys();
    const version = async () => formOf((await get(`${draft}/stages/0`)).$).draftVersion;

    const added = await post(`${draft}/stages`, { draftVersion: await version() });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, `${draft}/stages/${before.length}`);
    assert.equal((await keys()).length, before.length + 1);
    // Pan-Lancashire's ladder is an unnumbered first stage and stages 1 to 3: the new one is 4.
    assert.equal((await keys()).at(-1), 'Stage 4: stage-4');

    const moved = await post(`${draft}/stages/0/move-down`, { draftVersion: await version() });
    assert.equal(moved.statusCode, 303);
    const after = await keys();
    assert.equal(after[0], before[1]);
    assert.equal(after[1], before[0]);

    // Removing asks first; the confirmation removes it.
    const confirm = await get(`${draft}/stages/0/remove`);
    assert.match(confirm.$('h1').text(), /Are you sure you want to remove Stage 1/);
    const removed = await post(`${draft}/stages/0/remove`, {
      draftVersion: await version(),
      confirm: 'yes',
    });
    assert.equal(removed.statusCode, 303);
    assert.equal((await keys()).length, before.length);
    const capForm = formOf((await get(`${draft}/caps/protocol/0`)).$);
    assert.ok(![capForm.stages].flat().includes('stage-1'), 'the cap no longer covers stage-1');
  });

  test('a limit with no stages is refused by the checker beside its boxes', async () => {
    const draft = await newDraft();
    const version = formOf((await get(`${draft}/about`)).$).draftVersion;
    const added = await post(`${draft}/caps`, { draftVersion: version, list: 'urgent' });
    assert.equal(added.statusCode, 303);
    const url = String(added.headers.location);
    assert.match(url, /\/caps\/urgent\/0$/);
    const values = formOf((await get(url)).$);
    const response = await post(url, {
      ...values,
      name: 'The whole ladder',
      timescaleUnit: 'hours',
      timescaleAmount: '24',
    });
    const $ = cheerio.load(response.body);
    assert.match($('#stages-error').text(), /Stages it covers must list at least one stage/);
    const fixed = await post(url, { ...formOf($), stages: ['stage-1', 'stage-2'] });
    assert.equal(fixed.statusCode, 303);
  });

  test('YAML that does not read is shown beside its box and not saved', async () => {
    const draft = await newDraft();
    const values = formOf((await get(`${draft}/other-parts`)).$);
    const response = await post(`${draft}/other-parts`, {
      ...values,
      principles: 'text: [unclosed',
    });
    assert.equal(response.statusCode, 400);
    const $ = cheerio.load(response.body);
    assert.match($('#principles-error').text(), /not YAML the editor can read/);
    const unchanged = formOf((await get(`${draft}/other-parts`)).$);
    assert.equal(unchanged.principles, values.principles);
    assert.equal(unchanged.draftVersion, values.draftVersion);
  });

  test('an alias or anchor in a YAML box is refused beside it, not a server error', async () => {
    const draft = await newDraft();
    const values = formOf((await get(`${draft}/other-parts`)).$);
    const bomb = [
      'a: &a [x, x]',
      ...'bcdefghij'
        .split('')
        .map((n, i) => `${n}: &${n} [*${'abcdefghij'[i]}, *${'abcdefghij'[i]}]`),
    ].join('\n');
    for (const [box, text, line] of [
      ['principles', '- text: *nowhere', 1],
      ['sources', bomb, 1],
    ] as const) {
      const response = await post(`${draft}/other-parts`, { ...values, [box]: text });
      assert.equal(response.statusCode, 400, text);
      const $ = cheerio.load(response.body);
      assert.match(
        $(`#${box}-error`).text(),
        new RegExp(
          `\\(line ${line}\\): aliases \\(\\*name\\) and anchors \\(&name\\) are not allowed`,
        ),
      );
    }
  });

  test('a page sent from an older version of the draft is refused', async () => {
    const draft = await newDraft();
    const values = formOf((await get(`${draft}/terms`)).$);
    assert.equal((await post(`${draft}/terms`, values)).statusCode, 303);
    const stale = await post(`${draft}/terms`, { ...values, partnership: 'Someone else’s change' });
    assert.equal(stale.statusCode, 409);
    const $ = cheerio.load(stale.body);
    assert.match($('#partnership-error').text(), /Someone else changed this draft/);
    assert.equal(formOf($).partnership, 'Someone else’s change', 'what was typed is kept');
    assert.equal(
      (await post(`${draft}/terms`, formOf($))).statusCode,
      303,
      'and saves when sent again',
    );
  });

  test('each part’s page shows the draft and saves it unchanged', async () => {
    const draft = await newDraft('east-riding');
    for (const page of [
      'about',
      'terms',
      'calendar',
      'levels',
      'stages/0',
      'caps/protocol/0',
      'urgent',
      'recording',
      'learning',
      'pathways/0',
      'other-parts',
    ]) {
      const { response, $ } = await get(`${draft}/${page}`);
      assert.equal(response.statusCode, 200, page);
      if (page === 'urgent') {
        assert.equal(
          $('a:contains("Change the limits on urgent cases")').attr('href'),
          `${draft}/caps`,
        );
      }
      const saved = await post(`${draft}/${page}`, formOf($));
      assert.equal(saved.statusCode, 303, `${page}: ${saved.body.slice(0, 200)}`);
    }
    assert.match((await get(draft)).$('main').text(), /The checker finds no problems/);
  });

  test('the preview shows the ladder and the due times for a case raised when the user says', async () => {
    const draft = await newDraft();
    const preview = await get(`${draft}/preview`);
    assert.equal(preview.response.statusCode, 200);
    assert.match(preview.$('caption').first().text(), /The main ladder/);
    const previewText = preview.$('main').text();
    assert.match(previewText, /Pathway: Challenging a front-door decision/);
    assert.match(previewText, /Taken by the categories A referral not accepted at the front door/);
    assert.match(previewText, /Urgent cases take the pathway their category selects/);
    const chosen = await get(
      `${draft}/preview?raisedAt-day=23&raisedAt-month=12&raisedAt-year=2025&raisedAt-time=5pm&urgent=no&pathway=general`,
    );
    assert.equal(chosen.response.statusCode, 200);
    const text = chosen.$('main').text();
    assert.match(text, /Raised at 5pm on Tuesday 23 December 2025/);
    // Stage 1, 5 working days: Christmas, Boxing Day and New Year's Day are not counted.
    const stageOne = chosen
      .$('table')
      .last()
      .find('tbody tr')
      .filter((_, row) => /^stage 1:/i.test(chosen.$(row).find('td').first().text().trim()));
    const cells = stageOne
      .find('td')
      .map((_, cell) => chosen.$(cell).text().trim())
      .get();
    assert.equal(cells[2], 'by 5pm on Friday 2 January 2026');
    assert.match(
      cells[3] ?? '',
      /\. Thursday 25 December 2025 \(Christmas Day\), Friday 26 December 2025 \(Boxing Day\) and Thursday 1 January 2026 \(New Year's Day\) are bank holidays; 2 weekend days not counted$/,
    );
    // A pathway the protocol does not have is a problem beside the field, not a crash.
    const unknown = await get(
      `${draft}/preview?raisedAt-day=23&raisedAt-month=12&raisedAt-year=2025&raisedAt-time=5pm&urgent=no&pathway=nonsense`,
    );
    assert.equal(unknown.response.statusCode, 400);
    assert.equal(unknown.$('.govuk-error-summary a').attr('href'), '#pathway');
    assert.match(unknown.$('#pathway-error').text(), /Choose a pathway/);
    const wrong = await get(
      `${draft}/preview?raisedAt-day=31&raisedAt-month=2&raisedAt-year=2026&raisedAt-time=5pm`,
    );
    assert.equal(wrong.response.statusCode, 400);
    assert.match(wrong.$('.govuk-error-summary').text(), /real date/);
  });

  test('adopting asks why, makes the draft the next version, deletes the draft, and is audited', async () => {
    const draft = await newDraft();
    const page = await get(`${draft}/adopt`);
    assert.match(page.$('.govuk-inset-text').text(), /open cases? runs? on version \d+/);
    const values = formOf(page.$);
    const noReason = await post(`${draft}/adopt`, { ...values, reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(cheerio.load(noReason.body)('#reason-error').text(), /Enter why/);

    const before = await partnershipRepository(context.database.db).protocolVersion(
      editor.partnershipId,
    );
    const adopted = await post(`${draft}/adopt`, { ...values, reason: 'The board agreed it' });
    assert.equal(adopted.statusCode, 303);
    const now = await partnershipRepository(context.database.db).protocolVersion(
      editor.partnershipId,
    );
    assert.equal(now?.version, (before?.version ?? 0) + 1);
    assert.equal(adopted.headers.location, `/protocol?adopted=${now?.version}`);
    assert.equal(now?.reason, 'The board agreed it');
    assert.ok(parseProtocolFile(now?.source ?? '').ok);
    assert.equal((await get(draft)).response.statusCode, 404);
    const landing = await get(`/protocol?adopted=${now?.version}`);
    assert.match(
      landing.$('.govuk-notification-banner--success').text(),
      new RegExp(`Version ${now?.version} is now the protocol in force`),
    );
    const stale = await get(`/protocol?adopted=${(now?.version ?? 0) - 1}`);
    assert.equal(stale.$('.govuk-notification-banner--success').length, 0);
    const actions = (
      await context.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('partnership_id', '=', editor.partnershipId)
        .where('action', 'in', [
          'protocol-draft.created',
          'protocol-draft.deleted',
          'protocol.adopted',
        ])
        .execute()
    ).map((row) => row.action);
    assert.ok(actions.includes('protocol-draft.created'));
    assert.ok(actions.includes('protocol-draft.deleted'));
    assert.ok(actions.includes('protocol.adopted'));
  });

  test('deleting a draft asks first', async () => {
    const draft = await newDraft();
    const confirm = await get(`${draft}/delete`);
    const values = formOf(confirm.$);
    const notConfirmed = await post(`${draft}/delete`, { draftVersion: values.draftVersion });
    assert.equal(notConfirmed.headers.location, `${draft}/delete`);
    const deleted = await post(`${draft}/delete`, values);
    assert.equal(deleted.headers.location, '/protocol/drafts/new?deleted=1');
    assert.equal((await get(draft)).response.statusCode, 404);
  });

  test('a level of seniority is added, offered to stages, and removed', async () => {
    const draft = await newDraft();
    const values = formOf((await get(`${draft}/levels`)).$);
    // Pan-Lancashire has its front door's own levels (Practice and Team Manager): added after them.
    const own = Object.keys(values).filter((key) => /^level\d+Id$/.test(key) && values[key]).length;
    assert.equal(own, 2);
    const added = await post(`${draft}/levels`, {
      ...values,
      [`level${own}Id`]: 'service-manager',
      [`level${own}Name`]: 'Service manager',
      [`level${own}Role`]: 'senior-manager',
      [`level${own}Kinds`]: ['childrens-social-care'],
    });
    assert.equal(added.statusCode, 303, cheerio.load(added.body)('.govuk-error-summary').text());
    const stage = await get(`${draft}/stages/2`);
    assert.equal(stage.$('input[name=rolesRaising][value=service-manager]').length, 1);
    const chosen = await post(`${draft}/stages/2`, {
      ...formOf(stage.$),
      rolesRaising: ['service-manager'],
    });
    assert.equal(chosen.statusCode, 303);

    // A level with no role is the checker's to refuse, beside its select.
    const levels = formOf((await get(`${draft}/levels`)).$);
    const noRole = await post(`${draft}/levels`, {
      ...levels,
      [`level${own + 1}Id`]: 'named-nurse',
      [`level${own + 1}Name`]: 'Named nurse',
    });
    assert.match(
      cheerio
        .load(noRole.body)(`#level${own + 1}Role-error`)
        .text(),
      new RegExp(`Level ${own + 2}: counts as must be one of practitioner`),
    );

    // Emptied, it goes, and the stage that named it is told.
    const emptied = formOf((await get(`${draft}/levels`)).$);
    await post(`${draft}/levels`, {
      ...emptied,
      [`level${own}Id`]: '',
      [`level${own}Name`]: '',
      [`level${own + 1}Id`]: '',
      [`level${own + 1}Name`]: '',
    });
    const overview = await get(draft);
    assert.match(
      overview.$('.govuk-error-summary').text(),
      /unknown role or level "service-manager"/,
    );
  });

  test('learning subgroups: one added with its themes and source, each theme to one subgroup', async () => {
    const draft = await newDraft();
    const values = formOf((await get(`${draft}/learning`)).$);
    // Pan-Lancashire names no subgroup (one takes every lesson): two are named, one a time.
    const first = await post(`${draft}/learning`, {
      ...values,
      subgroup0Name: 'Quality assurance subgroup',
      subgroup0Themes: ['every-other-theme'],
    });
    assert.equal(first.statusCode, 303, cheerio.load(first.body)('.govuk-error-summary').text());
    const added = await post(`${draft}/learning`, {
      ...formOf((await get(`${draft}/learning`)).$),
      subgroup1Name: 'Training subgroup',
      subgroup1Themes: ['training'],
      subgroup1Source: 'Terms of reference §2',
    });
    assert.equal(added.statusCode, 303, cheerio.load(added.body)('.govuk-error-summary').text());
    const saved = formOf((await get(`${draft}/learning`)).$);
    assert.equal(saved.subgroup1Name, 'Training subgroup');
    assert.deepEqual(saved.subgroup1Themes, ['training']);
    assert.equal(saved.subgroup1Source, 'Terms of reference §2');
    // Training twice is the checker's to refuse, beside the second subgroup's themes.
    const twice = await post(`${draft}/learning`, {
      ...saved,
      subgroup0Themes: ['training', 'commissioning'],
    });
    assert.match(
      cheerio.load(twice.body)('#subgroup1Themes-error').text(),
      /training already goes to learning.subgroups\[0\]/,
    );
  });

  test('each part’s page shows the checker’s problems beside their fields', async () => {
    const draft = await newDraft();
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['about', { version: 'two' }, 'version', /Version number must be a positive whole number/],
      [
        'calendar',
        { workingStart: '17:00', workingEnd: '09:00' },
        'workingEnd',
        /Working day ends at must be later than start/,
      ],
      ['calendar', { workingWeekdays: [] }, 'workingWeekdays', /Working weekdays/],
      [
        'urgent',
        { guidance: '' },
        'guidance',
        /Guidance shown to the person raising must not be empty/,
      ],
      ['recording', { guidance: '' }, 'guidance', /Guidance must not be empty/],
      ['pathways/0', { id: 'general' }, 'id', /Id: "general" is the main ladder/],
    ];
    for (const [page, answers, field, message] of cases) {
      const form = formOf((await get(`${draft}/${page}`)).$);
      const response = await post(`${draft}/${page}`, { ...form, ...answers });
      const $ = cheerio.load(response.body);
      assert.match(
        $(`#${field}-error`).text(),
        message,
        `${page}: ${$('.govuk-error-summary').text()}`,
      );
      assert.equal($('.govuk-error-summary a').first().attr('href'), `#${field}`, page);
      // Put right again, for the next.
      assert.equal(
        (await post(`${draft}/${page}`, { ...form, draftVersion: formOf($).draftVersion }))
          .statusCode,
        303,
      );
    }
    // A pathway's timescale the form cannot read is refused before anything is saved.
    const pathway = formOf((await get(`${draft}/pathways/0`)).$);
    const unreadable = await post(`${draft}/pathways/0`, { ...pathway, timescale1: 'soon' });
    assert.equal(unreadable.statusCode, 400);
    assert.match(cheerio.load(unreadable.body)('#timescale1-error').text(), /like 5 working days/);
  });
});
