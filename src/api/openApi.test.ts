import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../test/testApp.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

test('the OpenAPI document lists every API route, and only those, with problems for errors', async () => {
  const database = openDatabase({ kind: 'sqlite', file: ':memory:' });
  await migrateToLatest(database.db);
  const app = await buildTestApp({ database });
  try {
    const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    assert.equal(response.statusCode, 200);
    const document = response.json();
    assert.equal(document.openapi, '3.1.0');
    const documented = Object.entries(document.paths as Record<string, object>)
      .flatMap(([path, methods]) =>
        Object.keys(methods).map(
          (method) => `${method.toUpperCase()} /api/v1${path.replaceAll(/\{(\w+)\}/g, ':$1')}`,
        ),
      )
      .sort();
    const served = app.routeTable
      .map((route) => `${route.method} ${route.url}`)
      .filter((route) => route.includes(' /api/v1/'))
      .sort();
    assert.deepEqual(documented, served);

    const raise = document.paths['/disagreements'].post;
    assert.ok(raise.responses['201'], 'raising answers 201');
    assert.deepEqual(
      Object.keys(raise.requestBody.content['application/json'].schema.properties).slice(0, 3),
      ['partnershipId', 'raisedAt', 'otherAgencyIds'],
    );
    assert.equal(
      document.paths['/disagreements/{id}/escalate'].post.responses['409'].content[
        'application/problem+json'
      ].schema.$ref,
      '#/components/schemas/Problem',
    );
    for (const ref of JSON.stringify(document).matchAll(
      /"\$ref":"#\/components\/schemas\/(\w+)"/g,
    )) {
      assert.ok(document.components.schemas[ref[1] as string], `${ref[1]} is defined`);
    }
  } finally {
    await app.close();
    await database.close();
  }
});
