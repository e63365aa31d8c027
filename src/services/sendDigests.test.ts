import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { aCase, aDisagreementCast, anAgency, type Cast } from '../../test/factories.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { outboxRepository } from '../db/repositories/outboxRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import type { Person } from '../domain/directory/directory.ts';
import { proposeOutcome } from '../domain/disagreement/actions/proposeOutcome.ts';
import type { MailTransport, OutgoingMail } from '../notify/mailTransport.ts';
import { runCaseAction } from '../services/runCaseAction.ts';
import { dispatchOutbox } from './dispatchOutbox.ts';
import { loadActor } from './loadActor.ts';
import { updatePerson } from './manageDirectory.ts';
import { chooseDailyDigest } from './notificationPreferences.ts';
import { getDisagreement } from './readDisagreements.ts';
import { remindDeadlines } from './remindDeadlines.ts';
import { sendDigests } from './sendDigests.ts';

describeOnEachDatabase('the morning summary', (context) => {
  let cast: Awaited<ReturnType<typeof aDisagreementCast>>;
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const deps = () => ({ database: context.database, clock });
  const as = async (person: Person) => ({
    actor: await loadActor(context.database, person.id),
    via: 'web' as const,
    requestId: null,
  });
  const sent: OutgoingMail[] = [];
  const transport: MailTransport = {
    name: 'recorder',
    send: async (mail) => void sent.push(mail),
    close: () => {},
  };

  before(async () => {
    cast = await aDisagreementCast(context.database, { protocolId: 'pan-lancashire' });
  });

  test('routine messages wait for the summary at the start of the next working day; urgent ones do not', async () => {
    await chooseDailyDigest(deps(), true, await as(cast.socialCare.manager));
    await chooseDailyDigest(deps(), true, await as(cast.socialCare.lead));
    const raised = await aCase(deps(), cast, {
      raisedAt: '2026-11-24T09:00:00Z',
      children: [
        { firstName: 'Ash', lastName: 'Example', dateOfBirth: null, expectedDueDate: null },
      ],
      escalations: [{ at: '2026-11-24T09:30:00Z', by: cast.school.manager }],
    });
    await dispatchOutbox({ ...deps(), transport });
    const toManager = () =>
      sent.splice(0).filter((mail) => mail.to === cast.socialCare.manager.email);
    assert.deepEqual(
      toManager().map((mail) => mail.subject),
      [],
      'stage entered and the raise wait for the summary',
    );
    assert.equal(
      await sendDigests(deps()).then((result) => result.digests),
      1,
      'this morning’s working day has begun',
    );
    await dispatchOutbox({ ...deps(), transport });
    const [digest, ...more] = toManager();
    assert.equal(more.length, 0);
    assert.match(
      digest?.subject ?? '',
      /Your professional disagreements: 2 updates for Tuesday 24 November 2026/,
    );
    assert.match(
      digest?.body ?? '',
      new RegExp(`has reached Stage 1[\\s\\S]*/disagreements/${raised.id}`),
    );

    // An urgent case: its messages come at once to everyone, summary or not.
    await aCase(deps(), cast, {
      raisedAt: '2026-11-24T09:45:00Z',
      urgent: true,
      children: [
        { firstName: 'Ash', lastName: 'Example', dateOfBirth: null, expectedDueDate: null },
      ],
    });
    await dispatchOutbox({ ...deps(), transport });
    assert.ok(
      sent.some((mail) => mail.to === cast.socialCare.lead.email && /^Urgent/.test(mail.subject)),
    );
    assert.ok(
      toManager().some((mail) => /raised with your agency/.test(mail.subject)),
      'not held: the case is urgent',
    );
    // Later the same day, routine news waits for tomorrow: one summary a day.
    clock.set('2026-11-24T14:00:00Z');
    const current = (await getDisagreement(deps(), raised.id, await as(cast.school.manager)))
      .disagreement;
    await runCaseAction(
      deps(),
      proposeOutcome,
      {
        id: raised.id,
        version: current.version,
        input: { occurredAt: '2026-11-24T13:55:00Z', agreedOutcome: 'x', actions: [] },
      },
      await as(cast.school.manager),
    );
    assert.equal((await sendDigests(deps())).digests, 0, 'today’s summary has gone');
    await dispatchOutbox({ ...deps(), transport });
    assert.deepEqual(toManager(), [], 'held for tomorrow');
    clock.set('2026-11-25T09:35:00Z');
    assert.equal((await sendDigests(deps())).digests, 1);
    await dispatchOutbox({ ...deps(), transport });
    assert.match(toManager()[0]?.body ?? '', /Confirm the outcome/);

    // A reminder at 9am on Monday 30 November is in that morning's summary at half past nine.
    clock.set('2026-11-30T08:30:00Z');
    await remindDeadlines(deps());
    assert.deepEqual(
      (await Promise.all([sendDigests(deps()), sendDigests(deps())])).map((r) => r.digests),
      [0, 0],
      'not before half past nine',
    );
    clock.set('2026-11-30T09:35:00Z');
    await remindDeadlines(deps());
    const runs = await Promise.all([sendDigests(deps()), sendDigests(deps())]);
    assert.equal(runs[0].digests + runs[1].digests, 1, 'two instances make one summary');
    await dispatchOutbox({ ...deps(), transport });
    const monday = toManager();
    assert.equal(monday.length, 1);
    assert.match(monday[0]?.body ?? '', /is due by 5pm on Tuesday 1 December 2026/);
    const counts = await outboxRepository(context.database.db).counts();
    assert.equal(counts.held ?? 0, 0);
    clock.set('2026-11-24T10:00:00Z');
  });

  // The summary tells only those who may still hear: each test a partnership of its own.
  const changesOf = (person: Person) => ({
    personId: person.id,
    name: person.name,
    jobTitle: person.jobTitle,
    telephone: person.telephone,
    agencyId: person.agencyId,
    teamId: person.teamId,
    regionId: person.regionId,
    lineManagerId: person.lineManagerId,
    active: person.active,
  });
  /** A case raised with social care and escalated: routine news held for `reader`'s summary. */
  async function heldFor(cast: Cast, reader: Person) {
    await chooseDailyDigest(deps(), true, await as(reader));
    const raised = await aCase(deps(), cast, {
      raisedAt: '2026-11-24T09:00:00Z',
      escalations: [{ at: '2026-11-24T09:30:00Z', by: cast.school.manager }],
    });
    const rows = await outboxRepository(context.database.db).forDisagreement(raised.id);
    const theirs = rows.filter((row) => row.person_id === reader.id);
    assert.ok(theirs.length > 0 && theirs.every((row) => row.status === 'held'));
    return raised;
  }
  const statusesFor = async (caseId: string, person: Person) =>
    (await outboxRepository(context.database.db).forDisagreement(caseId))
      .filter((row) => row.person_id === person.id)
      .map((row) => row.status);

  test('someone who has left: what waited for them is dropped, and no summary goes', async () => {
    const cast = await aDisagreementCast(context.database);
    const raised = await heldFor(cast, cast.socialCare.manager);
    await updatePerson(
      deps(),
      { ...changesOf(cast.socialCare.manager), active: false },
      await as(cast.team),
    );
    assert.deepEqual(
      [...new Set(await statusesFor(raised.id, cast.socialCare.manager))],
      ['dropped'],
    );
    assert.equal((await sendDigests(deps())).digests, 0);
  });

  test('someone who moved to another agency: news of a case they may no longer see is not summarised', async () => {
    const cast = await aDisagreementCast(context.database);
    const raised = await heldFor(cast, cast.socialCare.practitioner);
    const elsewhere = await anAgency(context.database, cast.partnershipId, { kind: 'housing' });
    await updatePerson(
      deps(),
      {
        ...changesOf(cast.socialCare.practitioner),
        agencyId: elsewhere.id,
        teamId: null,
        lineManagerId: null,
      },
      await as(cast.team),
    );
    assert.equal((await sendDigests(deps())).digests, 0);
    assert.deepEqual(
      [...new Set(await statusesFor(raised.id, cast.socialCare.practitioner))],
      ['dropped'],
    );
  });
});
