import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';
import { aPerson, setUpAccord } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { buildTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { protocolDraftRepository } from '../../../db/repositories/protocolDraftRepository.ts';

// A stage's key changed on its page: every reference to the old key follows it.

describeOnEachDatabase('a stage’s new key in the editor', (context) => {
  let app: FastifyInstance;
  let browser: Browser;
  let partnershipId: string;
  const post = (url: string, payload: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie: browser.cookie },
      payload: { _csrf: browser.csrfToken, ...payload },
    });

  before(async () => {
    ({ partnershipId } = await setUpAccord(context.database));
    const team = await aPerson(context.database, { partnershipId, roles: ['partnership-team'] });
    app = await buildTestApp({ database: context.database });
    browser = await signIn(app, team.email);
  });

  test('East Riding’s stage-2 renamed: its limit and form follow, and the draft has no problems', async () => {
    const created = await post('/protocol/drafts/new', { from: 'east-riding' });
    const draft = String(created.headers.location);
    const page = await app.inject({
      method: 'GET',
      url: `${draft}/stages/1`,
      headers: { cookie: browser.cookie },
    });
    const $ = cheerio.load(page.body);
    assert.equal($('input[name=key]').attr('value'), 'stage-2');
    // The page as sent back by a browser, with the new key.
    const values: Record<string, string | string[]> = {};
    $(
      'main form[method=post] input, main form[method=post] textarea, main form[method=post] select',
    ).each((_, element) => {
      const field = $(element);
      const name = field.attr('name');
      const type = field.attr('type');
      if (!name || name === '_csrf') return;
      if ((type === 'checkbox' || type === 'radio') && field.attr('checked') === undefined) return;
      const value =
        element.tagName === 'select'
          ? (field.find('option[selected]').attr('value') ?? '')
          : element.tagName === 'textarea'
            ? field.text()
            : (field.attr('value') ?? '');
      if (type === 'checkbox') values[name] = [...[values[name] ?? []].flat(), value];
      else values[name] = value;
    });
    const saved = await post(`${draft}/stages/1`, { ...values, key: 'managers' });
    assert.equal(saved.statusCode, 303, saved.body);
    assert.equal(saved.headers.location, draft);

    const overview = await app.inject({
      method: 'GET',
      url: draft,
      headers: { cookie: browser.cookie },
    });
    assert.match(cheerio.load(overview.body)('main').text(), /The checker finds no problems/);
    const id = draft.split('/').at(-1) as string;
    const stored = await protocolDraftRepository(context.database.db).get(partnershipId, id);
    const data = parse(stored?.source ?? '');
    assert.deepEqual(data.caps[0].stages, ['stage-1', 'managers', 'stage-3', 'stage-4']);
    assert.deepEqual(data.forms[0].fields[10].stages, ['stage-1', 'managers', 'stage-3']);
    assert.doesNotMatch(stored?.source ?? '', /\bstage-2\b/);
  });
});
