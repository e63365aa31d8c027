// biome-ignore-all lint/suspicious/noExplicitAny: the responses are untyped JSON, checked field by field below
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { runCli } from '../../src/cli/main.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { buildTestApp, testConfig } from '../testApp.ts';
import {
  createScratchDatabase,
  databaseKindsToTest,
  type ScratchDatabase,
} from '../testDatabase.ts';

// The contract of api.md, checked as another system would: the database is filled only by the
// documented commands (`accord demo-data`, `accord token create`) and everything else is HTTP
// against a listening server. Every endpoint, and every status code api.md names for it.

type Json = Record<string, any>;
type Caller = {
  get(
    path: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; type: string }>;
  send(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any; type: string }>;
};

for (const { kind, skip } of databaseKindsToTest()) {
  describe(`API v1 contract [${kind}]`, { skip }, () => {
    let scratch: ScratchDatabase;
    let database: Database;
    let app: FastifyInstance;
    let baseUrl: string;

    const cli = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const exitCode = await runCli(argv, {
        stdout: { write: (text: string) => out.push(text) },
        stderr: { write: (text: string) => err.push(text) },
        loadConfig: () => testConfig(scratch.environment),
      });
      assert.equal(exitCode, 0, `accord ${argv.join(' ')}: ${err.join('')}`);
      return out.join('');
    };
    const tokenFor = async (email: string) =>
      (await cli('token', 'create', '--user', email, '--name', 'contract')).trim();

    function callerWith(token: string | null): Caller {
      const request = async (
        method: string,
        path: string,
        body?: unknown,
        headers: Record<string, string> = {},
      ) => {
        const response = await fetch(`${baseUrl}/api/v1${path}`, {
          method,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const type = response.headers.get('content-type') ?? '';
        const payload = type.includes('json')
          ? await response.json()
          : Buffer.from(await response.arrayBuffer());
        return { status: response.status, body: payload, type };
      };
      return {
        get: (path, headers) => request('GET', path, undefined, headers),
        send: (method, path, body) => request(method, path, body),
      };
    }

    function assertProblem(response: { status: number; body: any; type: string }, status: number) {
      assert.equal(response.status, status, JSON.stringify(response.body));
      assert.match(response.type, /^application\/problem\+json/);
      assert.equal(response.body.status, status);
      assert.equal(typeof response.body.title, 'string');
      assert.equal(typeof response.body.detail, 'string');
      if (status === 400) {
        assert.ok(Array.isArray(response.body.errors) && response.body.errors.length > 0);
        for (const error of response.body.errors) {
          assert.equal(typeof error.path, 'string');
          assert.equal(typeof error.message, 'string');
        }
      }
    }

    // The cast, discovered through the API.
    let admin: Caller;
    let anonymous: Caller;
    let pan: Json;
    let humber: Json;
    let raiser: Json;
    let raiserManager: Json;
    let other: Json;
    let team: Json;
    let outsider: Json;
    const as = {} as Record<'raiser' | 'raiserManager' | 'other' | 'team' | 'outsider', Caller>;
    let raiserAgency: Json;
    let otherAgency: Json;

    before(async () => {
      scratch = await createScratchDatabase(kind);
      await cli('demo-data');
      database = openDatabase(scratch.target);
      app = await buildTestApp({ database, clock: systemClock });
      baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
      admin = callerWith(await tokenFor('admin@example.org'));
      anonymous = callerWith(null);

      const partnerships = (await admin.get('/partnerships')).body as Json[];
      pan = partnerships.find((p) => p.protocolId === 'pan-lancashire') as Json;
      humber = partnerships.find((p) => p.protocolId === 'humber') as Json;
      const people = (await admin.get(`/partnerships/${pan.id}/people`)).body as Json[];
      const agencies = (await admin.get(`/partnerships/${pan.id}/agencies`)).body as Json[];
      raiserAgency = agencies.find((a) => a.kind === 'school') as Json;
      otherAgency = agencies.find((a) => a.kind === 'childrens-social-care') as Json;
      raiser = people.find(
        (p) => p.agencyId === raiserAgency.id && p.role === 'practitioner' && p.managerId,
      ) as Json;
      raiserManager = people.find((p) => p.id === raiser.managerId) as Json;
      other = people.find(
        (p) => p.agencyId === otherAgency.id && p.role === 'practitioner',
      ) as Json;
      team = people.find((p) => p.roles.includes('partnership-team')) as Json;
      outsider = (await admin.get(`/partnerships/${humber.id}/people`)).body.find(
        (p: Json) => p.role === 'practitioner',
      );
      for (const [name, person] of Object.entries({
        raiser,
        raiserManager,
        other,
        team,
        outsider,
      })) {
        assert.ok(person, `the demo data has a ${name}`);
        as[name as keyof typeof as] = callerWith(await tokenFor(person.email));
      }
    });
    after(async () => {
      await app?.close();
      await database?.close();
      await scratch?.remove();
    });

    const raiseBody = (overrides: Json = {}) => ({
      partnershipId: pan.id,
      raisedAt: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
      otherAgencyIds: [otherAgency.id],
      otherPersonId: other.id,
      category: 'threshold',
      summary: 'The school sees neglect the front door did not accept',
      impactOnChild: 'The child is often hungry',
      desiredOutcome: 'An assessment',
      urgent: false,
      children: [{ firstName: 'Casey', lastName: 'Contract', dateOfBirth: '2017-06-01' }],
      ...overrides,
    });
    const now = () => new Date().toISOString();

    test('GET /me: who the token acts as, and 401 without a valid token', async () => {
      const me = await as.raiser.get('/me');
      assert.equal(me?.status, 200);
      assert.deepEqual(Object.keys(me?.body).sort(), [
        'agencyId',
        'email',
        'id',
        'name',
        'partnershipId',
        'role',
        'roles',
      ]);
      assert.equal(me?.body.id, raiser.id);
      assertProblem(await anonymous.get('/me'), 401);
      assertProblem(await callerWith('not-a-token').get('/me'), 401);
    });

    test('the directory reads: open to admins and the partnership’s people; 404 otherwise', async () => {
      const partnerships = await admin.get('/partnerships');
      assert.equal(partnerships.status, 200);
      assert.deepEqual(partnerships.body.map((p: Json) => p.protocolId).sort(), [
        'east-riding',
        'humber',
        'lincolnshire',
        'pan-lancashire',
      ]);
      for (const p of partnerships.body) {
        assert.deepEqual(Object.keys(p).sort(), [
          'calendar',
          'id',
          'name',
          'protocolId',
          'protocolVersion',
          'timeZone',
          'workingHours',
          'workingWeekdays',
        ]);
        assert.match(p.workingHours.start, /^\d\d:\d\d$/);
        assert.ok(p.workingHours.end > p.workingHours.start);
        assert.ok(p.workingWeekdays.length > 0);
      }
      const mine = await as.raiser.get('/partnerships');
      assert.deepEqual(
        mine?.body.map((p: Json) => p.id),
        [pan.id],
      );
      assertProblem(await anonymous.get('/partnerships'), 401);

      const protocol = await as.raiser.get(`/partnerships/${pan.id}/protocol`);
      assert.equal(protocol?.status, 200);
      assert.equal(protocol?.body.id, 'pan-lancashire');
      assert.deepEqual(
        protocol?.body.stages.map((s: Json) => s.key),
        ['initial', 'stage-1', 'stage-2', 'stage-3'],
      );
      assert.deepEqual(protocol?.body.stages[1].timescale, { unit: 'workingDays', amount: 5 });
      assert.deepEqual(protocol?.body.stages[0].timescale, { unit: null, amount: null });

      const authorities = await as.raiser.get(`/partnerships/${pan.id}/local-authorities`);
      assert.deepEqual(authorities?.body.map((la: Json) => la.name).sort(), [
        'Blackpool',
        'Lancashire',
      ]);
      assert.ok(authorities?.body.every((la: Json) => la.frontDoorName && la.monitoringTeamName));
      const agencies = await as.raiser.get(`/partnerships/${pan.id}/agencies`);
      assert.deepEqual(Object.keys(agencies?.body[0]).sort(), [
        'id',
        'kind',
        'localAuthorityId',
        'name',
      ]);
      const people = await as.raiser.get(`/partnerships/${pan.id}/people`);
      assert.deepEqual(Object.keys(people?.body[0]).sort(), [
        'agencyId',
        'email',
        'id',
        'level',
        'managerId',
        'name',
        'role',
        'roles',
      ]);
      assert.ok(people?.body.every((p: Json) => p.email.endsWith('@example.org')));

      for (const path of ['protocol', 'local-authorities', 'agencies', 'people']) {
        assertProblem(await as.outsider.get(`/partnerships/${pan.id}/${path}`), 404);
        assertProblem(await anonymous.get(`/partnerships/${pan.id}/${path}`), 401);
        assertProblem(
          await admin.get(`/partnerships/00000000-0000-4000-8000-000000000000/${path}`),
          404,
        );
      }
    });

    test('POST /disagreements: 201 with the case; 400, 401, 403 and 422 as api.md says, storing nothing', async () => {
      const raised = await as.raiser.send('POST', '/disagreements', raiseBody());
      assert.equal(raised.status, 201, JSON.stringify(raised.body));
      const c = raised.body;
      assert.equal(c.status, 'open');
      assert.equal(c.version, 1);
      assert.equal(c.raisedBy, raiser.id);
      assert.equal(c.pathway, 'general');
      assert.equal(c.protocolId, 'pan-lancashire');
      assert.deepEqual(c.agencyIds, [raiserAgency.id, otherAgency.id]);
      assert.equal(c.localAuthorityId, raiserAgency.localAuthorityId);
      assert.match(c.raisedAt, /Z$/);
      assert.deepEqual(c.currentStage.key, 'initial');
      assert.equal(c.currentStage.dueAt, null);
      assert.equal(c.currentStage.overdue, false);
      assert.deepEqual(c.records, []);
      assert.equal(c.resolution, null);
      assert.equal(c.childDeadline, null);
      for (const key of [
        'id',
        'reference',
        'version',
        'partnershipId',
        'protocolId',
        'protocolVersion',
        'status',
        'urgent',
        'category',
        'pathway',
        'raisedAt',
        'raisedBy',
        'agencyIds',
        'localAuthorityId',
        'children',
        'summary',
        'impactOnChild',
        'desiredOutcome',
        'currentStage',
        'stages',
        'records',
        'actions',
        'resolution',
        'childDeadline',
        'monitoringNotifiedAt',
        'closedAt',
        'withdrawnReason',
        'lessons',
      ]) {
        assert.ok(key in c, `the case has ${key}`);
      }

      const frontDoor = await as.raiser.send(
        'POST',
        '/disagreements',
        raiseBody({ category: 'referral-not-accepted' }),
      );
      assert.equal(frontDoor.body.pathway, 'front-door', 'the pathway defaults from the category');

      const before = (await as.raiser.get('/disagreements?limit=200')).body.items.length;
      const missing = await as.raiser.send('POST', '/disagreements', {
        ...raiseBody(),
        summary: undefined,
        children: [],
      });
      assertProblem(missing, 400);
      assert.deepEqual(missing.body.errors.map((e: Json) => e.path).sort(), [
        'children',
        'summary',
      ]);
      assertProblem(
        await as.raiser.send('POST', '/disagreements', raiseBody({ pathway: 'front-door' })),
        400,
      );
      assertProblem(
        await as.raiser.send('POST', '/disagreements', raiseBody({ raisedAt: 'yesterday' })),
        400,
      );
      assertProblem(await anonymous.send('POST', '/disagreements', raiseBody()), 401);
      assertProblem(await as.team.send('POST', '/disagreements', raiseBody()), 403);
      const complaint = await as.raiser.send(
        'POST',
        '/disagreements',
        raiseBody({ aboutConductOfProfessional: true }),
      );
      assertProblem(complaint, 422);
      assert.match(complaint.body.detail, /complaints|LADO/);
      assertProblem(
        await as.raiser.send(
          'POST',
          '/disagreements',
          raiseBody({ otherAgencyIds: [raiserAgency.id] }),
        ),
        422,
      );
      assertProblem(
        await as.raiser.send(
          'POST',
          '/disagreements',
          raiseBody({ raisedAt: new Date(Date.now() + 3_600_000).toISOString() }),
        ),
        422,
      );
      assertProblem(
        await as.raiser.send(
          'POST',
          '/disagreements',
          raiseBody({ raisedAt: '2014-01-01T10:00:00Z' }),
        ),
        422,
      );
      assert.equal((await as.raiser.get('/disagreements?limit=200')).body.items.length, before);
    });

    test('GET /disagreements/{id}: the case to those who may see it, 404 to anyone else', async () => {
      const { body: c } = await as.raiser.send('POST', '/disagreements', raiseBody());
      for (const caller of [as.raiser, as.raiserManager, as.other, as.team]) {
        const read = await caller.get(`/disagreements/${c.id}`);
        assert.equal(read.status, 200);
        assert.equal(read.body.id, c.id);
      }
      assertProblem(await admin.get(`/disagreements/${c.id}`), 404);
      assertProblem(await as.outsider.get(`/disagreements/${c.id}`), 404);
      assertProblem(
        await as.raiser.get('/disagreements/00000000-0000-4000-8000-000000000000'),
        404,
      );
      assertProblem(await as.raiser.get('/disagreements/not-an-id'), 404);
      assertProblem(await anonymous.get(`/disagreements/${c.id}`), 401);
    });

    test('GET /disagreements: newest first, filters, pages with a cursor; never what the caller may not see', async () => {
      // Two raised one after the other: the later comes first.
      const earlier = (await as.raiser.send('POST', '/disagreements', raiseBody())).body;
      const later = (await as.raiser.send('POST', '/disagreements', raiseBody())).body;
      const all = await as.team.get('/disagreements?limit=200');
      assert.equal(all.status, 200);
      const times = all.body.items.map((c: Json) => c.id);
      assert.deepEqual(times.slice(0, 2), [later.id, earlier.id], 'newest first');
      assert.ok(times.length > 3);
      assert.ok(all.body.items.every((c: Json) => c.partnershipId === pan.id));
      const statuses = new Set(all.body.items.map((c: Json) => c.status));
      for (const status of ['open', 'resolved', 'closed', 'withdrawn'])
        assert.ok(statuses.has(status), `the demo has a ${status} case`);

      for (const status of ['open', 'closed']) {
        const filtered = await as.team.get(`/disagreements?status=${status}&limit=200`);
        assert.ok(
          filtered.body.items.length > 0 &&
            filtered.body.items.every((c: Json) => c.status === status),
        );
      }
      const atStage = await as.team.get('/disagreements?stage=stage-3&limit=200');
      assert.ok(
        atStage.body.items.length > 0 &&
          atStage.body.items.every((c: Json) => c.currentStage?.key === 'stage-3'),
      );
      const overdue = await as.team.get('/disagreements?overdue=true&limit=200');
      assert.ok(
        overdue.body.items.length > 0 &&
          overdue.body.items.every((c: Json) => c.currentStage?.overdue === true),
      );
      const byPartnership = await admin.get(`/disagreements?partnershipId=${pan.id}`);
      assert.deepEqual(
        byPartnership.body.items,
        [],
        'admins see no case content by that role alone',
      );

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: any } = await as.team.get(
          `/disagreements?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        assert.equal(page.status, 200);
        assert.ok(page.body.items.length <= 2);
        seen.push(...page.body.items.map((c: Json) => c.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, times, 'the pages join up to the whole list, newest first');

      const outsiders = await as.outsider.get('/disagreements?limit=200');
      assert.ok(outsiders.body.items.every((c: Json) => c.partnershipId === humber.id));
      assertProblem(await as.team.get('/disagreements?limit=500'), 400);
      assertProblem(await as.team.get('/disagreements?status=lost'), 400);
      assertProblem(await as.team.get('/disagreements?cursor=bad'), 400);
      assertProblem(await anonymous.get('/disagreements'), 401);
    });

    test('GET /disagreements, extended: search, the team’s filters and sorts, each page in its sort', async () => {
      const all = (await as.team.get('/disagreements?limit=200')).body.items as Json[];
      const one = all[3] as Json;
      const found = await as.team.get(`/disagreements?q=${one.reference.toLowerCase()}`);
      assert.deepEqual(
        found.body.items.map((c: Json) => c.id),
        [one.id],
        'found by its reference',
      );
      const child = one.children[0] as Json;
      const byName = await as.team.get(
        `/disagreements?q=${encodeURIComponent(child.lastName.slice(0, 3))}&limit=200`,
      );
      assert.ok(
        byName.body.items.some((c: Json) => c.id === one.id),
        'found by the start of a child’s name',
      );

      const threshold = await as.team.get('/disagreements?category=threshold&limit=200');
      assert.ok(threshold.body.items.length > 0);
      assert.ok(threshold.body.items.every((c: Json) => c.category === 'threshold'));
      const agency = await as.team.get(`/disagreements?agencyId=${otherAgency.id}&limit=200`);
      assert.ok(agency.body.items.length > 0);
      assert.ok(agency.body.items.every((c: Json) => c.agencyIds.includes(otherAgency.id)));
      const urgent = await as.team.get('/disagreements?urgent=true&limit=200');
      assert.ok(urgent.body.items.every((c: Json) => c.urgent === true));

      const raised = (await as.team.get('/disagreements?sort=raised&limit=200')).body
        .items as Json[];
      const raisedAt = raised.map((c) => c.raisedAt);
      assert.deepEqual(raisedAt, [...raisedAt].sort().reverse(), 'latest first raised first');
      const inMonth = await as.team.get(
        '/disagreements?raisedFrom=2024-01-01&raisedTo=2024-12-31&limit=200',
      );
      assert.ok(inMonth.body.items.every((c: Json) => c.raisedAt.startsWith('2024')));
      assert.equal(
        inMonth.body.items.length,
        raised.filter((c) => c.raisedAt.startsWith('2024')).length,
      );

      const due = (await as.team.get('/disagreements?status=open&sort=due&limit=200')).body
        .items as Json[];
      const dues = due.map((c) => c.currentStage?.dueAt).filter((d): d is string => Boolean(d));
      assert.deepEqual(dues, [...dues].sort(), 'soonest due first');
      assert.deepEqual(
        due.slice(dues.length).map((c) => c.currentStage?.dueAt ?? null),
        due.slice(dues.length).map(() => null),
        'those with no due time last',
      );
      const firstPage = await as.team.get('/disagreements?sort=due&limit=1');
      assertProblem(
        await as.team.get(`/disagreements?sort=raised&cursor=${firstPage.body.nextCursor}`),
        400,
      );
      assertProblem(await as.team.get('/disagreements?raisedFrom=2024-02-30'), 400);
      assertProblem(await as.team.get('/disagreements?sort=oldest'), 400);
    });

    test('records, escalation and versions: 200, 400, 403, 404, 409 and 422', async () => {
      const { body: c } = await as.raiser.send('POST', '/disagreements', raiseBody());
      const record = await as.raiser.send('POST', `/disagreements/${c.id}/records`, {
        version: 1,
        occurredAt: now(),
        mode: 'phone',
        participants: ['Both practitioners'],
        summary: 'No agreement',
      });
      assert.equal(record.status, 200);
      assert.equal(record.body.version, 2);
      assert.equal(record.body.records[0].stageKey, 'initial');
      assert.equal(record.body.records[0].recordedBy, raiser.id);
      assertProblem(
        await as.raiser.send('POST', `/disagreements/${c.id}/records`, {
          version: 2,
          occurredAt: now(),
          mode: 'carrier pigeon',
          participants: [],
          summary: 'x',
        }),
        400,
      );
      assertProblem(
        await as.raiser.send('POST', `/disagreements/${c.id}/records`, {
          version: 1,
          occurredAt: now(),
          mode: 'phone',
          participants: [],
          summary: 'stale',
        }),
        409,
      );
      assertProblem(
        await as.raiser.send('POST', `/disagreements/${c.id}/records`, {
          version: 2,
          occurredAt: '2020-01-01T00:00:00Z',
          mode: 'phone',
          participants: [],
          summary: 'before it was raised',
        }),
        422,
      );
      assertProblem(
        await admin.send('POST', `/disagreements/${c.id}/records`, {
          version: 2,
          occurredAt: now(),
          mode: 'phone',
          participants: [],
          summary: 'x',
        }),
        404,
      );

      assertProblem(
        await as.team.send('POST', `/disagreements/${c.id}/escalate`, {
          version: 2,
          occurredAt: now(),
          reason: 'x',
        }),
        403,
      );
      assertProblem(
        await as.raiserManager.send('POST', `/disagreements/${c.id}/escalate`, {
          version: 2,
          occurredAt: now(),
        }),
        400,
      );
      assertProblem(
        await as.raiserManager.send('POST', `/disagreements/${c.id}/escalate`, {
          version: 2,
          occurredAt: now(),
          reason: 'x',
          toStageKey: 'stage-99',
        }),
        400,
      );
      const escalated = await as.raiserManager.send('POST', `/disagreements/${c.id}/escalate`, {
        version: 2,
        occurredAt: now(),
        reason: 'No agreement between practitioners',
      });
      assert.equal(escalated.status, 200);
      assert.equal(escalated.body.currentStage.key, 'stage-1');
      assert.equal(escalated.body.stages[0].outcome, 'escalated');
      assert.ok(escalated.body.stages[0].endedAt);
      assert.match(
        escalated.body.currentStage.dueAt,
        /T17:00:00(\.000)?Z$|T16:00:00(\.000)?Z$/,
        'due at the end of a working day',
      );
      assert.equal(escalated.body.stages[0].dueReason, 'No set timescale');
      assert.match(escalated.body.stages[1].dueReason, /^5 working days from .*: by 5pm on /);
      let version = escalated.body.version;
      for (const expected of ['stage-2', 'stage-3']) {
        const next = await as.other.send('POST', `/disagreements/${c.id}/escalate`, {
          version,
          occurredAt: now(),
          reason: 'Still no agreement',
        });
        assert.equal(next.status, 200, JSON.stringify(next.body));
        assert.equal(next.body.currentStage.key, expected);
        version = next.body.version;
        if (expected === 'stage-3')
          assert.ok(next.body.monitoringNotifiedAt, 'entering stage 3 sets monitoringNotifiedAt');
      }
      assertProblem(
        await as.other.send('POST', `/disagreements/${c.id}/escalate`, {
          version,
          occurredAt: now(),
          reason: 'x',
        }),
        422,
      );
      assertProblem(
        await as.other.send('POST', `/disagreements/${c.id}/escalate`, {
          version,
          occurredAt: new Date(Date.now() + 86_400_000).toISOString(),
          reason: 'x',
        }),
        422,
      );

      const form = await as.team.get(`/disagreements/${c.id}/monitoring-form`);
      assert.equal(form.status, 200);
      assert.equal(form.body.caseReference, c.reference);
      assert.ok(
        form.body.fields.some((f: Json) => f.from === 'children' && /Casey Contract/.test(f.value)),
      );
      const pdf = await as.team.get(`/disagreements/${c.id}/monitoring-form`, {
        accept: 'application/pdf',
      });
      assert.equal(pdf.status, 200);
      assert.match(pdf.type, /^application\/pdf/);
      assert.equal((pdf.body as Buffer).subarray(0, 5).toString(), '%PDF-');
      assertProblem(await admin.get(`/disagreements/${c.id}/monitoring-form`), 404);
      assertProblem(await anonymous.get(`/disagreements/${c.id}/monitoring-form`), 401);
    });

    test('the monitoring form: 404 no-monitoring-form where the protocol has none, 422 before its stage', async () => {
      const { body: early } = await as.raiser.send('POST', '/disagreements', raiseBody());
      assertProblem(await as.raiser.get(`/disagreements/${early.id}/monitoring-form`), 422);
      const humberAgencies = (await admin.get(`/partnerships/${humber.id}/agencies`))
        .body as Json[];
      const humberOther = humberAgencies.find((a) => a.id !== outsider.agencyId) as Json;
      const { body: humberCase, status } = await as.outsider.send(
        'POST',
        '/disagreements',
        raiseBody({
          partnershipId: humber.id,
          otherAgencyIds: [humberOther.id],
          otherPersonId: undefined,
        }),
      );
      assert.equal(status, 201);
      const noForm = await as.outsider.get(`/disagreements/${humberCase.id}/monitoring-form`);
      assertProblem(noForm, 404);
      assert.match(JSON.stringify(noForm.body), /no-monitoring-form/);

      // Humber's stage 4 needs the written account on entry: 400 naming it, then 200 with it.
      const jump = {
        version: 1,
        occurredAt: now(),
        reason: 'Significant policy issues',
        toStageKey: 'stage-4',
      };
      const refused = await as.outsider.send(
        'POST',
        `/disagreements/${humberCase.id}/escalate`,
        jump,
      );
      assertProblem(refused, 400);
      assert.deepEqual(
        refused.body.errors.map((e: Json) => e.path),
        ['writtenAccount'],
      );
      const jumped = await as.outsider.send('POST', `/disagreements/${humberCase.id}/escalate`, {
        ...jump,
        writtenAccount: 'The dispute and our attempts to resolve it',
      });
      assert.equal(jumped.status, 200, JSON.stringify(jumped.body));
      assert.equal(jumped.body.currentStage.key, 'stage-4');
    });

    test('resolve, confirm, reject, close, withdraw and the child-protective deadline', async () => {
      const { body: c } = await as.raiser.send('POST', '/disagreements', raiseBody());
      assertProblem(
        await as.team.send('POST', `/disagreements/${c.id}/resolve`, {
          version: 1,
          occurredAt: now(),
          agreedOutcome: 'x',
          actions: [],
        }),
        403,
      );
      const proposed = await as.raiser.send('POST', `/disagreements/${c.id}/resolve`, {
        version: 1,
        occurredAt: now(),
        agreedOutcome: 'Social care will assess',
        actions: [
          {
            description: 'Start the assessment',
            ownerId: other.id,
            dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
          },
        ],
      });
      assert.equal(proposed.status, 200);
      assert.equal(proposed.body.status, 'open');
      assert.deepEqual(proposed.body.resolution.confirmations, []);
      assert.equal(proposed.body.actions.length, 1);
      assert.equal(proposed.body.actions[0].completedAt, null);
      assertProblem(
        await as.raiser.send('POST', `/disagreements/${c.id}/resolve`, {
          version: 2,
          occurredAt: now(),
          agreedOutcome: 'again',
          actions: [],
        }),
        422,
      );
      assertProblem(
        await as.raiser.send('POST', `/disagreements/${c.id}/confirm`, { version: 2 }),
        403,
      );
      const rejected = await as.other.send('POST', `/disagreements/${c.id}/reject-outcome`, {
        version: 2,
        reason: 'Not enough',
      });
      assert.equal(rejected.status, 200);
      assert.equal(rejected.body.resolution, null);
      assert.deepEqual(rejected.body.actions, []);
      assertProblem(
        await as.other.send('POST', `/disagreements/${c.id}/reject-outcome`, { version: 3 }),
        400,
      );

      const deadline = await as.team.send('PUT', `/disagreements/${c.id}/child-deadline`, {
        version: 3,
        dueAt: new Date(Date.now() + 3_600_000).toISOString(),
        reason: 'The child moves tomorrow',
      });
      assert.equal(deadline.status, 200);
      assert.equal(deadline.body.childDeadline.reason, 'The child moves tomorrow');
      assert.equal(
        deadline.body.currentStage.dueAt,
        deadline.body.childDeadline.dueAt,
        'the earlier deadline wins',
      );
      assertProblem(
        await admin.send('PUT', `/disagreements/${c.id}/child-deadline`, {
          version: 4,
          dueAt: now(),
          reason: 'x',
        }),
        404,
      );
      const cleared = await as.raiser.send('DELETE', `/disagreements/${c.id}/child-deadline`, {
        version: 4,
        reason: 'Placement settled',
      });
      assert.equal(cleared.status, 200);
      assert.equal(cleared.body.childDeadline, null);
      assertProblem(
        await as.raiser.send('DELETE', `/disagreements/${c.id}/child-deadline`, {
          version: 5,
          reason: 'again',
        }),
        422,
      );
      const beforeRaising = await as.raiser.send('PUT', `/disagreements/${c.id}/child-deadline`, {
        version: 5,
        dueAt: '2020-01-01T00:00:00Z',
        reason: 'past',
      });
      assertProblem(beforeRaising, 422);
      assert.deepEqual(
        beforeRaising.body.errors.map((error: Json) => error.path),
        ['dueAt'],
        'a deadline before raising is refused naming dueAt',
      );

      assertProblem(
        await as.raiser.send('POST', `/disagreements/${c.id}/close`, { version: 5 }),
        422,
      );
      const again = await as.other.send('POST', `/disagreements/${c.id}/resolve`, {
        version: 5,
        occurredAt: now(),
        agreedOutcome: 'The school will send more evidence',
        actions: [],
      });
      const confirmed = await as.raiser.send('POST', `/disagreements/${c.id}/confirm`, {
        version: again.body.version,
      });
      assert.equal(confirmed.status, 200);
      assert.equal(confirmed.body.status, 'resolved');
      assert.equal(confirmed.body.resolution.confirmations[0].agencyId, raiserAgency.id);
      assert.equal(confirmed.body.currentStage, null);
      assertProblem(
        await as.raiser.send('POST', `/disagreements/${c.id}/close`, {
          version: confirmed.body.version,
          lessons: [{ theme: 'gossip', text: 'x' }],
        }),
        400,
      );
      assertProblem(
        await as.raiser.send('POST', `/disagreements/${c.id}/close`, {
          version: confirmed.body.version,
          lessons: [{ theme: 'training', themes: ['commissioning', 'training'], text: 'x' }],
        }),
        400,
      );
      const closed = await as.raiser.send('POST', `/disagreements/${c.id}/close`, {
        version: confirmed.body.version,
        lessons: [
          { theme: 'training', text: 'Threshold training for schools' },
          {
            themes: ['commissioning', 'agency-guidance'],
            text: 'Commission a joint threshold guide',
          },
        ],
      });
      assert.equal(closed.status, 200);
      assert.equal(closed.body.status, 'closed');
      assert.ok(closed.body.closedAt);
      assert.deepEqual(
        closed.body.lessons.map(({ theme, themes, text }: Record<string, unknown>) => ({
          theme,
          themes,
          text,
        })),
        [
          { theme: 'training', themes: ['training'], text: 'Threshold training for schools' },
          {
            theme: 'commissioning',
            themes: ['commissioning', 'agency-guidance'],
            text: 'Commission a joint threshold guide',
          },
        ],
      );
      assert.ok(
        closed.body.lessons.every((lesson: { id: unknown }) => typeof lesson.id === 'string'),
      );

      const { body: w } = await as.raiser.send('POST', '/disagreements', raiseBody());
      assertProblem(
        await as.raiser.send('POST', `/disagreements/${w.id}/withdraw`, {
          version: 1,
          reason: 'x',
        }),
        403,
      );
      assertProblem(
        await as.raiserManager.send('POST', `/disagreements/${w.id}/withdraw`, { version: 1 }),
        400,
      );
      const withdrawn = await as.raiserManager.send('POST', `/disagreements/${w.id}/withdraw`, {
        version: 1,
        reason: 'We agree with the front door after all',
      });
      assert.equal(withdrawn.status, 200);
      assert.equal(withdrawn.body.status, 'withdrawn');
      assert.equal(withdrawn.body.withdrawnReason, 'We agree with the front door after all');
      assert.equal(withdrawn.body.stages.at(-1).outcome, 'withdrawn');
      assertProblem(
        await as.raiserManager.send('POST', `/disagreements/${w.id}/withdraw`, {
          version: 2,
          reason: 'again',
        }),
        422,
      );
    });

    test('GET /reports/summary: the partnership team’s figures in api.md’s shape; 400, 401, 403, 404', async () => {
      const response = await as.team.get(`/reports/summary?partnershipId=${pan.id}`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      const summary = response.body;
      const keys = (value: Json) => Object.keys(value).sort();
      assert.deepEqual(keys(summary), [
        'ended',
        'from',
        'generatedAt',
        'lessons',
        'localAuthorityId',
        'open',
        'partnershipId',
        'raised',
        'timeliness',
        'to',
      ]);
      assert.deepEqual(keys(summary.open), ['byStage', 'overdue', 'total', 'urgent']);
      assert.deepEqual(keys(summary.raised), [
        'byAgencyPair',
        'byCategory',
        'byMonth',
        'byRaisingAgency',
        'total',
      ]);
      assert.deepEqual(keys(summary.ended), [
        'byStageReached',
        'closed',
        'resolved',
        'withdrawn',
        'workingDaysToResolve',
      ]);
      assert.deepEqual(keys(summary.timeliness), [
        'byStage',
        'share',
        'stagesEnded',
        'withinTimescale',
      ]);
      assert.deepEqual(keys(summary.lessons), ['byTheme', 'total']);
      assert.equal(summary.partnershipId, pan.id);
      assert.equal(summary.localAuthorityId, null);
      // The year to today by default, every month listed.
      const today = Temporal.Now.plainDateISO('Europe/London');
      assert.deepEqual(
        [summary.from, summary.to],
        [today.subtract({ years: 1 }).toString(), today.toString()],
      );
      assert.equal(summary.raised.byMonth.length, 13);
      assert.equal(
        summary.raised.byMonth.reduce((sum: number, m: Json) => sum + m.count, 0),
        summary.raised.total,
      );
      // Every agency of the partnership, those that raised none included.
      const agencies = (await as.team.get(`/partnerships/${pan.id}/agencies`)).body as Json[];
      assert.deepEqual(
        summary.raised.byRaisingAgency.map((r: Json) => r.agencyId).sort(),
        agencies.map((a) => a.id).sort(),
      );
      // Open now agrees with the list of open cases the team sees.
      let open = 0;
      for (let cursor: string | null = ''; cursor !== null; ) {
        const page: Json = (
          await as.team.get(
            `/disagreements?partnershipId=${pan.id}&status=open&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
          )
        ).body;
        open += page.items.length;
        cursor = page.nextCursor;
      }
      assert.equal(summary.open.total, open);
      const localAuthorities = (await as.team.get(`/partnerships/${pan.id}/local-authorities`))
        .body as Json[];
      const narrowed = await as.team.get(
        `/reports/summary?partnershipId=${pan.id}&localAuthorityId=${localAuthorities[0]?.id}&from=2026-01-01&to=2026-12-31`,
      );
      assert.equal(narrowed.status, 200);
      assert.equal(narrowed.body.localAuthorityId, localAuthorities[0]?.id);
      assert.equal(narrowed.body.raised.byMonth.length, 12);

      assertProblem(
        await as.team.get(`/reports/summary?partnershipId=${pan.id}&from=2026-02-30`),
        400,
      );
      assertProblem(
        await as.team.get(`/reports/summary?partnershipId=${pan.id}&from=2026-05-02&to=2026-05-01`),
        400,
      );
      assertProblem(await as.team.get('/reports/summary'), 400);
      assertProblem(await anonymous.get(`/reports/summary?partnershipId=${pan.id}`), 401);
      assertProblem(await as.raiser.get(`/reports/summary?partnershipId=${pan.id}`), 403);
      assertProblem(await as.outsider.get(`/reports/summary?partnershipId=${pan.id}`), 404);
      assertProblem(await admin.get(`/reports/summary?partnershipId=${pan.id}`), 404);
    });

    test('GET /partnerships/{id}/protocol/versions: every version with its open cases, for the partnership team; 401, 403, 404', async () => {
      const response = await as.team.get(`/partnerships/${pan.id}/protocol/versions`);
      assert.equal(response.status, 200);
      assert.ok(Array.isArray(response.body) && response.body.length > 0);
      for (const entry of response.body) {
        assert.deepEqual(Object.keys(entry).sort(), [
          'adoptedAt',
          'adoptedBy',
          'name',
          'openCases',
          'protocolId',
          'reason',
          'version',
        ]);
        assert.ok(Number.isInteger(entry.openCases) && entry.openCases >= 0);
        assert.ok(!Number.isNaN(Date.parse(entry.adoptedAt)));
      }
      const newest = response.body[0];
      assert.equal(newest.version, pan.protocolVersion, 'newest first: the version in force');
      assert.equal(newest.protocolId, 'pan-lancashire');
      const open = (
        await as.team.get(`/disagreements?partnershipId=${pan.id}&status=open&limit=200`)
      ).body;
      if (open.nextCursor === null)
        assert.equal(
          response.body.reduce((sum: number, entry: Json) => sum + entry.openCases, 0),
          open.items.length,
          'every open case runs on one version',
        );
      assertProblem(await anonymous.get(`/partnerships/${pan.id}/protocol/versions`), 401);
      assertProblem(await as.raiser.get(`/partnerships/${pan.id}/protocol/versions`), 403);
      assertProblem(await as.outsider.get(`/partnerships/${pan.id}/protocol/versions`), 404);
      assertProblem(await admin.get(`/partnerships/${pan.id}/protocol/versions`), 404);
    });

    test('the OpenAPI document describes the endpoints above', async () => {
      const response = await fetch(`${baseUrl}/api/v1/openapi.json`);
      assert.equal(response.status, 200);
      const document = (await response.json()) as Json;
      assert.equal(document.openapi, '3.1.0');
      for (const path of [
        '/me',
        '/partnerships',
        '/disagreements',
        '/disagreements/{id}/escalate',
        '/disagreements/{id}/child-deadline',
        '/reports/summary',
        '/partnerships/{id}/protocol/versions',
      ]) {
        assert.ok(document.paths[path], `${path} is documented`);
      }
    });
  });
}
