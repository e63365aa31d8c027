import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { setUpAccord } from '../../../test/factories.ts';
import { buildTestApp, useTestApp } from '../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';

function directives(header: string | undefined): Map<string, string[]> {
  return new Map(
    (header ?? '').split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describeOnEachDatabase('security headers', (context) => {
  before(() => setUpAccord(context.database));
  const server = useTestApp(context);

  test('the Content-Security-Policy allows no inline script or style', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/' });
    const csp = directives(response.headers['content-security-policy'] as string);
    assert.doesNotMatch(String(response.headers['content-security-policy']), /unsafe-inline/);
    assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
    assert.deepEqual(csp.get('default-src'), ["'self'"]);
    assert.deepEqual(csp.get('object-src'), ["'none'"]);
  });

  test("GOV.UK Frontend's inline script carries this response's nonce", async () => {
    const response = await server.app.inject({ method: 'GET', url: '/' });
    const scriptSrc = directives(response.headers['content-security-policy'] as string).get(
      'script-src',
    );
    const $ = cheerio.load(response.body);
    const inlineScripts = $('script:not([src])');
    assert.equal(inlineScripts.length, 1);
    const nonce = inlineScripts.attr('nonce');
    assert.ok(nonce && nonce.length >= 16);
    assert.ok(scriptSrc?.includes(`'nonce-${nonce}'`));

    const next = await server.app.inject({ method: 'GET', url: '/' });
    assert.notEqual(cheerio.load(next.body)('script:not([src])').attr('nonce'), nonce);
  });

  test('sets the referrer policy, no framing and no sniffing; no HSTS outside production', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/' });
    assert.equal(response.headers['referrer-policy'], 'same-origin');
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['strict-transport-security'], undefined);
  });

  test('in production, HSTS is sent and insecure requests are upgraded', async () => {
    const production = await buildTestApp({
      database: context.database,
      env: {
        NODE_ENV: 'production',
        BASE_URL: 'https://accord.example.org',
        SESSION_SECRET: 'Tq8Lw3Zr6Xm1Pv9Kc4Nb7Hd2Gs5Fy0Ja3Ue8Ro1Ix6',
      },
    });
    try {
      const response = await production.inject({ method: 'GET', url: '/' });
      assert.match(String(response.headers['strict-transport-security']), /max-age=\d{8}/);
      const csp = directives(response.headers['content-security-policy'] as string);
      assert.ok(csp.has('upgrade-insecure-requests'));
    } finally {
      await production.close();
    }
  });
});
