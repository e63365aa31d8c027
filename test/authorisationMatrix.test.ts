import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { fixedClock } from '../src/domain/clock.ts';
import type { Person } from '../src/domain/directory/directory.ts';
import { createApiToken } from '../src/services/apiTokens.ts';
import { commandLine } from '../src/services/requestContext.ts';
import { anAgency, aPartnership, aPerson, setUpAccord } from './factories.ts';
import { type Browser, signIn } from './signIn.ts';
import { buildTestApp } from './testApp.ts';
import { describeOnEachDatabase } from './testDatabase.ts';

// Every route of the app, for every role, against its own, another agency's and another
// partnership's objects. The expected outcomes are written by hand from product.md and api.md.

const roles = [
  'anonymous',
  'practitioner',
  'manager',
  'senior-manager',
  'safeguarding-lead',
  'partnership-team',
  'admin',
] as const;
type RoleName = (typeof roles)[number];
type ObjectName = 'own' | 'other agency' | 'other partnership';
type Outcome = 'ok' | 'sign-in' | '401' | '403' | '404' | '503';

const anyone = (): Outcome => 'ok';
const signedIn = (role: RoleName): Outcome => (role === 'anonymous' ? 'sign-in' : 'ok');
const withToken = (role: RoleName): Outcome => (role === 'anonymous' ? '401' : 'ok');
const teamOnItsOwnPartnership = (role: RoleName, object: ObjectName): Outcome =>
  role === 'anonymous'
    ? 'sign-in'
    : role !== 'partnership-team' || object === 'other partnership'
      ? '403'
      : 'ok';
const partnershipTeamOnly = (role: RoleName): Outcome =>
  role === 'anonymous' ? 'sign-in' : role === 'partnership-team' ? 'ok' : '403';
const directoryRead = (role: RoleName, object: ObjectName): Outcome =>
  role === 'anonymous' ? '401' : object === 'other partnership' && role !== 'admin' ? '404' : 'ok';

type Expectation = {
  outcome: (role: RoleName, object: ObjectName) => Outcome;
  objects?: 'partnership' | 'token' | 'person';
  endsSession?: true;
};

