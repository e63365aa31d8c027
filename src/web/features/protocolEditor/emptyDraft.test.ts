import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { useProtocolEditor } from '../../../../test/protocolEditorKit.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { partnershipRepository } from '../../../db/repositories/partnershipRepository.ts';
import { parseProtocolFile } from '../../../domain/protocol/validateProtocol.ts';

// A protocol written from scratch: a draft holding only the partnership's name and working
// time and one stage, completed through the editor's forms alone; and the words of the limit,
// pathway and preview pages that name stages and pathways.

describeOnEachDatabase('a protocol from an empty draft', (context) => {
  const editor = useProtocolEditor(context);
  const { get, post } = editor;
  /** Sends a page's form with the draft's version it shows; where it goes next. */
  const fill = async (url: string, payload: Record<string, unknown>) => {
    const { $ } = await get(url);
    const draftVersion = $('input[name=draftVersion]').first().attr('value');
    const response = await post(url, { draftVersion, ...payload });
    assert.equal(
      response.statusCode,
      303,
      `${url}: ${cheerio.load(response.body)('.govuk-error-message').text()}`,
    );
    return String(response.headers.location);
  };
  const stage = (number: string, name: string, timescale: [string, string]) => ({
    number,
    name,
    who: `The ${name.toLowerCase()}`,
    sides: 'both',
    rolesRaising: ['practitioner'],
    rolesOther: ['practitioner'],
    timescaleUnit: timescale[0],
    timescaleAmount: timescale[1],
    guidance: `What happens at ${name.toLowerCase()}.`,
    meetingMinuted: 'yes',
  });

  before(async () => {
    // Working time unlike any built-in protocol's, so the draft can only have it from the directory.
    await partnershipRepository(context.database.db).setWorkingTime(editor.partnershipId, {
      region: 'england-and-wales',
      workingHours: { start: '08:30', end: '16:00' },
      workingWeekdays: [1, 2, 3, 4],
    });
  });

  test('an empty draft holds the partnership’s name and working time and one stage; the forms alone complete it', async () => {
    const start = await get('/protocol/drafts/new');
    assert.equal(start.$('input[name=from][value=empty]').length, 1);
    assert.match(start.$('.govuk-radios').text(), /An empty protocol/);
    const created = await post('/protocol/drafts/new', { from: 'empty' });
    assert.equal(created.statusCode, 303);
    const draft = String(created.headers.location);
    const partnership = await partnershipRepository(context.database.db).get(editor.partnershipId);
    const current = await partnershipRepository(context.database.db).protocolVersion(
      editor.partnershipId,
    );

    // The overview lists what the checker still needs, each a link to its field.
    const overview = await get(draft);
    assert.match(overview.$('main').text(), /Started from an empty protocol/);
    const problems = overview.$('.govuk-error-summary__list li');
    const links = overview.$('.govuk-error-summary__list li a');
    assert.ok(problems.length >= 10, `${problems.length} problems`);
    assert.equal(links.length, problems.length, overview.$('.govuk-error-summary__list').text());
    const texts = links.map((_, link) => overview.$(link).text()).get();
    for (const needed of ['id:', 'name:', 'terms.frontDoor', 'stages[0].name', 'urgent:']) {
      assert.ok(
        texts.some((text) => text.startsWith(needed)),
        `${needed} in ${texts.join('; ')}`,
      );
    }
    assert.ok(!texts.some((text) => /terms\.partnership|calendar/.test(text)), texts.join('; '));
    assert.equal(
      links.filter((_, link) => overview.$(link).text().startsWith('urgent')).attr('href'),
      `${draft}/urgent?check#guidance`,
    );

    // What it starts with: the directory's name and working time, the next version number.
    const terms = await get(`${draft}/terms`);
    assert.equal(terms.$('#partnership').attr('value'), partnership?.name);
    const calendar = await get(`${draft}/calendar`);
    assert.equal(calendar.$('#workingStart').attr('value'), '08:30');
    assert.equal(calendar.$('#workingEnd').attr('value'), '16:00');
    assert.deepEqual(
      calendar
        .$('input[name=workingWeekdays][checked]')
        .map((_, box) => calendar.$(box).attr('value'))
        .get(),
      ['monday', 'tuesday', 'wednesday', 'thursday'],
    );
    const about = await get(`${draft}/about`);
    assert.equal(about.$('#version').attr('value'), String((current?.version ?? 0) + 1));

    // Every part filled in through its page.
    await fill(`${draft}/about`, {
      id: 'example-partnership',
      name: 'Example resolution protocol',
      version: about.$('#version').attr('value'),
    });
    await fill(`${draft}/terms`, {
      partnership: partnership?.name,
      frontDoor: 'the MASH',
      monitoringTeam: 'the business unit',
      stage: 'stage',
    });
    await fill(`${draft}/stages/0`, {
      key: 'stage-1',
      ...stage('1', 'Practitioners', ['workingDays', '5']),
    });
    await fill(`${draft}/urgent`, {
      guidance: 'Refer the child to the MASH at once.',
      notifyMonitoringTeam: 'yes',
    });
    await fill(`${draft}/recording`, {
      childsRecord: 'on-childs-record',
      guidance: 'Record the disagreement on the child’s record.',
    });
    await fill(`${draft}/learning`, {
      route: 'the learning subgroup',
      guidance: 'Lessons go to the learning subgroup.',
      themes: ['training'],
    });
    const done = await get(draft);
    assert.match(done.$('main').text(), /The checker finds no problems/, done.$('main').text());
    await fill(`${draft}/adopt`, { reason: 'The board agreed its own protocol' });
    const adopted = await partnershipRepository(context.database.db).protocolVersion(
      editor.partnershipId,
    );
    assert.equal(adopted?.version, (current?.version ?? 0) + 1);
    const check = parseProtocolFile(adopted?.source ?? '');
    assert.ok(check.ok);
    assert.equal(check.protocol.calendar.workingHours.end, '16:00');
    assert.deepEqual(check.protocol.calendar.workingWeekdays, [
      'monday',
      'tuesday',
      'wednesday',
      'thursday',
    ]);
    assert.equal(check.protocol.stages[0]?.name, 'Practitioners');
  });

  test('limits, pathways and the preview name stages by number and name, and keep a pathway’s capitals', async () => {
    const created = await post('/protocol/drafts/new', { from: 'humber' });
    const draft = String(created.headers.location);

    const pathways = await get(`${draft}/pathways`);
    assert.deepEqual(
      pathways
        .$('thead th')
        .map((_, th) => pathways.$(th).text().trim())
        .get()
        .slice(0, 2),
      ['Name', 'Stages'],
    );
    const caps = await get(`${draft}/caps`);
    assert.ok(
      caps
        .$('main button')
        .map((_, button) => caps.$(button).text().trim())
        .get()
        .includes(
          'Add a limit (limits on the pathway “Disagreement at contact or referral to the MASH”)',
        ),
      caps.$('main button').text(),
    );
    assert.equal(
      caps
        .$('main button')
        .filter((_, button) => caps.$(button).text().includes('limits on every case')).length,
      1,
    );

    const added = await fill(`${draft}/caps`, { list: 'protocol' });
    const cap = await get(added);
    const box = cap.$('input[name=stages][value=stage-1]');
    assert.equal(
      cap
        .$(`label[for="${box.attr('id')}"]`)
        .text()
        .trim(),
      'Stage 1: Professional to professional',
    );
    assert.equal(
      cap
        .$(`#${box.attr('id')}-item-hint`)
        .text()
        .trim(),
      'stage-1',
    );
    assert.equal(
      cap.$('select[name=from] option[value=stage-1]').text().trim(),
      'The start of stage 1: Professional to professional',
    );

    // The new limit has no stages yet: removed, so the preview has a protocol to show.
    const removeUrl = `${added}/remove`;
    await fill(removeUrl, { confirm: 'yes' });
    const preview = await get(
      `${draft}/preview?raisedAt-day=23&raisedAt-month=12&raisedAt-year=2025&raisedAt-time=5pm&urgent=no&pathway=general`,
    );
    assert.equal(preview.response.statusCode, 200);
    const firstCells = preview
      .$(
        'main table tbody tr:first-child td:first-child, main table tbody tr:first-child th:first-child',
      )
      .map((_, cell) => preview.$(cell).text().trim())
      .get();
    assert.ok(firstCells.length >= 4, firstCells.join('; '));
    assert.ok(firstCells.includes('Stage 1: Professional to professional'), firstCells.join('; '));
    for (const cell of firstCells) assert.doesNotMatch(cell, /^stage \d/, cell);
  });
});
