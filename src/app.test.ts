import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { setUpAccord } from '../test/factories.ts';
import { buildTestApp } from '../test/testApp.ts';
import { describeOnEachDatabase } from '../test/testDatabase.ts';
import { Conflict, Invalid, NotAllowedNow } from './domain/errors.ts';
import { createLogger } from './logger.ts';

function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ logLevel: 'info' }, sink), text: () => lines.join('') };
}

describeOnEachDatabase('the app', (context) => {
  let app: FastifyInstance;
  before(async () => {
    await setUpAccord(context.database);
    app = await buildTestApp({ database: context.database });
    // Registered inside a plugin, as every real route is, so they run in a child context.
    await app.register(async (scope) => {
      scope.get('/test-only/broken', async () => {
        throw new Error('the test broke this route on purpose');
      });
      scope.get('/api/v1/test-only/invalid', async () => {
        throw new Invalid('The request has problems.', [
          { path: 'summary', message: 'Enter a summary' },
        ]);
      });
      scope.get('/api/v1/test-only/conflict', async () => {
        throw new Conflict('The case has changed since you loaded it.');
      });
      scope.get('/api/v1/test-only/not-now', async () => {
        throw new NotAllowedNow('The case is already at its last stage.');
      });
    });
  });
  after(() => app.close());

  test('an unknown page answers 404 with a GOV.UK-style page', async () => {
    const response = await app.inject({ method: 'GET', url: '/no-such-page' });
    assert.equal(response.statusCode, 404);
    const $ = cheerio.load(response.body);
    assert.equal($('h1').text().trim(), 'Page not found');
    assert.equal($('title').text().trim(), 'Page not found – Accord');
    assert.equal($('header a[href="/"]').text().trim(), 'Accord');
  });

  test('an unknown API address answers 404 as a problem document', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    assert.equal(response.statusCode, 404);
    assert.match(response.headers['content-type'] ?? '', /^application\/problem\+json/);
    assert.deepEqual(response.json(), {
      type: 'about:blank',
      status: 404,
      title: 'Not found',
      detail: 'There is nothing at this address.',
    });
  });

  test('a failing page answers 500 with a GOV.UK-style page and a reference', async () => {
    const response = await app.inject({ method: 'GET', url: '/test-only/broken' });
    assert.equal(response.statusCode, 500);
    const $ = cheerio.load(response.body);
    assert.equal($('h1').text().trim(), 'Sorry, there is a problem with the service');
    assert.doesNotMatch(response.body, /on purpose/);
    assert.match($('main strong').text(), /^[0-9a-f-]{36}$/);
  });

  test('every response names its request id, the reference a failing page shows', async () => {
    const failing = await app.inject({ method: 'GET', url: '/test-only/broken' });
    const reference = cheerio.load(failing.body)('main strong').text();
    assert.equal(failing.headers['x-request-id'], reference);
    const first = await app.inject({ method: 'GET', url: '/health' });
    const second = await app.inject({ method: 'GET', url: '/health' });
    assert.match(String(first.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    assert.notEqual(first.headers['x-request-id'], second.headers['x-request-id']);
  });

  test('domain errors map to 400, 409 and 422 problems with their field errors', async () => {
    const invalid = await app.inject({ method: 'GET', url: '/api/v1/test-only/invalid' });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(invalid.json().errors, [{ path: 'summary', message: 'Enter a summary' }]);
    const conflict = await app.inject({ method: 'GET', url: '/api/v1/test-only/conflict' });
    assert.equal(conflict.statusCode, 409);
    assert.equal(conflict.json().detail, 'The case has changed since you loaded it.');
    const notNow = await app.inject({ method: 'GET', url: '/api/v1/test-only/not-now' });
    assert.equal(notNow.statusCode, 422);
  });
});

describeOnEachDatabase('logging', (context) => {
  test('request logs name the route but never the query string or the client address', async () => {
    const { logger, text } = capturedLogger();
    const app = await buildTestApp({ database: context.database, logger });
    try {
      await app.inject({
        method: 'GET',
        url: '/?childName=Ada%20Example',
        remoteAddress: '203.0.113.9',
      });
      await app.inject({ method: 'GET', url: '/no-such-page?dob=2019-01-01' });
    } finally {
      await app.close();
    }
    const logged = text();
    assert.match(logged, /"route":"\/"/);
    assert.doesNotMatch(logged, /Ada|childName|dob|2019-01-01|203\.0\.113\.9/);
  });
});
