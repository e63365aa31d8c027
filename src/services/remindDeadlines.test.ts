import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { aCase, aDisagreementCast } from '../../test/factories.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { databaseTargetFor, openDatabase } from '../db/database.ts';
import { outboxRepository } from '../db/repositories/outboxRepository.ts';
import { fixedClock, isoInstant } from '../domain/clock.ts';
import type { Person } from '../domain/directory/directory.ts';
import { proposeOutcome } from '../domain/disagreement/actions/proposeOutcome.ts';
import type { MailTransport, OutgoingMail } from '../notify/mailTransport.ts';
import { runCaseAction } from '../services/runCaseAction.ts';
import { dispatchOutbox, LEASE_SECONDS } from './dispatchOutbox.ts';
import { loadActor } from './loadActor.ts';
import { setWorkingTime } from './manageDirectory.ts';
import { remindDeadlines } from './remindDeadlines.ts';

function recorder(): MailTransport & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return {
    name: 'recorder',
    sent,
    async send(mail) {
      await new Promise((resolve) => setImmediate(resolve));
      sent.push(mail);
    },
    close: () => {},
  };
}

describeOnEachDatabase(
  'deadline reminders and overdue prompts',
  (context) => {
    let cast: Awaited<ReturnType<typeof aDisagreementCast>>;
    const as = async (person: Person) => ({
      actor: await loadActor(context.database, person.id),
      via: 'api' as const,
      requestId: null,
    });
    // The job works over every stored case: each test has a database, and a cast, of its own.
    beforeEach(async () => {
      cast = await aDisagreementCast(context.database, { protocolId: 'pan-lancashire' });
    });

    test('a stage gets its reminder the working day before, then overdue prompts each working day, each once', async () => {
      // Tuesday 24 November 2026: escalated to stage 1, due by 5pm on Tuesday 1 December.
      const clock = fixedClock('2026-11-24T10:00:00Z');
      const deps = { database: context.database, clock, baseUrl: 'https://accord.example.org' };
      const raised = await aCase(deps, cast, {
        raisedAt: '2026-11-24T09:00:00Z',
        children: [
          { firstName: 'Rowan', lastName: 'Example', dateOfBirth: null, expectedDueDate: null },
        ],
        escalations: [{ at: '2026-11-24T09:30:00Z', by: cast.school.manager, reason: 'x' }],
      });
      const transport = recorder();
      const run = async (now: string) => {
        clock.set(now);
        await remindDeadlines(deps);
        await dispatchOutbox({ database: context.database, clock, transport });
        return transport.sent
          .splice(0)
          .filter(
            (mail) =>
              mail.subject.includes(raised.reference) && !/reached|raised/.test(mail.subject),
          );
      };

      assert.deepEqual(
        await run('2026-11-30T08:59:00Z'),
        [],
        'not before 9am on the working day before',
      );
      const reminders = await run('2026-11-30T09:00:00Z');
      assert.deepEqual(
        reminders.map((mail) => mail.to).sort(),
        [cast.school.manager.email, cast.socialCare.manager.email].sort(),
      );
      assert.match(
        reminders[0]?.subject ?? '',
        /Stage 1 \(Line managers\) is due by 5pm on Tuesday 1 December 2026/,
      );
      assert.deepEqual(await run('2026-11-30T15:00:00Z'), [], 'once');

      const overdue = await run('2026-12-01T17:00:00Z');
      const prompts = overdue.filter((mail) => /^Overdue/.test(mail.subject));
      const alerts = overdue.filter((mail) => /needs a speedy response/.test(mail.subject));
      assert.deepEqual(
        prompts.map((mail) => mail.to).sort(),
        [cast.school.manager.email, cast.socialCare.manager.email].sort(),
      );
      assert.match(prompts[0]?.body ?? '', /A speedy response is needed to safeguard the child/);
      assert.deepEqual(
        alerts.map((mail) => mail.to).sort(),
        [cast.school.senior.email, cast.socialCare.senior.email].sort(),
      );
      assert.match(alerts[0]?.body ?? '', /you will be contacted if no response comes/);
      assert.deepEqual(
        await run('2026-12-02T08:30:00Z'),
        [],
        'nothing more until 9am the next working day',
      );
      assert.equal((await run('2026-12-02T09:00:00Z')).length, 4, 'the next working day, again');
      assert.deepEqual(await run('2026-12-02T11:00:00Z'), []);
    });

    test('a partnership that asks for reminders two working days ahead gets them then', async () => {
      const own = await aDisagreementCast(context.database, { protocolId: 'pan-lancashire' });
      const clock = fixedClock('2026-11-24T10:00:00Z');
      const deps = { database: context.database, clock };
      await setWorkingTime(
        deps,
        {
          region: 'england-and-wales',
          workingHours: { start: '09:00', end: '17:00' },
          reminderWorkingDays: 2,
        },
        await as(own.team),
      );
      const raised = await aCase(deps, own, {
        raisedAt: '2026-11-24T09:00:00Z',
        children: [
          { firstName: 'Rowan', lastName: 'Example', dateOfBirth: null, expectedDueDate: null },
        ],
        escalations: [{ at: '2026-11-24T09:30:00Z', by: own.school.manager, reason: 'x' }],
      });
      const transport = recorder();
      const reminders = async (now: string) => {
        clock.set(now);
        await remindDeadlines(deps);
        await dispatchOutbox({ database: context.database, clock, transport });
        return transport.sent
          .splice(0)
          .filter(
            (mail) => mail.subject.includes(raised.reference) && / is due by /.test(mail.subject),
          );
      };
      // Due 5pm Tuesday 1 December: two working days before is Friday 27 November.
      assert.deepEqual(await reminders('2026-11-27T08:59:00Z'), []);
      assert.equal((await reminders('2026-11-27T09:00:00Z')).length, 2);
    });

    test('out of hours, where the protocol has an on-call route, the overdue prompt carries it', async () => {
      const lincs = await aDisagreementCast(context.database, { protocolId: 'lincolnshire' });
      const clock = fixedClock('2026-11-24T10:00:00Z');
      const deps = { database: context.database, clock };
      await aCase(deps, lincs, { raisedAt: '2026-11-24T09:00:00Z' });
      const transport = recorder();
      // Step 1's 2 working days end at 5pm on Thursday 26 November: half an hour later is out of hours.
      clock.set('2026-11-26T17:30:00Z');
      await remindDeadlines(deps);
      await dispatchOutbox({ database: context.database, clock, transport });
      const overdue = transport.sent.filter(
        (mail) => /^Overdue/.test(mail.subject) && mail.to === lincs.school.practitioner.email,
      );
      assert.equal(overdue.length, 1);
      assert.match(overdue[0]?.body ?? '', /It is outside working hours\. .*on-call/i);
    });

    test('an agreed action’s owner is reminded before it is due and told when it is overdue', async () => {
      const clock = fixedClock('2026-11-24T10:00:00Z');
      const deps = { database: context.database, clock };
      const raised = await aCase(deps, cast, {
        raisedAt: '2026-11-24T09:00:00Z',
        children: [
          { firstName: 'Rowan', lastName: 'Example', dateOfBirth: null, expectedDueDate: null },
        ],
        otherPerson: null,
      });
      await runCaseAction(
        deps,
        proposeOutcome,
        {
          id: raised.id,
          version: raised.version,
          input: {
            occurredAt: '2026-11-24T09:30:00Z',
            agreedOutcome: 'x',
            actions: [
              {
                description: 'Visit',
                ownerId: cast.socialCare.colleague.id,
                dueAt: '2026-11-27T17:00:00Z',
              },
            ],
          },
        },
        await as(cast.school.practitioner),
      );
      const transport = recorder();
      const toOwner = async (now: string) => {
        clock.set(now);
        await remindDeadlines(deps);
        await dispatchOutbox({ database: context.database, clock, transport });
        return transport.sent
          .splice(0)
          .filter((mail) => mail.to === cast.socialCare.colleague.email);
      };
      assert.match(
        (await toOwner('2026-11-26T09:05:00Z'))[0]?.subject ?? '',
        /is due by 5pm on Friday 27 November 2026/,
      );
      assert.match(
        (await toOwner('2026-11-27T17:01:00Z'))[0]?.subject ?? '',
        /^Overdue: an action/,
      );
      assert.deepEqual(await toOwner('2026-11-27T18:00:00Z'), []);
    });

    test('a sweep looks again only at cases changed since, or whose next message may be due', async () => {
      // Tuesday 24 November 2026: three cases at stage 1, due by 5pm on Tuesday 1 December.
      const clock = fixedClock('2026-11-24T10:00:00Z');
      const deps = { database: context.database, clock };
      const cases = [];
      for (const lastName of ['One', 'Two', 'Three']) {
        cases.push(
          await aCase(deps, cast, {
            raisedAt: '2026-11-24T09:00:00Z',
            children: [{ firstName: 'Rowan', lastName, dateOfBirth: null, expectedDueDate: null }],
            escalations: [{ at: '2026-11-24T09:30:00Z', by: cast.school.manager, reason: 'x' }],
          }),
        );
      }
      const sweepAt = async (now: string) => {
        clock.set(now);
        const { checked, queued } = await remindDeadlines(deps);
        return { checked, queued };
      };
      assert.deepEqual(await sweepAt('2026-11-24T10:00:00Z'), { checked: 3, queued: 0 });
      assert.deepEqual(await sweepAt('2026-11-24T10:01:00Z'), { checked: 0, queued: 0 });
      assert.deepEqual(await sweepAt('2026-11-30T08:59:00Z'), { checked: 0, queued: 0 });
      // The reminders' time (9am on the working day before): all three, then none again.
      assert.equal((await sweepAt('2026-11-30T09:00:00Z')).checked, 3);
      assert.deepEqual(await sweepAt('2026-11-30T09:01:00Z'), { checked: 0, queued: 0 });
      // A case that changes is looked at on the next sweep.
      const first = cases[0] as (typeof cases)[number];
      const current = await context.database.db
        .selectFrom('disagreements')
        .select('version')
        .where('id', '=', first.id)
        .executeTakeFirstOrThrow();
      await runCaseAction(
        deps,
        proposeOutcome,
        {
          id: first.id,
          version: Number(current.version),
          input: { occurredAt: '2026-11-30T09:01:00Z', agreedOutcome: 'x', actions: [] },
        },
        await as(cast.school.practitioner),
      );
      assert.equal((await sweepAt('2026-11-30T09:02:00Z')).checked, 1);
      // Overdue at 5pm Tuesday (the proposal awaits confirmation, so all three are still at
      // stage 1): prompted then, and again at 9am the next working day.
      const overdue = await sweepAt('2026-12-01T17:00:00Z');
      assert.equal(overdue.checked, 3);
      assert.ok(overdue.queued > 0);
      assert.deepEqual(await sweepAt('2026-12-02T08:59:00Z'), { checked: 0, queued: 0 });
      const nextMorning = await sweepAt('2026-12-02T09:00:00Z');
      assert.equal(nextMorning.checked, 3);
      assert.ok(nextMorning.queued > 0);
    });

    test('two sweeps at once on two connections, nothing queued before: each message is queued once', async () => {
      const humber = await aDisagreementCast(context.database, { protocolId: 'humber' });
      const clock = fixedClock('2026-11-24T10:00:00Z');
      for (let n = 0; n < 60; n++) {
        await aCase({ database: context.database, clock, quiet: true }, humber, {
          raisedAt: '2026-11-20T09:00:00Z',
          children: [
            { firstName: 'Twice', lastName: `${n}`, dateOfBirth: null, expectedDueDate: null },
          ],
        });
      }
      // A second instance: its own connection (its own pool on PostgreSQL, its own handle on
      // the SQLite file), as another process would have.
      const other = openDatabase(
        databaseTargetFor({
          databaseUrl: context.environment.DATABASE_URL,
          dataDir: context.environment.DATA_DIR ?? '',
        }),
      );
      try {
        const [first, second] = await Promise.all([
          remindDeadlines({ database: context.database, clock }),
          remindDeadlines({ database: other, clock }),
        ]);
        const rows = await context.database.db
          .selectFrom('outbox')
          .select(['dedupe_key', 'recipient', 'subject'])
          .execute();
        const prompts = rows.filter((row) => /Overdue|speedy response/.test(row.subject));
        // Every overdue stage: its two practitioners are prompted, the two line managers alerted.
        assert.equal(prompts.length, 60 * 4);
        const perRecipientAndKey = new Set(rows.map((row) => `${row.recipient}|${row.dedupe_key}`));
        assert.equal(perRecipientAndKey.size, rows.length, 'no message queued twice');
        assert.deepEqual(first.failed, []);
        assert.deepEqual(second.failed, []);
        assert.equal(first.queued + second.queued, rows.length, 'each queued by one sweep alone');
      } finally {
        await other.close();
      }
    });

    test('two instances over 1,000 overdue stages, one killed holding leases: no message twice, none missed', async () => {
      const humber = await aDisagreementCast(context.database, { protocolId: 'humber' });
      const clock = fixedClock('2026-11-24T10:00:00Z');
      const deps = { database: context.database, clock };
      for (let n = 0; n < 1000; n++) {
        await aCase({ ...deps, quiet: true }, humber, {
          raisedAt: '2026-11-20T09:00:00Z',
          children: [
            { firstName: 'Load', lastName: `${n}`, dateOfBirth: null, expectedDueDate: null },
          ],
        });
      }
      const a = recorder();
      const b = recorder();
      // Instance C queues, leases a batch and dies before sending it.
      await remindDeadlines(deps);
      const dying = await outboxRepository(context.database.db).lease(
        'instance-c',
        isoInstant(clock.now()),
        isoInstant(clock.now().add({ seconds: LEASE_SECONDS })),
        100,
      );
      await Promise.all([
        (async () => {
          await remindDeadlines(deps);
          await dispatchOutbox(
            { database: context.database, clock, transport: a, worker: 'instance-a' },
            1000,
          );
        })(),
        (async () => {
          await remindDeadlines(deps);
          await dispatchOutbox(
            { database: context.database, clock, transport: b, worker: 'instance-b' },
            1000,
          );
        })(),
      ]);
      clock.set(isoInstant(clock.now().add({ seconds: LEASE_SECONDS + 1 })));
      await Promise.all([
        remindDeadlines(deps).then(() =>
          dispatchOutbox(
            { database: context.database, clock, transport: a, worker: 'instance-a' },
            1000,
          ),
        ),
        remindDeadlines(deps).then(() =>
          dispatchOutbox(
            { database: context.database, clock, transport: b, worker: 'instance-b' },
            1000,
          ),
        ),
      ]);
      const sent = [...a.sent, ...b.sent].filter((mail) =>
        /Overdue|speedy response/.test(mail.subject),
      );
      const keys = sent.map((mail) => `${mail.to}|${mail.subject}`);
      const duplicates = keys.length - new Set(keys).size;
      // Every overdue stage: its two practitioners are prompted, the two line managers alerted.
      const expected = 1000 * 4;
      const missed = expected - new Set(keys).size;
      console.log(
        `[${context.kind}] two instances, 1000 overdue stages: ${sent.length} messages (instance A ${a.sent.length}, B ${b.sent.length}; C died holding ${dying.length}), ${duplicates} duplicates, ${missed} missed`,
      );
      assert.equal(dying.length, 100);
      assert.equal(duplicates, 0);
      assert.equal(missed, 0);
    });
  },
  { eachTest: true },
);
