import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { aCase, aDisagreementCast, aPerson, type Cast } from '../../test/factories.ts';
import { signIn } from '../../test/signIn.ts';
import { useTestApp } from '../../test/testApp.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { outboxRepository } from '../db/repositories/outboxRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import type { Person } from '../domain/directory/directory.ts';
import type { Disagreement } from '../domain/disagreement/disagreement.ts';
import { createApiToken } from './apiTokens.ts';
import { loadActor } from './loadActor.ts';
import { setRoles } from './manageDirectory.ts';
import { remindDeadlines } from './remindDeadlines.ts';
import { commandLine } from './requestContext.ts';

// A final stage taken by the partnership itself: Millbrook's independent scrutiny panel
// (test/protocols/scrutiny-panel.yaml). Its members, people of the partnership of no agency,
// see the case once it reaches them, have it waiting, propose the outcome, and every agency
// confirms it; they may neither escalate nor confirm.

const protocolSource = readFileSync(
  path.resolve(import.meta.dirname, '../../test/protocols/scrutiny-panel.yaml'),
  'utf8',
);

describeOnEachDatabase('a stage taken by the partnership itself', (context) => {
  const clock = fixedClock('2026-11-27T10:00:00Z');
  const deps = () => ({ database: context.database, clock, baseUrl: 'https://accord.example.org' });
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let panel: Person;
  let bystander: Person;
  const tokens = new Map<string, string>();

  const tokenOf = async (person: Person) => {
    const known = tokens.get(person.id);
    if (known) return known;
    const { token } = await createApiToken(
      deps(),
      { personId: person.id, name: 'partnership stage' },
      commandLine,
    );
    tokens.set(person.id, token);
    return token;
  };
  const api = async (person: Person, method: 'GET' | 'POST', url: string, body?: unknown) =>
    server.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: {
        authorization: `Bearer ${await tokenOf(person)}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
  const toStage2 = {
    at: '2026-11-24T09:00:00Z',
    toStageKey: 'stage-2',
    writtenAccount: 'The school sees neglect; the front door does not.',
  };
  const toStage3 = { at: '2026-11-26T09:00:00Z', toStageKey: 'stage-3' };

  before(async () => {
    cast = await aDisagreementCast(context.database, { protocolSource });
    panel = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      name: 'Pat Example',
      roles: ['senior-manager'],
    });
    // Of the partnership and no agency, but with no role the panel stage names.
    bystander = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      roles: ['manager'],
    });
  });

  test('a panel member sees the case only once it reaches the panel, and has it waiting', async () => {
    let disagreement: Disagreement = await aCase(deps(), cast, { escalations: [toStage2] });
    assert.equal((await api(panel, 'GET', `/disagreements/${disagreement.id}`)).statusCode, 404);

    disagreement = await aCase(deps(), cast, { escalations: [toStage2, toStage3] });
    const seen = await api(panel, 'GET', `/disagreements/${disagreement.id}`);
    assert.equal(seen.statusCode, 200, seen.body);
    assert.equal(
      (await api(bystander, 'GET', `/disagreements/${disagreement.id}`)).statusCode,
      404,
      'someone of the partnership without the named role is not on the case',
    );

    const browser = await signIn(server.app, panel.email);
    const waiting = cheerio.load(
      (
        await server.app.inject({
          method: 'GET',
          url: '/waiting-for-you',
          headers: { cookie: browser.cookie },
        })
      ).body,
    );
    const row = waiting('tr, .govuk-summary-card, li')
      .filter((_, element) => waiting(element).text().includes(disagreement.reference))
      .first();
    assert.match(row.text(), /Take Stage 3 .*for the partnership: record or propose an outcome/);

    const page = cheerio.load(
      (
        await server.app.inject({
          method: 'GET',
          url: `/disagreements/${disagreement.id}`,
          headers: { cookie: browser.cookie },
        })
      ).body,
    );
    const sides = page('#current-stage').parent().text().replace(/\s+/g, ' ');
    assert.match(sides, /Taken by the partnership: The partnership's independent scrutiny panel/);
    assert.match(sides, /Pat Example/);
    assert.match(sides, new RegExp(`Attending for ${cast.school.agency.name}`));
    assert.match(sides, new RegExp(cast.school.senior.name));

    const told = (await outboxRepository(context.database.db).forDisagreement(disagreement.id))
      .filter((message) => message.kind === 'stageEntered')
      .map((message) => message.recipient);
    assert.ok(told.includes(panel.email), `the panel is told the case reached it: ${told}`);
    assert.ok(!told.includes(bystander.email));
  });

  test('a panel member proposes the outcome, may not escalate nor confirm; both agencies confirm and it resolves', async () => {
    const disagreement = await aCase(deps(), cast, { escalations: [toStage2, toStage3] });
    const url = `/disagreements/${disagreement.id}`;
    const escalated = await api(panel, 'POST', `${url}/escalate`, {
      version: disagreement.version,
      occurredAt: '2026-11-27T09:00:00Z',
      reason: 'No agreement',
    });
    assert.equal(escalated.statusCode, 403, escalated.body);

    const proposed = await api(panel, 'POST', `${url}/resolve`, {
      version: disagreement.version,
      occurredAt: '2026-11-27T09:30:00Z',
      agreedOutcome: 'A child and family assessment starts this week.',
      actions: [],
    });
    assert.equal(proposed.statusCode, 200, proposed.body);
    let version = proposed.json().version;

    const selfConfirm = await api(panel, 'POST', `${url}/confirm`, { version });
    assert.equal(selfConfirm.statusCode, 403, 'the panel speaks for no agency');

    for (const [person, status] of [
      [cast.school.senior, 'open'],
      [cast.socialCare.senior, 'resolved'],
    ] as const) {
      const confirmed = await api(person, 'POST', `${url}/confirm`, { version });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      assert.equal(confirmed.json().status, status);
      version = confirmed.json().version;
    }
  });

  test('someone of the partnership given the panel’s role joins the cases already at the panel, and leaves them when it is taken away', async () => {
    const disagreement = await aCase(deps(), cast, { escalations: [toStage2, toStage3] });
    const joining = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      roles: ['manager'],
    });
    const url = `/disagreements/${disagreement.id}`;
    assert.equal((await api(joining, 'GET', url)).statusCode, 404);
    const team = {
      actor: await loadActor(context.database, cast.team.id),
      via: 'web' as const,
      requestId: null,
    };
    await setRoles(deps(), { personId: joining.id, roles: ['senior-manager'] }, team);
    assert.equal((await api(joining, 'GET', url)).statusCode, 200);
    await setRoles(deps(), { personId: joining.id, roles: ['manager'] }, team);
    assert.equal((await api(joining, 'GET', url)).statusCode, 404);
  });
});

describeOnEachDatabase('the clock’s reminders at a stage the partnership takes', (context) => {
  test('the panel is reminded before its stage is due and prompted once it is overdue', async () => {
    const clock = fixedClock('2026-11-27T10:00:00Z');
    const deps = { database: context.database, clock, baseUrl: 'https://accord.example.org' };
    const cast = await aDisagreementCast(context.database, { protocolSource });
    const panel = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      roles: ['senior-manager'],
    });
    // At the panel from Thursday 26 November, 9am: 10 working days, due Thursday 10 December, 5pm.
    const disagreement = await aCase(deps, cast, {
      escalations: [
        {
          at: '2026-11-24T09:00:00Z',
          toStageKey: 'stage-2',
          writtenAccount: 'The school sees neglect; the front door does not.',
        },
        { at: '2026-11-26T09:00:00Z', toStageKey: 'stage-3' },
      ],
    });
    assert.equal(disagreement.stages.at(-1)?.dueAt, '2026-12-10T17:00:00.000Z');
    const toldThePanel = async (kind: string) =>
      (await outboxRepository(context.database.db).forDisagreement(disagreement.id)).some(
        (message) => message.kind === kind && message.recipient === panel.email,
      );
    for (const [at, kind] of [
      ['2026-12-09T10:00:00Z', 'stageReminder'],
      ['2026-12-10T17:30:00Z', 'stageOverdue'],
    ] as const) {
      assert.ok(!(await toldThePanel(kind)), `${kind}: not before ${at}`);
      await remindDeadlines({ ...deps, clock: fixedClock(at) });
      assert.ok(await toldThePanel(kind), `${kind} at ${at}`);
    }
  });
});
