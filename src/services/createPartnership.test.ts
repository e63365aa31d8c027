import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { aCase, aDisagreementCast } from '../../test/factories.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import { Conflict, Invalid } from '../domain/errors.ts';
import { builtInProtocolFile } from '../protocols/builtInProtocols.ts';
import { createPartnership } from './createPartnership.ts';
import { commandLine } from './requestContext.ts';

const clock = fixedClock('2026-11-24T10:00:00Z');
const protocolSource = readFileSync(builtInProtocolFile('humber'), 'utf8');

describeOnEachDatabase('a partnership’s case references', (context) => {
  const deps = () => ({ database: context.database, clock });

  test('two partnerships whose names suggest one prefix raise cases with different references', async () => {
    const first = await aDisagreementCast(context.database);
    const second = await aDisagreementCast(context.database);
    const partnerships = partnershipRepository(context.database.db);
    const firstPrefix = (await partnerships.get(first.partnershipId))?.referencePrefix;
    const secondPrefix = (await partnerships.get(second.partnershipId))?.referencePrefix;
    assert.ok(firstPrefix && secondPrefix);
    assert.notEqual(firstPrefix, secondPrefix);

    const a = await aCase(deps(), first);
    const b = await aCase(deps(), second);
    assert.equal(a.reference, `${firstPrefix}-2026-0001`);
    assert.equal(b.reference, `${secondPrefix}-2026-0001`);
  });

  test('a prefix can be chosen, but not one another partnership has, nor a malformed one', async () => {
    const chosen = await createPartnership(
      deps(),
      { name: 'Riverside Partnership', protocolSource, referencePrefix: 'rvs' },
      commandLine,
    );
    assert.equal(
      (await partnershipRepository(context.database.db).get(chosen.id))?.referencePrefix,
      'RVS',
    );
    await assert.rejects(
      createPartnership(
        deps(),
        { name: 'Another Riverside', protocolSource, referencePrefix: 'RVS' },
        commandLine,
      ),
      Conflict,
    );
    await assert.rejects(
      createPartnership(
        deps(),
        { name: 'Third Riverside', protocolSource, referencePrefix: 'R-1' },
        commandLine,
      ),
      (error: unknown) => error instanceof Invalid && error.errors[0]?.path === 'referencePrefix',
    );
  });
});
