import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import {
  aCase,
  aDisagreementCast,
  aPerson,
  type Cast,
  contextOf,
} from '../../../test/factories.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';
import { fixedClock } from '../../domain/clock.ts';
import type { Person } from '../../domain/directory/directory.ts';
import { withdraw } from '../../domain/disagreement/actions/withdraw.ts';
import { builtInProtocolFile } from '../../protocols/builtInProtocols.ts';
import { adoptProtocol } from '../../services/adoptProtocol.ts';
import { createApiToken } from '../../services/apiTokens.ts';
import { commandLine } from '../../services/requestContext.ts';
import { runCaseAction } from '../../services/runCaseAction.ts';

const clock = fixedClock('2026-11-24T10:00:00Z');

describeOnEachDatabase('GET /api/v1/partnerships/{id}/protocol/versions', (context) => {
  const server = useTestApp(context, { clock });
  const deps = () => ({ database: context.database, clock, baseUrl: 'https://accord.example.org' });
  let cast: Cast;
  let other: Cast;
  const tokenOf = async (person: Person) =>
    (await createApiToken(deps(), { personId: person.id, name: 'test' }, commandLine)).token;
  const get = async (person: Person | null, partnershipId: string) =>
    server.app.inject({
      method: 'GET',
      url: `/api/v1/partnerships/${partnershipId}/protocol/versions`,
      headers: person ? { authorization: `Bearer ${await tokenOf(person)}` } : {},
    });

  before(async () => {
    cast = await aDisagreementCast(context.database, { protocolId: 'humber' });
    other = await aDisagreementCast(context.database);
    clock.set('2026-11-20T10:00:00Z');
    await aCase(deps(), cast, { raisedAt: '2026-11-20T09:00:00Z' });
    const ended = await aCase(deps(), cast, { raisedAt: '2026-11-20T09:10:00Z' });
    await runCaseAction(
      deps(),
      withdraw,
      { id: ended.id, version: ended.version, input: { reason: 'Agreed' } },
      await contextOf(context.database, cast.team),
    );
    await aCase(deps(), other, { raisedAt: '2026-11-20T09:00:00Z' });
    clock.set('2026-11-23T09:00:00Z');
    await adoptProtocol(
      deps(),
      {
        partnershipId: cast.partnershipId,
        protocolSource: readFileSync(builtInProtocolFile('east-riding'), 'utf8'),
        reason: 'The partnerships merged their protocols.',
      },
      await contextOf(context.database, cast.team),
    );
    clock.set('2026-11-24T09:30:00Z');
    for (const minute of ['00', '05'])
      await aCase(deps(), cast, { raisedAt: `2026-11-24T09:${minute}:00Z` });
    clock.set('2026-11-24T10:00:00Z');
  });

  test('the partnership team sees every version, newest first, with its open cases', async () => {
    const response = await get(cast.team, cast.partnershipId);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), [
      {
        version: 2,
        protocolId: 'east-riding',
        name: response.json()[0].name,
        adoptedAt: '2026-11-23T09:00:00.000Z',
        adoptedBy: cast.team.id,
        reason: 'The partnerships merged their protocols.',
        openCases: 2,
      },
      {
        version: 1,
        protocolId: 'humber',
        name: response.json()[1].name,
        adoptedAt: '2026-11-24T09:00:00.000Z',
        adoptedBy: null,
        reason: null,
        openCases: 1,
      },
    ]);
    assert.match(response.json()[0].name, /East Riding/);
  });

  test('the rest of the partnership is refused (403); anyone outside it, admins too, finds nothing (404)', async () => {
    for (const person of [cast.school.practitioner, cast.socialCare.senior]) {
      const response = await get(person, cast.partnershipId);
      assert.equal(response.statusCode, 403);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    }
    const admin = await aPerson(context.database, { roles: ['admin'] });
    for (const person of [other.team, admin])
      assert.equal((await get(person, cast.partnershipId)).statusCode, 404);
    assert.equal((await get(null, cast.partnershipId)).statusCode, 401);
    assert.equal((await get(cast.team, 'not-a-partnership')).statusCode, 404);
  });
});
