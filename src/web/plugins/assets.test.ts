import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useTestApp } from '../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';

describeOnEachDatabase('assets', (context) => {
  const server = useTestApp(context);

  test('the stylesheet is GOV.UK Frontend on a system font stack, without GDS Transport', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/assets/accord.css' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] ?? '', /^text\/css/);
    assert.match(response.body, /\.govuk-button\{/);
    assert.match(response.body, /font-family:system-ui,/);
    assert.doesNotMatch(response.body, /GDS Transport|@font-face/);
  });

  test('an unchanged stylesheet is answered with 304', async () => {
    const first = await server.app.inject({ method: 'GET', url: '/assets/accord.css' });
    const etag = String(first.headers.etag);
    const again = await server.app.inject({
      method: 'GET',
      url: '/assets/accord.css',
      headers: { 'if-none-match': etag },
    });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
  });

  test("GOV.UK Frontend's script and Accord's module are served as JavaScript", async () => {
    for (const url of ['/assets/govuk-frontend.min.js', '/assets/accord.js']) {
      const response = await server.app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 200, url);
      assert.match(response.headers['content-type'] ?? '', /javascript/, url);
    }
    const accordJs = await server.app.inject({ method: 'GET', url: '/assets/accord.js' });
    assert.match(accordJs.body, /initAll\(\)/);
  });

  test("GOV.UK's crown images are not served", async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/assets/images/govuk-crest.svg',
    });
    assert.equal(response.statusCode, 404);
  });
});
