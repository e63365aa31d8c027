import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { contextOf } from '../../../../test/factories.ts';
import { useProtocolEditor } from '../../../../test/protocolEditorKit.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { partnershipRepository } from '../../../db/repositories/partnershipRepository.ts';
import { protocolDraftRepository } from '../../../db/repositories/protocolDraftRepository.ts';
import { systemClock } from '../../../domain/clock.ts';
import { setWorkingTime } from '../../../services/manageDirectory.ts';

// Adopting a draft in the browser: once only, saying first what the working time changes to;
// and no more than 20 drafts.

describeOnEachDatabase('adopting a draft in the browser', (context) => {
  const editor = useProtocolEditor(context, { roles: ['admin', 'partnership-team'] });
  const { get, post, newDraft } = editor;
  const versions = async () =>
    (await partnershipRepository(context.database.db).protocolVersions(editor.partnershipId))
      .length;

  before(async () => {
    // The working-time page moved the hours since the protocol in force was adopted.
    await setWorkingTime(
      { database: context.database, clock: systemClock },
      { region: 'england-and-wales', workingHours: { start: '08:30', end: '16:30' } },
      await contextOf(context.database, editor.team),
    );
  });

  test('two clicks on Adopt at once make one version; the other is told the draft has gone', async () => {
    const draft = await newDraft('current');
    const page = await get(`${draft}/adopt`);
    const draftVersion = page.$('input[name=draftVersion]').attr('value');
    const before = await versions();
    const send = { draftVersion, reason: 'The board agreed it' };
    const answers = await Promise.all([post(`${draft}/adopt`, send), post(`${draft}/adopt`, send)]);
    assert.deepEqual(answers.map((answer) => answer.statusCode).sort(), [303, 409]);
    const refused = answers.find((answer) => answer.statusCode === 409);
    assert.match(refused?.body ?? '', /This draft has already been adopted or changed/);
    assert.equal(await versions(), before + 1);
    // A third click, later: still a conflict, not a missing page.
    const late = await post(`${draft}/adopt`, send);
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /This draft has already been adopted or changed/);
  });

  test('the adopt page says first what the draft’s calendar changes in the working time', async () => {
    // From the protocol in force: it keeps the working time in force, so nothing to say.
    const current = await get(`${await newDraft('current')}/adopt`);
    assert.equal(current.$('.govuk-warning-text').length, 0);
    const builtIn = await get(`${await newDraft('pan-lancashire')}/adopt`);
    assert.equal(
      builtIn.$('.govuk-warning-text__text').text().replace(/\s+/g, ' ').trim(),
      'Warning Working hours change from 8:30am to 4:30pm to 9am to 5pm: 0 open disagreements will be due again under it.',
    );
  });

  test('a partnership keeps at most 20 drafts: the 21st is refused beside the choice', async () => {
    const drafts = protocolDraftRepository(context.database.db);
    while ((await drafts.count(editor.partnershipId)) < 20) await newDraft('humber');
    const refused = await post('/protocol/drafts/new', { from: 'humber' });
    assert.equal(refused.statusCode, 400);
    const $ = cheerio.load(refused.body);
    assert.equal($('.govuk-error-summary a').attr('href'), '#from');
    assert.match($('#from-error').text(), /Delete a draft first: a partnership may keep 20/);
    assert.equal(await drafts.count(editor.partnershipId), 20);
  });
});
