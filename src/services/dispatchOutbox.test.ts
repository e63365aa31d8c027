import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { aCase, aDisagreementCast } from '../../test/factories.ts';
import { type ReceivedMail, startSmtpSink } from '../../test/smtpSink.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { outboxRepository } from '../db/repositories/outboxRepository.ts';
import { fixedClock, isoInstant } from '../domain/clock.ts';
import type { Person } from '../domain/directory/directory.ts';
import { confirmOutcome } from '../domain/disagreement/actions/confirmOutcome.ts';
import { escalate } from '../domain/disagreement/actions/escalate.ts';
import { proposeOutcome } from '../domain/disagreement/actions/proposeOutcome.ts';
import { withdraw } from '../domain/disagreement/actions/withdraw.ts';
import { type MailTransport, smtpTransport } from '../notify/mailTransport.ts';
import { runCaseAction } from '../services/runCaseAction.ts';
import { dispatchOutbox } from './dispatchOutbox.ts';
import { loadActor } from './loadActor.ts';
import { remindDeadlines } from './remindDeadlines.ts';

describeOnEachDatabase('notifications through the outbox', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let transport: MailTransport;
  let cast: Awaited<ReturnType<typeof aDisagreementCast>>;
  const deps = () => ({ database: context.database, clock, baseUrl: 'https://accord.example.org' });
  const as = async (person: Person) => ({
    actor: await loadActor(context.database, person.id),
    via: 'api' as const,
    requestId: null,
  });
  const dispatch = () => dispatchOutbox({ database: context.database, clock, transport });
  const take = () => sink.received.splice(0);
  const to = (mails: ReceivedMail[]) => mails.flatMap((mail) => mail.to).sort();

  before(async () => {
    sink = await startSmtpSink();
    transport = smtpTransport(sink.url, 'accord@example.org');
    cast = await aDisagreementCast(context.database, { protocolId: 'pan-lancashire' });
    const authorities = organisationRepository(context.database.db);
    const localAuthorityId = (await authorities.localAuthorities(cast.partnershipId))[0]?.id;
    if (!localAuthorityId) {
      await authorities.insertLocalAuthority({
        id: crypto.randomUUID(),
        partnershipId: cast.partnershipId,
        name: 'Riverside',
        frontDoorName: 'MASH',
        monitoringTeamName: 'CSAP',
        monitoringTeamEmail: 'csap@example.org',
      });
    }
  });
  after(async () => {
    transport?.close();
    await sink?.stop();
  });

  const raise = async (overrides: Record<string, unknown> = {}) =>
    aCase(deps(), cast, {
      raisedAt: '2026-11-16T09:00:00Z',
      children: [
        {
          firstName: 'Zebedee',
          lastName: 'Unusualname',
          dateOfBirth: '2019-01-01',
          expectedDueDate: null,
        },
      ],
      summary: 'Zebedee Unusualname was refused a service',
      impactOnChild: 'Hungry',
      desiredOutcome: 'An assessment',
      ...overrides,
    });

  test('each event sends the right message to the right people, once, without the child’s details', async () => {
    take();
    let disagreement = await raise();
    await dispatch();
    let mails = take();
    assert.deepEqual(
      to(mails),
      [cast.socialCare.manager.email, cast.socialCare.practitioner.email].sort(),
    );
    assert.match(
      mails[0]?.subject ?? '',
      new RegExp(`Professional disagreement ${disagreement.reference} raised with your agency`),
    );
    assert.match(
      mails[0]?.text ?? '',
      new RegExp(`https://accord.example.org/disagreements/${disagreement.id}`),
    );

    disagreement = await runCaseAction(
      deps(),
      escalate,
      {
        id: disagreement.id,
        version: disagreement.version,
        input: { occurredAt: '2026-11-17T09:00:00Z', reason: 'Zebedee is still hungry' },
      },
      await as(cast.school.manager),
    );
    await dispatch();
    mails = take();
    assert.deepEqual(
      to(mails),
      [cast.socialCare.manager.email],
      'stage 1 names both line managers; the escalating one is not told',
    );
    assert.match(mails[0]?.subject ?? '', /has reached Stage 1 \(Line managers\)/);

    for (const day of ['18', '19']) {
      disagreement = await runCaseAction(
        deps(),
        escalate,
        {
          id: disagreement.id,
          version: disagreement.version,
          input: { occurredAt: `2026-11-${day}T09:00:00Z`, reason: 'x' },
        },
        await as(cast.school.senior),
      );
    }
    await dispatch();
    mails = take();
    const monitoring = mails.find((mail) => mail.to.includes('csap@example.org'));
    assert.ok(monitoring, 'the monitoring team is told at stage 3');
    assert.match(monitoring.text, new RegExp(`/disagreements/${disagreement.id}/monitoring-form`));
    const reminder = mails.find((mail) => mail.to.includes(cast.school.senior.email));
    assert.match(reminder?.subject ?? '', /Tell the other agency/);

    disagreement = await runCaseAction(
      deps(),
      proposeOutcome,
      {
        id: disagreement.id,
        version: disagreement.version,
        input: { occurredAt: '2026-11-20T09:00:00Z', agreedOutcome: 'Assess Zebedee', actions: [] },
      },
      await as(cast.school.senior),
    );
    await dispatch();
    mails = take();
    assert.ok(mails.length > 0 && mails.every((mail) => /Confirm the outcome/.test(mail.subject)));
    assert.ok(
      to(mails).every((address) =>
        [
          cast.socialCare.practitioner,
          cast.socialCare.manager,
          cast.socialCare.senior,
          cast.socialCare.lead,
        ].some((p) => p.email === address),
      ),
      'only the agency that must confirm',
    );

    disagreement = await runCaseAction(
      deps(),
      confirmOutcome,
      { id: disagreement.id, version: disagreement.version, input: {} },
      await as(cast.socialCare.senior),
    );
    await dispatch();
    mails = take();
    assert.ok(
      mails.some(
        (mail) =>
          mail.to.includes(cast.school.practitioner.email) && /is resolved/.test(mail.subject),
      ),
    );

    const all = [...sink.received];
    for (const mail of all)
      assert.doesNotMatch(`${mail.subject}\n${mail.text}`, /Zebedee|Unusualname|hungry/i);
    assert.deepEqual(await dispatch(), { sent: 0, failed: 0, leased: 0 }, 'nothing is sent twice');
  });

  test('without a monitoring team address, the partnership team is told instead', async () => {
    take();
    const bare = await aDisagreementCast(context.database, { protocolId: 'pan-lancashire' });
    await aCase(deps(), bare, {
      raisedAt: '2026-11-16T09:00:00Z',
      otherPerson: null,
      escalations: ['17', '18', '19'].map((day) => ({
        at: `2026-11-${day}T09:00:00Z`,
        reason: 'x',
      })),
    });
    await dispatch();
    const told = take().filter((mail) => mail.to.includes(bare.team.email));
    assert.ok(
      told.some(
        (mail) =>
          /^For the CSAP: /.test(mail.subject) ||
          /For the .+: professional disagreement/.test(mail.subject),
      ),
    );
  });

  test('withdrawing tells the other side; an urgent case tells both safeguarding leads', async () => {
    take();
    const urgent = await raise({ urgent: true });
    await dispatch();
    const mails = take();
    const urgentTo = to(mails.filter((mail) => /^Urgent/.test(mail.subject)));
    assert.ok(
      urgentTo.includes(cast.school.lead.email) && urgentTo.includes(cast.socialCare.lead.email),
    );
    await runCaseAction(
      deps(),
      withdraw,
      { id: urgent.id, version: urgent.version, input: { reason: 'Agreed after all' } },
      await as(cast.school.manager),
    );
    await dispatch();
    const withdrawn = take();
    assert.ok(withdrawn.length > 0 && withdrawn.every((mail) => /withdrawn/.test(mail.subject)));
    assert.ok(to(withdrawn).includes(cast.socialCare.practitioner.email));
    assert.ok(!to(withdrawn).includes(cast.school.practitioner.email));
  });

  test('an urgent case raised out of hours tells the safeguarding leads the on-call route', async () => {
    take();
    await organisationRepository(context.database.db).insertOnCallContact(
      {
        id: crypto.randomUUID(),
        partnershipId: cast.partnershipId,
        name: 'Duty manager',
        telephone: '01632 960 000',
        notes: null,
      },
      0,
    );
    clock.set('2026-11-28T20:00:00Z'); // Saturday evening
    await raise({ urgent: true, raisedAt: '2026-11-28T19:30:00Z' });
    await dispatch();
    const urgent = take().filter((mail) => /^Urgent/.test(mail.subject));
    assert.ok(urgent.length > 0);
    assert.match(urgent[0]?.text ?? '', /It is outside working hours\./);
    assert.match(urgent[0]?.text ?? '', /Duty manager, 01632 960 000/);
    clock.set('2026-11-24T10:00:00Z');
  });

  test('in East Riding the other agency hears of the disagreement when stage 2 begins, not before', async () => {
    take();
    const eastRiding = await aDisagreementCast(context.database, { protocolId: 'east-riding' });
    const raised = await aCase(deps(), eastRiding, {
      raisedAt: '2026-11-24T09:00:00Z',
      children: [
        { firstName: 'Eli', lastName: 'Example', dateOfBirth: null, expectedDueDate: null },
      ],
    });
    await dispatch();
    const otherSide = [
      eastRiding.socialCare.practitioner.email,
      eastRiding.socialCare.manager.email,
    ];
    assert.deepEqual(
      take().filter((mail) => mail.to.some((address) => otherSide.includes(address))),
      [],
      'stage 1 is inside the raising agency',
    );
    // A second case left at stage 1 past its limit, then withdrawn: still nothing to them.
    const internal = await aCase(deps(), eastRiding, {
      raisedAt: '2026-11-24T09:00:00Z',
      children: [
        { firstName: 'Eli', lastName: 'Example', dateOfBirth: null, expectedDueDate: null },
      ],
    });
    clock.set('2026-12-02T10:00:00Z');
    await remindDeadlines({ database: context.database, clock });
    await runCaseAction(
      deps(),
      withdraw,
      { id: internal.id, version: internal.version, input: { reason: 'Settled in house' } },
      await as(eastRiding.school.manager),
    );
    await dispatch();
    const overdueMail = take();
    assert.ok(
      overdueMail.some((mail) => /speedy response|^Overdue/.test(mail.subject)),
      'the raising side is prompted',
    );
    assert.deepEqual(
      overdueMail.filter((mail) => mail.to.some((address) => otherSide.includes(address))),
      [],
      'nor prompts, alerts or a withdrawal reach the other side at stage 1',
    );
    clock.set('2026-11-24T10:00:00Z');
    await runCaseAction(
      deps(),
      escalate,
      {
        id: raised.id,
        version: raised.version,
        input: { occurredAt: '2026-11-24T09:30:00Z', reason: 'Clarified with my manager' },
      },
      await as(eastRiding.school.manager),
    );
    await dispatch();
    const told = take().filter((mail) =>
      mail.to.includes(eastRiding.socialCare.practitioner.email),
    );
    assert.ok(told.some((mail) => /raised with your agency/.test(mail.subject)));
  });

  test('with the mail server down for a while, every message is delivered exactly once when it is back', async () => {
    take();
    await raise();
    await raise();
    const queued = (await outboxRepository(context.database.db).counts()).pending ?? 0;
    assert.ok(queued >= 4);
    await sink.stop();
    const down = await dispatch();
    assert.equal(down.sent, 0);
    assert.equal(down.failed, queued);
    assert.deepEqual(
      await dispatch(),
      { sent: 0, failed: 0, leased: 0 },
      'not retried before its time',
    );
    await sink.restart();
    clock.set('2026-11-24T10:05:00Z');
    const up = await dispatch();
    assert.equal(up.sent, queued);
    const delivered = take();
    assert.equal(delivered.length, queued);
    const keys = delivered.map((mail) => `${mail.to.join()}|${mail.subject}`);
    assert.equal(new Set(keys).size, keys.length, 'no duplicates');
    clock.set('2026-11-24T12:00:00Z');
    assert.deepEqual(await dispatch(), { sent: 0, failed: 0, leased: 0 });
  });

  test('a refusal for good is given up on at once; a passing failure is tried for three days; each says why', async () => {
    const outbox = outboxRepository(context.database.db);
    const refuse = (error: Error & { responseCode?: number }): MailTransport => ({
      name: 'refusing',
      send: async () => {
        throw error;
      },
      close: () => {},
    });
    const enqueue = (key: string) =>
      outbox.enqueue(
        [
          {
            kind: 'test',
            dedupeKey: `${key}-${context.kind}`,
            partnershipId: null,
            disagreementId: null,
            personId: null,
            recipient: 'nobody@example.org',
            subject: 'x',
            body: 'y',
          },
        ],
        isoInstant(clock.now()),
      );
    const row = (key: string) =>
      context.database.db
        .selectFrom('outbox')
        .select(['status', 'attempts', 'last_error'])
        .where('dedupe_key', '=', `${key}-${context.kind}`)
        .executeTakeFirstOrThrow();

    await enqueue('refused');
    await dispatchOutbox({
      database: context.database,
      clock,
      transport: refuse(Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 })),
    });
    assert.deepEqual(
      { ...(await row('refused')), attempts: Number((await row('refused')).attempts) },
      { status: 'failed', attempts: 1, last_error: '550 mailbox unavailable' },
    );

    const start = clock.now();
    await enqueue('down');
    let attempts = 0;
    while (Temporal.Instant.compare(clock.now(), start.add({ hours: 80 })) < 0) {
      attempts += (
        await dispatchOutbox({
          database: context.database,
          clock,
          transport: refuse(new Error('connect ECONNREFUSED')),
        })
      ).failed;
      clock.set(isoInstant(clock.now().add({ hours: 1 })));
    }
    const down = await row('down');
    assert.equal(down.status, 'failed');
    assert.equal(down.last_error, 'connect ECONNREFUSED');
    assert.ok(attempts >= 70, `tried about hourly for three days (${attempts} attempts)`);
    clock.set('2026-11-24T10:00:00Z');
  });

  test('a dispatcher so slow its lease runs out does not send what another instance took over', async () => {
    const outbox = outboxRepository(context.database.db);
    await outbox.enqueue(
      Array.from({ length: 10 }, (_, n) => ({
        kind: 'slow',
        dedupeKey: `slow-${context.kind}-${n}`,
        partnershipId: null,
        disagreementId: null,
        personId: null,
        recipient: `slow-${n}@example.org`,
        subject: `Slow ${n}`,
        body: 'x',
      })),
      isoInstant(clock.now()),
    );
    const sends = new Map<string, number>();
    const count = (mail: { subject: string }) =>
      sends.set(mail.subject, (sends.get(mail.subject) ?? 0) + 1);
    const fast: MailTransport = {
      name: 'fast',
      send: async (mail) => void count(mail),
      close: () => {},
    };
    // Each send takes 13 s, within the send timeout; ten of them outlast the batch's lease, and
    // another instance takes over what this one has not reached.
    const leasedAt = clock.now();
    let tookOver = false;
    const slow: MailTransport = {
      name: 'slow',
      async send(mail) {
        count(mail);
        clock.set(isoInstant(clock.now().add({ seconds: 13 })));
        if (
          !tookOver &&
          Temporal.Instant.compare(clock.now(), leasedAt.add({ seconds: 121 })) > 0
        ) {
          tookOver = true;
          await dispatchOutbox({
            database: context.database,
            clock,
            transport: fast,
            worker: 'instance-b',
          });
        }
      },
      close: () => {},
    };
    await dispatchOutbox({
      database: context.database,
      clock,
      transport: slow,
      worker: 'instance-a',
    });
    const slowSends = [...sends.entries()].filter(([subject]) => subject.startsWith('Slow '));
    assert.equal(slowSends.length, 10, 'every message sent');
    assert.deepEqual(
      slowSends.filter(([, times]) => times > 1),
      [],
      'none twice',
    );
    clock.set('2026-11-24T10:00:00Z');
  });

  test('two dispatchers never send a message twice, and a dead one’s leases pass to the other', async () => {
    const outbox = outboxRepository(context.database.db);
    const at = isoInstant(clock.now());
    await outbox.enqueue(
      Array.from({ length: 1000 }, (_, n) => ({
        kind: 'load',
        dedupeKey: `load-${n}`,
        partnershipId: null,
        disagreementId: null,
        personId: null,
        recipient: `person-${n}@example.org`,
        subject: `Message ${n}`,
        body: 'x',
      })),
      at,
    );
    // An instance that leases a batch and dies before sending any of it.
    const dead = await outbox.lease(
      'dead-instance',
      at,
      isoInstant(clock.now().add({ seconds: 120 })),
      50,
    );
    assert.equal(dead.length, 50);
    const sends = new Map<string, number>();
    const recording = (): MailTransport => ({
      name: 'recording',
      async send(mail) {
        await new Promise((resolve) => setImmediate(resolve));
        sends.set(mail.subject, (sends.get(mail.subject) ?? 0) + 1);
      },
      close: () => {},
    });
    const [a, b] = await Promise.all([
      dispatchOutbox(
        { database: context.database, clock, transport: recording(), worker: 'a' },
        100,
      ),
      dispatchOutbox(
        { database: context.database, clock, transport: recording(), worker: 'b' },
        100,
      ),
    ]);
    assert.equal(a.sent + b.sent, 950, 'the dead instance’s 50 wait for its lease to run out');
    clock.set(isoInstant(clock.now().add({ seconds: 121 })));
    const late = await dispatchOutbox(
      { database: context.database, clock, transport: recording(), worker: 'a' },
      100,
    );
    const loadSends = [...sends.entries()].filter(([subject]) => subject.startsWith('Message '));
    const duplicates = loadSends.filter(([, count]) => count > 1).length;
    const missed = 1000 - loadSends.length;
    console.log(
      `[${context.kind}] outbox: 1000 messages, two dispatchers (${a.sent} + ${b.sent}) and, after a dead instance's lease ran out, ${late.sent} more; ${duplicates} duplicates, ${missed} missed`,
    );
    assert.equal(duplicates, 0);
    assert.equal(missed, 0);
  });
});