const expected: Record<string, Expectation> = {
  'GET /assets/accord.css': { outcome: anyone },
  'GET /assets/govuk-frontend.min.js': { outcome: anyone },
  'GET /assets/*': { outcome: anyone },
  'GET /health': { outcome: anyone },
  'GET /': { outcome: anyone },
  'GET /setup': { outcome: () => '404' },
  'POST /setup': { outcome: () => '404' },
  'GET /sign-in': { outcome: anyone },
  // The matrix's provider cannot be reached, so starting single sign-on says it is unavailable.
  'GET /sign-in/oidc': { outcome: () => '503' },
  'GET /sign-in/oidc/callback': { outcome: () => '401' },
  'POST /sign-in': { outcome: () => '401', endsSession: true },
  'POST /sign-out': { outcome: anyone, endsSession: true },
  // No link was made for the matrix, so there is nothing to find.
  'GET /set-password/:token': { outcome: () => '404' },
  'POST /set-password/:token': { outcome: () => '404' },
  'GET /account': { outcome: signedIn },
  'POST /account/tokens': { outcome: signedIn },
  'POST /account/tokens/:tokenId/revoke': {
    objects: 'token',
    outcome: (role, object) =>
      role === 'anonymous' ? 'sign-in' : object === 'own' || role === 'admin' ? 'ok' : '404',
  },
  'POST /account/sign-out-everywhere': { outcome: signedIn, endsSession: true },
  'GET /directory': { outcome: partnershipTeamOnly },
  'GET /directory/local-authorities/new': { outcome: partnershipTeamOnly },
  'POST /directory/local-authorities/new': { outcome: partnershipTeamOnly },
  'GET /directory/agencies/new': { outcome: partnershipTeamOnly },
  'POST /directory/agencies/new': { outcome: partnershipTeamOnly },
  'GET /directory/on-call-contacts/new': { outcome: partnershipTeamOnly },
  'POST /directory/on-call-contacts/new': { outcome: partnershipTeamOnly },
  'GET /directory/people/new': { outcome: partnershipTeamOnly },
  'POST /directory/people/new': { outcome: partnershipTeamOnly },
  'GET /directory/teams/new': { outcome: partnershipTeamOnly },
  'POST /directory/teams/new': { outcome: partnershipTeamOnly },
  'GET /directory/regions/new': { outcome: partnershipTeamOnly },
  'POST /directory/regions/new': { outcome: partnershipTeamOnly },
  'GET /directory/working-time': { outcome: partnershipTeamOnly },
  'POST /directory/working-time': { outcome: partnershipTeamOnly },
  'GET /directory/closure-days/new': { outcome: partnershipTeamOnly },
  'POST /directory/closure-days/new': { outcome: partnershipTeamOnly },
  'GET /directory/people/:personId': { objects: 'person', outcome: teamOnItsOwnPartnership },
  'POST /directory/people/:personId': { objects: 'person', outcome: teamOnItsOwnPartnership },
  'GET /directory/people/:personId/roles': {
    objects: 'person',
    outcome: (role, object) =>
      role === 'anonymous'
        ? 'sign-in'
        : role !== 'partnership-team'
          ? '403'
          : object === 'other partnership'
            ? '403'
            : 'ok',
  },
  'POST /directory/people/:personId/roles': {
    objects: 'person',
    outcome: (role, object) =>
      role === 'anonymous'
        ? 'sign-in'
        : role !== 'partnership-team'
          ? '403'
          : object === 'other partnership'
            ? '403'
            : 'ok',
  },
  'GET /audit': { outcome: partnershipTeamOnly },
  'GET /audit.csv': { outcome: partnershipTeamOnly },
  'GET /api/v1/me': { outcome: withToken },
  'GET /api/v1/partnerships': { outcome: withToken },
  'GET /api/v1/partnerships/:id/protocol': { objects: 'partnership', outcome: directoryRead },
  'GET /api/v1/partnerships/:id/local-authorities': {
    objects: 'partnership',
    outcome: directoryRead,
  },
  'GET /api/v1/partnerships/:id/agencies': { objects: 'partnership', outcome: directoryRead },
  'GET /api/v1/partnerships/:id/people': { objects: 'partnership', outcome: directoryRead },
};

function classify(response: LightMyRequestResponse): Outcome | string {
  const location = String(response.headers.location ?? '');
  if (response.statusCode === 302 && location.startsWith('/sign-in?returnTo=')) return 'sign-in';
  if ([401, 403, 404, 503].includes(response.statusCode))
    return String(response.statusCode) as Outcome;
  if (response.statusCode >= 500) return `server error ${response.statusCode}`;
  return 'ok';
}

