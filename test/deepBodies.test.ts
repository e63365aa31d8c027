import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixedClock } from '../src/domain/clock.ts';
import { createApiToken } from '../src/services/apiTokens.ts';
import { commandLine } from '../src/services/requestContext.ts';
import { aPerson, setUpAccord } from './factories.ts';
import { cookieFrom, csrfTokenIn, signIn } from './signIn.ts';
import { buildTestApp } from './testApp.ts';
import { describeOnEachDatabase } from './testDatabase.ts';

// A body nested thousands deep must be refused as bad input, never crash a parser, the NUL
// guard or a form's reading of it into a 500: before sign-in as after, on pages and the API.

const depth = 10_000;
const bodies = [
  {
    name: 'a JSON array',
    type: 'application/json',
    payload: `${'['.repeat(depth)}${']'.repeat(depth)}`,
  },
  {
    name: 'a JSON object',
    type: 'application/json',
    payload: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  },
  {
    name: 'a form field',
    type: 'application/x-www-form-urlencoded',
    payload: `email${'[a]'.repeat(depth)}=x&password=y`,
  },
  {
    name: 'a form value',
    type: 'application/x-www-form-urlencoded',
    payload: `email=${encodeURIComponent('['.repeat(depth))}&password=y`,
  },
];

describeOnEachDatabase('deeply nested bodies', (context) => {
  test('are answered 400 or 413 with a page or a problem, before and after sign-in', async (t) => {
    const clock = fixedClock('2026-11-24T10:00:00Z');
    const { partnershipId } = await setUpAccord(context.database);
    const app = await buildTestApp({ database: context.database, clock });
    t.after(() => app.close());
    const person = await aPerson(context.database, { partnershipId, roles: ['practitioner'] });
    const browser = await signIn(app, person.email);
    const signInPage = await app.inject({ method: 'GET', url: '/sign-in' });
    const anonymous = {
      cookie: cookieFrom(signInPage),
      'x-csrf-token': csrfTokenIn(signInPage.body),
    };
    const { token } = await createApiToken(
      { database: context.database, clock },
      { personId: person.id, name: 'deep bodies' },
      commandLine,
    );

    const targets = [
      { url: '/sign-in', headers: anonymous, who: 'a page before sign-in', also: undefined },
      // Refused before its body is read at all.
      { url: '/api/v1/disagreements', headers: {}, who: 'the API without a token', also: 401 },
      {
        url: '/account/messages',
        headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrfToken },
        who: 'a page after sign-in',
        also: undefined,
      },
      {
        url: '/api/v1/disagreements',
        headers: { authorization: `Bearer ${token}` },
        who: 'the API with a token',
        also: undefined,
      },
    ];
    for (const target of targets) {
      for (const body of bodies) {
        const response = await app.inject({
          method: 'POST',
          url: target.url,
          headers: { ...target.headers, 'content-type': body.type },
          payload: body.payload,
        });
        const what = `${body.name} to ${target.url}, ${target.who}: ${response.statusCode}`;
        assert.ok([400, 413, target.also].includes(response.statusCode), what);
        if (target.url.startsWith('/api/')) {
          assert.match(
            String(response.headers['content-type']),
            /^application\/problem\+json/,
            what,
          );
        } else {
          assert.match(String(response.headers['content-type']), /^text\/html/, what);
        }
      }
    }
  });
});
