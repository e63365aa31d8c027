import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { setUpAccord } from '../../../../test/factories.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';

describeOnEachDatabase('home page', (context) => {
  before(() => setUpAccord(context.database));
  const server = useTestApp(context);

  test('explains the service under one main heading', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] ?? '', /^text\/html/);
    const $ = cheerio.load(response.body);
    assert.equal($('h1').length, 1);
    assert.equal($('h1').text().trim(), 'Resolve professional disagreements about a child');
    assert.equal(
      $('title').text().trim(),
      'Resolve professional disagreements about a child – Accord',
    );
  });

  test("shows Accord's own header, not the GOV.UK crown", async () => {
    const $ = cheerio.load((await server.app.inject({ method: 'GET', url: '/' })).body);
    const homeLink = $('header a[href="/"]');
    assert.equal(homeLink.text().trim(), 'Accord');
    assert.equal($('.govuk-header').length, 0);
    assert.equal($('[class*="crown"], [class*="logotype"]').length, 0);
    assert.doesNotMatch($('footer').text(), /Crown copyright/);
  });

  test('carries a phase banner, a skip link and the immediate-risk warning', async () => {
    const $ = cheerio.load((await server.app.inject({ method: 'GET', url: '/' })).body);
    assert.equal($('.govuk-phase-banner .govuk-tag').text().trim(), 'Beta');
    assert.equal($('a.govuk-skip-link').attr('href'), '#main-content');
    assert.equal($('main#main-content').length, 1);
    assert.match($('.govuk-warning-text').text(), /risk of immediate harm/);
  });

  test('loads the compiled stylesheet and GOV.UK Frontend as a module', async () => {
    const $ = cheerio.load((await server.app.inject({ method: 'GET', url: '/' })).body);
    assert.match($('link[rel="stylesheet"]').attr('href') ?? '', /^\/assets\/accord\.css\?v=\w+$/);
    assert.equal($('script[type="module"]').attr('src'), '/assets/accord.js');
  });

  test('is never cached, since pages can hold case details', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/' });
    assert.equal(response.headers['cache-control'], 'no-store');
  });
});