describeOnEachDatabase('authorisation matrix', (context) => {
  let app: FastifyInstance;
  let own: { partnershipId: string };
  let otherPartnershipId: string;
  const people = {} as Record<RoleName, Person | null>;
  let otherAgencyPerson: Person;
  let otherPartnershipPerson: Person;
  const tokens = {} as Record<RoleName, string>;
  const deps = () => ({ database: context.database, clock: fixedClock('2026-11-24T10:00:00Z') });

  before(async () => {
    own = await setUpAccord(context.database);
    const school = await anAgency(context.database, own.partnershipId, { kind: 'school' });
    const socialCare = await anAgency(context.database, own.partnershipId, {
      kind: 'childrens-social-care',
    });
    otherPartnershipId = (await aPartnership(context.database)).id;
    people.anonymous = null;
    for (const role of roles.slice(1)) {
      people[role] = await aPerson(context.database, {
        partnershipId: role === 'admin' ? null : own.partnershipId,
        agencyId: role === 'admin' || role === 'partnership-team' ? null : school.id,
        roles: [role as Exclude<RoleName, 'anonymous'>],
      });
      tokens[role] = (
        await createApiToken(
          deps(),
          { personId: (people[role] as Person).id, name: 'matrix' },
          commandLine,
        )
      ).token;
    }
    otherAgencyPerson = await aPerson(context.database, {
      partnershipId: own.partnershipId,
      agencyId: socialCare.id,
    });
    otherPartnershipPerson = await aPerson(context.database, { partnershipId: otherPartnershipId });
    app = await buildTestApp({
      database: context.database,
      env: {
        OIDC_ISSUER: 'http://127.0.0.1:1/nobody-here',
        OIDC_CLIENT_ID: 'accord',
        OIDC_CLIENT_SECRET: 'not-used',
      },
    });
  });
  after(() => app?.close());

  async function browserFor(role: RoleName): Promise<Browser> {
    const person = people[role];
    if (person) return signIn(app, person.email);
    const page = await app.inject({ method: 'GET', url: '/sign-in' });
    const { cookieFrom, csrfTokenIn } = await import('./signIn.ts');
    return { cookie: cookieFrom(page), csrfToken: csrfTokenIn(page.body) };
  }

  async function objectId(
    kind: Expectation['objects'],
    object: ObjectName,
    role: RoleName,
  ): Promise<string> {
    if (kind === 'partnership')
      return object === 'other partnership' ? otherPartnershipId : own.partnershipId;
    const person =
      object === 'own'
        ? (people[role] ?? otherAgencyPerson)
        : object === 'other agency'
          ? otherAgencyPerson
          : otherPartnershipPerson;
    if (kind === 'person') return person.id;
    return (await createApiToken(deps(), { personId: person.id, name: 'target' }, commandLine)).id;
  }

  test('every route answers every role as product.md says, and no route is left out', async () => {
    const routes = app.routeTable.map((route) => `${route.method} ${route.url}`);
    assert.deepEqual(
      [...routes].sort(),
      Object.keys(expected).sort(),
      'the route table and the expected table list the same routes',
    );

    const browsers = {} as Record<RoleName, Browser>;
    for (const role of roles) browsers[role] = await browserFor(role);
    let requests = 0;
    const leaks: string[] = [];
    const wrongDenials: string[] = [];
    const others: string[] = [];

    // Routes that end sessions go last, so the other routes keep each role's session.
    const ordered = [...app.routeTable].sort(
      (a, b) =>
        Number(Boolean(expected[`${a.method} ${a.url}`]?.endsSession)) -
        Number(Boolean(expected[`${b.method} ${b.url}`]?.endsSession)),
    );
    for (const route of ordered) {
      const key = `${route.method} ${route.url}`;
      const expectation = expected[key] as Expectation;
      const objects: ObjectName[] = expectation.objects
        ? ['own', 'other agency', 'other partnership']
        : ['own'];
      for (const role of roles) {
        for (const object of objects) {
          const id = expectation.objects ? await objectId(expectation.objects, object, role) : '';
          const url = route.url.replace(/:\w+/, id).replace('*', 'accord.js');
          const browser = expectation.endsSession ? await browserFor(role) : browsers[role];
          const isApi = url.startsWith('/api/');
          const response = await app.inject({
            method: route.method as 'GET' | 'POST',
            url,
            headers: isApi
              ? role === 'anonymous'
                ? {}
                : { authorization: `Bearer ${tokens[role]}` }
              : { cookie: browser.cookie },
            ...(route.method === 'POST' && !isApi
              ? {
                  payload: {
                    _csrf: browser.csrfToken,
                    email: `nobody-${requests}@example.org`,
                    password: 'not the right password',
                    name: 'Matrix token',
                    ...(people[role] && key === 'POST /account/tokens'
                      ? { password: 'correct horse battery staple' }
                      : {}),
                  },
                }
              : {}),
          });
          requests++;
          const want = expectation.outcome(role, object);
          const got = classify(response);
          if (got === want) continue;
          const line = `${key} as ${role} on ${object}: expected ${want}, got ${got} (${response.statusCode})`;
          if (want !== 'ok' && got === 'ok') leaks.push(line);
          else if (want === 'ok' && got !== 'ok') wrongDenials.push(line);
          else others.push(line);
        }
      }
    }
    const routeCount = app.routeTable.length;
    console.log(
      `[${context.kind}] ${roles.length} roles × ${routeCount} routes × up to 3 objects = ${requests} requests, ${leaks.length} leaks, ${wrongDenials.length} wrong denials`,
    );
    assert.deepEqual({ leaks, wrongDenials, others }, { leaks: [], wrongDenials: [], others: [] });
  });
});
