import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aPerson, contextOf, setUpAccord, TEST_PASSWORD } from '../../test/factories.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { fixedClock } from '../domain/clock.ts';
import { Forbidden } from '../domain/errors.ts';
import { listAccounts, sendInvitation, setAccountActive } from './accountAdministration.ts';
import { personForPasswordLink } from './passwordLinks.ts';
import { commandLine } from './requestContext.ts';
import { signInWithOidc } from './signInWithOidc.ts';
import { signInWithPassword } from './signInWithPassword.ts';

describeOnEachDatabase('account administration', (context) => {
  const at = (instant: string) => ({ database: context.database, clock: fixedClock(instant) });
  const lastSignIn = async (personId: string, admin: Parameters<typeof contextOf>[1]) =>
    (
      await listAccounts(at('2026-12-07T12:00:00Z'), {}, await contextOf(context.database, admin))
    ).find((account) => account.id === personId)?.lastSignedInAt;

  test('a sign-in by password or by single sign-on is recorded as the last; a refused one is not', async () => {
    const { partnershipId, admin } = await setUpAccord(context.database);
    const person = await aPerson(context.database, { partnershipId });
    assert.equal(await lastSignIn(person.id, admin), null);

    const byPassword = (password: string, instant: string) =>
      signInWithPassword(
        at(instant),
        { email: person.email, password, address: '192.0.2.1' },
        commandLine,
      );
    assert.equal(
      (await byPassword('not the password at all', '2026-12-07T09:00:00Z')).outcome,
      'refused',
    );
    assert.equal(await lastSignIn(person.id, admin), null);
    assert.equal((await byPassword(TEST_PASSWORD, '2026-12-07T09:05:00Z')).outcome, 'signed-in');
    assert.equal(await lastSignIn(person.id, admin), '2026-12-07T09:05:00.000Z');

    const identity = {
      issuer: 'https://login.example.org',
      subject: `subject-${person.id}`,
      email: person.email,
      emailTrusted: true,
    };
    assert.equal(
      (await signInWithOidc(at('2026-12-07T11:30:00Z'), identity, commandLine)).outcome,
      'signed-in',
    );
    assert.equal(await lastSignIn(person.id, admin), '2026-12-07T11:30:00.000Z');

    await setAccountActive(
      at('2026-12-07T11:40:00Z'),
      { personId: person.id, active: false },
      await contextOf(context.database, admin),
    );
    const refused = await signInWithOidc(at('2026-12-07T11:45:00Z'), identity, commandLine);
    assert.deepEqual(refused, { outcome: 'refused', reason: 'inactive' });
    assert.equal(await lastSignIn(person.id, admin), '2026-12-07T11:30:00.000Z');
  });

  test('only an administrator may manage accounts; a deactivated person’s invitation link stops working', async () => {
    const { partnershipId, admin } = await setUpAccord(context.database);
    const team = await aPerson(context.database, { partnershipId, roles: ['partnership-team'] });
    const person = await aPerson(context.database, { partnershipId, password: null });
    const deps = at('2026-12-07T10:00:00Z');
    await assert.rejects(
      sendInvitation(deps, person.id, await contextOf(context.database, team)),
      Forbidden,
    );
    await assert.rejects(
      listAccounts(deps, {}, await contextOf(context.database, team)),
      Forbidden,
    );

    await sendInvitation(deps, person.id, await contextOf(context.database, admin));
    const [message] = await context.database.db
      .selectFrom('outbox')
      .select('body')
      .where('person_id', '=', person.id)
      .execute();
    const token = /set-password\/([\w-]{43})/.exec(message?.body ?? '')?.[1] as string;
    assert.ok(await personForPasswordLink(deps, token));
    const audited = await context.database.db
      .selectFrom('audit_log')
      .select(['action', 'justification'])
      .where('record_id', '=', person.id)
      .execute();
    assert.ok(!JSON.stringify(audited).includes(token), 'the link is never audited');

    await setAccountActive(
      deps,
      { personId: person.id, active: false },
      await contextOf(context.database, admin),
    );
    assert.equal(await personForPasswordLink(deps, token), undefined);
    const [after] = await context.database.db
      .selectFrom('outbox')
      .select(['status', 'body'])
      .where('person_id', '=', person.id)
      .execute();
    assert.equal(after?.status, 'dropped');
    assert.ok(!after?.body.includes(token), 'the unsent e-mail keeps no link');
  });
});
