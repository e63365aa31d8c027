import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aPerson, setUpAccord, TEST_PASSWORD } from '../../test/factories.ts';
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

  test('guesses sent at the same moment cannot all be tried before any is counted', async () => {
    const { partnershipId } = await setUpAccord(context.database);
    const person = await aPerson(context.database, { partnershipId });
    const deps = { database: context.database, clock: fixedClock('2026-11-24T11:00:00Z') };
    const guess = (i: number) =>
      signInWithPassword(
        deps,
        { email: person.email, password: `guess ${i}`, address: '198.51.100.10' },
        commandLine,
      );
    for (let i = 0; i < 4; i++) assert.equal((await guess(i)).outcome, 'refused');
    // The fifth failure brings a wait: of five guesses at once, only one is tried.
    const burst = await Promise.all([4, 5, 6, 7, 8].map(guess));
    assert.ok(burst.every((result) => result.outcome === 'wait'));
    const failures = await context.database.db
      .selectFrom('sign_in_throttles')
      .select('failures')
      .where('first_failure_at', '=', '2026-11-24T11:00:00.000Z')
      .execute();
    assert.deepEqual(
      failures.map((row) => row.failures),
      [5, 5, 5],
    );
  });

  test("a right password forgives its own try on the address, so an office's sign-ins never make it wait", async () => {
    const { partnershipId } = await setUpAccord(context.database);
    const deps = { database: context.database, clock: fixedClock('2026-11-24T12:00:00Z') };
    for (let i = 0; i < 25; i++) {
      const colleague = await aPerson(context.database, { partnershipId });
      const result = await signInWithPassword(
        deps,
        { email: colleague.email, password: TEST_PASSWORD, address: '203.0.113.50' },
        commandLine,
      );
      assert.equal(result.outcome, 'signed-in', `colleague ${i}`);
    }
    const left = await context.database.db
      .selectFrom('sign_in_throttles')
      .select('failures')
      .where('first_failure_at', '=', '2026-11-24T12:00:00.000Z')
      .execute();
    assert.deepEqual(left, []);
  });
});
