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

  test("a stranger rotating addresses cannot keep out an owner who brings the account's device cookie", async () => {
    const { partnershipId } = await setUpAccord(context.database);
    const owner = await aPerson(context.database, { partnershipId });
    const clock = fixedClock('2026-11-24T13:00:00Z');
    const deps = { database: context.database, clock };
    const addresses = ['198.51.100.21', '198.51.100.22', '198.51.100.23', '198.51.100.24'];
    const owners = { withDevice: [] as string[], withoutDevice: [] as string[] };
    const strangers: string[] = [];
    let at = Temporal.Instant.from('2026-11-24T13:00:00Z');
    // A wrong try every 3 seconds from four addresses in turn, for 6 minutes: the account's
    // own wait (up to a minute) is renewed as soon as it ends.
    for (let second = 0; second < 360; second += 3) {
      clock.set(at.toString());
      const guess = await signInWithPassword(
        deps,
        {
          email: owner.email,
          password: `guess ${second}`,
          address: addresses[(second / 3) % addresses.length] ?? '',
        },
        commandLine,
      );
      strangers.push(guess.outcome);
      // The owner, from the office, every 2 minutes: with the device cookie, and without it.
      if (second % 120 === 60) {
        const office = { email: owner.email, password: TEST_PASSWORD, address: '203.0.113.60' };
        const withDevice = await signInWithPassword(
          deps,
          { ...office, device: 'owners-laptop' },
          commandLine,
        );
        owners.withDevice.push(withDevice.outcome);
        const without = await signInWithPassword(deps, office, commandLine);
        owners.withoutDevice.push(without.outcome);
      }
      at = at.add({ seconds: 3 });
    }
    assert.deepEqual(owners.withDevice, Array(3).fill('signed-in'));
    assert.ok(
      owners.withoutDevice.every((outcome) => outcome === 'wait'),
      'without it the old rules hold',
    );
    // The stranger is still slowed: most of their tries meet a wait and check no password.
    const waited = strangers.filter((outcome) => outcome === 'wait').length;
    assert.ok(waited > strangers.length * 0.9, `${waited} of ${strangers.length} waited`);
  });

  test("a device cookie's own failures make it wait, longer each time, whatever the address", async () => {
    const { partnershipId } = await setUpAccord(context.database);
    const owner = await aPerson(context.database, { partnershipId });
    const clock = fixedClock('2026-11-24T14:00:00Z');
    const deps = { database: context.database, clock };
    const guess = (i: number) =>
      signInWithPassword(
        deps,
        {
          email: owner.email,
          password: `guess ${i}`,
          address: `198.51.100.${30 + i}`,
          device: 'stolen',
        },
        commandLine,
      );
    for (let i = 0; i < 4; i++) assert.equal((await guess(i)).outcome, 'refused');
    const fifth = await guess(4);
    assert.deepEqual(fifth, {
      outcome: 'wait',
      until: Temporal.Instant.from('2026-11-24T14:00:30Z'),
    });
    // While the device waits, even the right password is not tried.
    const right = await signInWithPassword(
      deps,
      { email: owner.email, password: TEST_PASSWORD, address: '198.51.100.40', device: 'stolen' },
      commandLine,
    );
    assert.equal(right.outcome, 'wait');
    clock.set('2026-11-24T14:00:30Z');
    const sixth = await guess(5);
    assert.deepEqual(sixth, {
      outcome: 'wait',
      until: Temporal.Instant.from('2026-11-24T14:01:30Z'),
    });
    // Another device of the owner's, and the owner without one, are not held by it.
    const elsewhere = await signInWithPassword(
      deps,
      { email: owner.email, password: TEST_PASSWORD, address: '203.0.113.61', device: 'desk' },
      commandLine,
    );
    assert.equal(elsewhere.outcome, 'signed-in');
  });
});
