import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { aPerson, setUpAccord } from '../../../../test/factories.ts';
import { type Browser, signIn } from '../../../../test/signIn.ts';
import { buildTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { partnershipRepository } from '../../../db/repositories/partnershipRepository.ts';
import { parseProtocolFile } from '../../../domain/protocol/validateProtocol.ts';

describeOnEachDatabase('protocol editor pages', (context) => {
  let app: FastifyInstance;
  let browser: Browser;
  let partnershipId: string;
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: { cookie: browser.cookie } });
    return { response, $: cheerio.load(response.body) };
  };
  const post = (url: string, payload: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie: browser.cookie },
      payload: { _csrf: browser.csrfToken, ...payload },
    });
  /** A page's form as a browser would send it back unchanged: every named field's value. */
  const formOf = ($: cheerio.CheerioAPI) => {
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
    return values;
  };
  const newDraft = async (from = 'pan-lancashire') => {
    const created = await post('/protocol/drafts/new', { from });
    assert.equal(created.statusCode, 303);
    return String(created.headers.location);
  };

  before(async () => {
    ({ partnershipId } = await setUpAccord(context.database));
    const team = await aPerson(context.database, { partnershipId, roles: ['partnership-team'] });
    app = await buildTestApp({ database: context.database });
    browser = await signIn(app, team.email);
  });

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
});
