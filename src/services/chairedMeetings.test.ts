import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import ical from 'node-ical';
import { aCase, aDisagreementCast, anAgency, aPerson } from '../../test/factories.ts';
import { startSmtpSink } from '../../test/smtpSink.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { outboxRepository } from '../db/repositories/outboxRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import { chairCandidates } from '../domain/directory/chairCandidates.ts';
import type { Person } from '../domain/directory/directory.ts';
import { arrangeMeeting } from '../domain/disagreement/actions/arrangeMeeting.ts';
import { escalate } from '../domain/disagreement/actions/escalate.ts';
import { proposeOutcome } from '../domain/disagreement/actions/proposeOutcome.ts';
import { recordMinutes } from '../domain/disagreement/actions/recordMinutes.ts';
import type { Disagreement } from '../domain/disagreement/disagreement.ts';
import { Invalid, NotAllowedNow } from '../domain/errors.ts';
import { smtpTransport } from '../notify/mailTransport.ts';
import { builtInProtocol } from '../protocols/builtInProtocols.ts';
import { runCaseAction } from '../services/runCaseAction.ts';
import { dispatchOutbox } from './dispatchOutbox.ts';
import { loadActor } from './loadActor.ts';
import { addMeetingPlace } from './manageDirectory.ts';
import { meetingCalendar } from './meetingCalendar.ts';
import { getDisagreement } from './readDisagreements.ts';

