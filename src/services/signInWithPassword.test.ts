import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aPerson, setUpAccord } from '../../test/factories.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { fixedClock } from '../domain/clock.ts';
import { commandLine } from './requestContext.ts';
import { signInWithPassword } from './signInWithPassword.ts';

describeOnEachDatabase('sign-in throttles', (context) => {
  test('wrong passwords tried at the same moment each count', async () => {
    const { partnershipId } = await setUpAccord(context.database);
    const person = await aPerson(context.database, { partnershipId });
    const deps = { database: context.database, clock: fixedClock('2026-11-24T10:00:00Z') };
    const wrong = (i: number) =>
      signInWithPassword(
        deps,
        { email: person.email, password: `wrong password ${i}`, address: '198.51.100.9' },
        commandLine,
      );
    await wrong(0);
    const results = await Promise.all([1, 2, 3].map(wrong));
    assert.ok(results.every((result) => result.outcome === 'refused'));

    const throttles = await context.database.db
      .selectFrom('sign_in_throttles')
      .select('failures')
      .execute();
    // The account's, the account's from that address, and the address's: four failures each.
    assert.deepEqual(
      throttles.map((throttle) => throttle.failures),
      [4, 4, 4],
    );
  });
});