describeOnEachDatabase('chaired meetings', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const deps = () => ({ database: context.database, clock, baseUrl: 'https://accord.example.org' });
  let cast: Awaited<ReturnType<typeof aDisagreementCast>>;
  let atPanel: Disagreement;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const as = async (person: Person) => ({
    actor: await loadActor(context.database, person.id),
    via: 'api' as const,
    requestId: null,
  });

  let civicCentre: string;

  before(async () => {
    sink = await startSmtpSink();
    cast = await aDisagreementCast(context.database, { protocolId: 'humber' });
    civicCentre = await addMeetingPlace(
      deps(),
      { name: 'Civic Centre', address: 'Room 2' },
      await as(cast.team),
    );
  });
  // Each test a case of its own at Humber's panel: one of them arranges its meeting.
  beforeEach(async () => {
    const raised = await aCase(deps(), cast, {
      raisedAt: '2026-11-23T09:00:00Z',
      children: [
        { firstName: 'Noor', lastName: 'Example', dateOfBirth: null, expectedDueDate: null },
      ],
    });
    atPanel = await runCaseAction(
      deps(),
      escalate,
      {
        id: raised.id,
        version: raised.version,
        input: {
          occurredAt: '2026-11-24T09:00:00Z',
          reason: 'Significant policy issues',
          toStageKey: 'stage-4',
          writtenAccount: 'The dispute and our attempts to resolve it',
        },
      },
      await as(cast.school.senior),
    );
  });
  after(() => sink?.stop());

  test('Lincolnshire’s step 4a gives 24 hours to set the meeting’s date: once it is set, that limit is met', async () => {
    const lincs = await aDisagreementCast(context.database, { protocolId: 'lincolnshire' });
    let disagreement = await aCase(deps(), lincs, {
      raisedAt: '2026-11-23T09:00:00Z',
      urgent: true,
    });
    for (const minute of ['10', '20', '30']) {
      disagreement = await runCaseAction(
        deps(),
        escalate,
        {
          id: disagreement.id,
          version: disagreement.version,
          input: { occurredAt: `2026-11-24T09:${minute}:00Z`, reason: 'Urgent' },
        },
        await as(lincs.school.lead),
      );
    }
    assert.equal(disagreement.stages.at(-1)?.key, 'step-4a');
    assert.equal(
      disagreement.stages.at(-1)?.dueAt,
      '2026-11-25T09:30:00.000Z',
      '24 hours to set the date',
    );
    const police = await anAgency(context.database, lincs.partnershipId, { kind: 'police' });
    const chair = await aPerson(context.database, {
      partnershipId: lincs.partnershipId,
      agencyId: police.id,
      roles: ['senior-manager'],
    });
    const arranged = await runCaseAction(
      deps(),
      arrangeMeeting,
      {
        id: disagreement.id,
        version: disagreement.version,
        input: {
          chairId: chair.id,
          startsAt: '2026-11-27T10:00:00Z',
          endsAt: '2026-11-27T11:00:00Z',
          place: 'County Offices',
          attendeeIds: [],
        },
      },
      await as(lincs.team),
    );
    assert.equal(arranged.stages.at(-1)?.dueAt, null, 'the date is set: the 24-hour limit is met');
  });

  test('the panel’s chair comes from the partnership’s independent chairs, never a party agency', async () => {
    const people = await peopleRepository(context.database.db).inPartnership(cast.partnershipId);
    const agencies = await organisationRepository(context.database.db).agencies(cast.partnershipId);
    const rule = builtInProtocol('humber').stages.find((stage) => stage.key === 'stage-4')?.onEntry
      .chairedMeeting?.chair;
    assert.equal(rule, 'partnership-independent-chair');
    assert.deepEqual(
      chairCandidates('partnership-independent-chair', atPanel, people, agencies).map((p) => p.id),
      [cast.team.id],
    );
    await assert.rejects(
      runCaseAction(
        deps(),
        arrangeMeeting,
        {
          id: atPanel.id,
          version: atPanel.version,
          input: {
            chairId: cast.school.senior.id,
            startsAt: '2026-11-26T14:00:00Z',
            endsAt: '2026-11-26T15:30:00Z',
            place: 'Room 2',
            attendeeIds: [],
          },
        },
        await as(cast.team),
      ),
      Invalid,
    );
  });

  test('a chair replaced when the meeting is moved is sent its cancellation', async () => {
    const secondChair = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      roles: ['partnership-team'],
    });
    const meeting = (chairId: string) => ({
      chairId,
      startsAt: '2026-11-26T14:00:00Z',
      endsAt: '2026-11-26T15:30:00Z',
      place: 'Civic Centre, Room 2',
      attendeeIds: [cast.school.senior.id],
    });
    const arranged = await runCaseAction(
      deps(),
      arrangeMeeting,
      { id: atPanel.id, version: atPanel.version, input: meeting(cast.team.id) },
      await as(cast.team),
    );
    await runCaseAction(
      deps(),
      arrangeMeeting,
      { id: atPanel.id, version: arranged.version, input: meeting(secondChair.id) },
      await as(secondChair),
    );
    const cancelled = (
      await outboxRepository(context.database.db).forDisagreement(atPanel.id)
    ).filter((row) => row.kind === 'meetingCancelled');
    assert.deepEqual(
      cancelled.map((row) => row.recipient),
      [cast.team.email],
    );
  });

  test('nobody outside the agencies in the disagreement can be invited, and only an allowed chair can chair', async () => {
    const police = await anAgency(context.database, cast.partnershipId, { kind: 'police' });
    const outsider = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      agencyId: police.id,
      roles: ['senior-manager'],
    });
    const team = await as(cast.team);
    const tryAs = (chairId: string, attendeeIds: string[]) =>
      runCaseAction(
        deps(),
        arrangeMeeting,
        {
          id: atPanel.id,
          version: atPanel.version,
          input: {
            chairId,
            startsAt: '2026-11-26T14:00:00Z',
            endsAt: '2026-11-26T15:00:00Z',
            place: 'Room 2',
            attendeeIds,
          },
        },
        team,
      );
    await assert.rejects(
      tryAs(cast.team.id, [outsider.id]),
      Invalid,
      'an attendee of another agency',
    );
    await assert.rejects(
      tryAs(outsider.id, []),
      Invalid,
      'Humber’s panel is chaired by the partnership’s Independent Chair',
    );
  });

  test('arranging sends every attendee an iCalendar invitation with the right London times; the chair may propose and record minutes', async () => {
    const arranged = await runCaseAction(
      deps(),
      arrangeMeeting,
      {
        id: atPanel.id,
        version: atPanel.version,
        input: {
          chairId: cast.team.id,
          startsAt: '2026-11-26T14:00:00Z',
          endsAt: '2026-11-26T15:30:00Z',
          placeId: civicCentre,
          attendeeIds: [cast.school.senior.id, cast.socialCare.senior.id],
        },
      },
      await as(cast.team),
    );
    const invitations = (
      await outboxRepository(context.database.db).forDisagreement(atPanel.id)
    ).filter((row) => row.kind === 'meetingInvitation');
    assert.deepEqual(
      invitations.map((row) => row.recipient).sort(),
      [cast.team.email, cast.school.senior.email, cast.socialCare.senior.email].sort(),
    );
    assert.match(
      invitations[0]?.subject ?? '',
      /Invitation: professional disagreement .+ – Stage 4 .+, 2pm on Thursday 26 November 2026/,
    );

    const parsed = ical.sync.parseICS(invitations[0]?.calendar ?? '');
    const event = Object.values(parsed).find((entry) => entry?.type === 'VEVENT') as unknown as {
      start: Date;
      end: Date;
      location: string;
    };
    assert.equal(new Date(event.start).toISOString(), '2026-11-26T14:00:00.000Z');
    assert.equal(
      Temporal.Instant.from(new Date(event.start).toISOString())
        .toZonedDateTimeISO('Europe/London')
        .toPlainTime()
        .toString(),
      '14:00:00',
    );
    assert.equal(new Date(event.end).toISOString(), '2026-11-26T15:30:00.000Z');
    assert.equal(event.location, 'Civic Centre, Room 2');
    assert.doesNotMatch(invitations[0]?.calendar ?? '', /Noor/);

    const transport = smtpTransport(sink.url, 'accord@example.org');
    await dispatchOutbox({ database: context.database, clock, transport });
    transport.close();
    assert.ok(
      sink.received.some(
        (mail) => mail.to.includes(cast.socialCare.senior.email) && /Invitation/.test(mail.subject),
      ),
    );

    await assert.rejects(
      runCaseAction(
        deps(),
        recordMinutes,
        {
          id: atPanel.id,
          version: arranged.version,
          input: { meetingId: arranged.meetings?.[0]?.id ?? '', minutes: 'Too early' },
        },
        await as(cast.team),
      ),
      NotAllowedNow,
    );
    clock.set('2026-11-26T15:40:00Z');
    const minuted = await runCaseAction(
      deps(),
      recordMinutes,
      {
        id: atPanel.id,
        version: arranged.version,
        input: {
          meetingId: arranged.meetings?.[0]?.id ?? '',
          minutes: 'The panel agreed a joint assessment.',
        },
      },
      await as(cast.team),
    );
    assert.equal(minuted.meetings?.[0]?.minutes, 'The panel agreed a joint assessment.');
    const proposed = await runCaseAction(
      deps(),
      proposeOutcome,
      {
        id: atPanel.id,
        version: minuted.version,
        input: {
          occurredAt: '2026-11-26T15:30:00Z',
          agreedOutcome: 'A joint assessment',
          actions: [],
        },
      },
      await as(cast.team),
    );
    assert.equal(
      proposed.resolution?.proposedByAgencyId,
      null,
      'the chair speaks for no agency: both confirm',
    );
    const seen = await getDisagreement(deps(), atPanel.id, await as(cast.school.senior));
    assert.equal(seen.disagreement.resolution?.agreedOutcome, 'A joint assessment');

    // Moved into British Summer Time: the invitation replaces the first and says 10am London.
    const moved = await runCaseAction(
      deps(),
      arrangeMeeting,
      {
        id: atPanel.id,
        version: proposed.version,
        input: {
          chairId: cast.team.id,
          startsAt: '2027-04-06T09:00:00Z',
          endsAt: '2027-04-06T10:00:00Z',
          place: 'Civic Centre, Room 2',
          attendeeIds: [cast.school.senior.id],
        },
      },
      await as(cast.team),
    );
    const latest = (await outboxRepository(context.database.db).forDisagreement(atPanel.id)).filter(
      (row) => row.kind === 'meetingInvitation' && row.subject.startsWith('Meeting moved'),
    );
    assert.match(latest[0]?.subject ?? '', /10am on Tuesday 6 April 2027/);
    const movedEvent = Object.values(ical.sync.parseICS(latest[0]?.calendar ?? '')).find(
      (entry) => entry?.type === 'VEVENT',
    ) as unknown as { start: Date; uid: string; sequence: string };
    assert.equal(
      Temporal.Instant.from(new Date(movedEvent.start).toISOString())
        .toZonedDateTimeISO('Europe/London')
        .toPlainTime()
        .toString(),
      '10:00:00',
    );
    assert.equal(
      movedEvent.uid,
      `${moved.meetings?.[0]?.id}@accord`,
      'the same event, so calendars update it',
    );
    const cancelled = (
      await outboxRepository(context.database.db).forDisagreement(atPanel.id)
    ).filter((row) => row.kind === 'meetingCancelled');
    assert.deepEqual(
      cancelled.map((row) => row.recipient),
      [cast.socialCare.senior.email],
      'dropped from the list',
    );
    assert.match(cancelled[0]?.calendar ?? '', /METHOD:CANCEL[\s\S]*STATUS:CANCELLED/);
    clock.set('2026-11-24T10:00:00Z');
  });

  test('what the chair types of the place stays on the case: invitations name a listed place or say online', async () => {
    const typed = 'Room 1 — about Leo Example, 12 Acacia Avenue';
    const arrange = async (place: Record<string, unknown>, version: number) =>
      runCaseAction(
        deps(),
        arrangeMeeting,
        {
          id: atPanel.id,
          version,
          input: {
            chairId: cast.team.id,
            startsAt: '2026-11-26T14:00:00Z',
            endsAt: '2026-11-26T15:30:00Z',
            attendeeIds: [cast.school.senior.id, cast.socialCare.senior.id],
            ...place,
          },
        },
        await as(cast.team),
      );
    const where = async () => {
      const [invitation] = (await outboxRepository(context.database.db).forDisagreement(atPanel.id))
        .filter(
          (row) => row.kind === 'meetingInvitation' && row.recipient === cast.school.senior.email,
        )
        .slice(-1);
      const parsed = ical.sync.parseICS(invitation?.calendar ?? '');
      const event = Object.values(parsed).find((entry) => entry?.type === 'VEVENT') as unknown as {
        location: string;
      };
      return { body: invitation?.body ?? '', location: event.location };
    };

    // Typed only, as an older client sends `place`: the invitation says where to look.
    let arranged = await arrange({ place: typed }, atPanel.version);
    assert.match((await where()).body, /Where: See the disagreement’s page in Accord/);
    assert.equal((await where()).location, 'See the disagreement’s page in Accord for where it is');
    // Online, the link typed beside it.
    arranged = await arrange(
      { online: true, placeDetails: `https://meet.example.org/leo-example ${typed}` },
      arranged.version,
    );
    assert.equal((await where()).location, 'Online, the link is on the case');
    // A listed place, with a room typed beside it.
    arranged = await arrange({ placeId: civicCentre, placeDetails: typed }, arranged.version);
    assert.equal((await where()).location, 'Civic Centre, Room 2');
    assert.match((await where()).body, /Where: Civic Centre, Room 2\n/);

    const rows = await outboxRepository(context.database.db).forDisagreement(atPanel.id);
    assert.ok(rows.filter((row) => row.kind === 'meetingInvitation').length >= 6);
    for (const row of rows) {
      for (const text of [row.subject, row.body, row.calendar ?? '']) {
        assert.doesNotMatch(
          text,
          /Leo|Acacia|meet\.example\.org/,
          `${row.kind} to ${row.recipient}`,
        );
      }
    }
    const ics = await meetingCalendar(deps(), atPanel.id, await as(cast.school.senior));
    assert.doesNotMatch(ics, /Leo|Acacia/);
    assert.match(ics, /LOCATION:Civic Centre\\, Room 2/);

    // The case page keeps what was typed, for those who may see the case.
    const page = await getDisagreement(deps(), atPanel.id, await as(cast.school.senior));
    assert.equal(page.disagreement.meetings.at(-1)?.place, typed);

    // A place of another partnership, or none at all, is refused naming the field.
    await assert.rejects(
      arrange({ placeId: cast.school.agency.id }, arranged.version),
      (error) => error instanceof Invalid && error.errors.some((e) => e.path === 'placeId'),
    );
    await assert.rejects(
      arrange({}, arranged.version),
      (error) => error instanceof Invalid && error.errors.some((e) => e.path === 'placeId'),
    );
  });
});
