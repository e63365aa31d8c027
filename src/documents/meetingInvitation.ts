import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/**
 * A chaired meeting as an iCalendar invitation (RFC 5545, METHOD:REQUEST), from
 * ical-generator. Times are written in UTC, which every calendar shows in its own zone; the
 * title names the case by its reference only, never the child.
 */
export function meetingInvitation(meeting: {
  id: string;
  /** Bumped when the meeting moves, so calendars replace the earlier invitation. */
  sequence: number;
  title: string;
  description: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  place: string;
  url: string;
  organiser: { name: string; email: string };
  attendees: { name: string; email: string }[];
  stampedAt: Temporal.Instant;
  /** A cancellation tells the calendars of people no longer invited to drop the event. */
  cancelled?: boolean;
}): string {
  const calendar = ical({
    name: 'Accord',
    prodId: { company: 'Accord', product: 'Accord', language: 'EN' },
  });
  calendar.method(meeting.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST);
  calendar.createEvent({
    id: `${meeting.id}@accord`,
    sequence: meeting.sequence,
    status: meeting.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    start: new Date(meeting.startsAt.epochMilliseconds),
    end: new Date(meeting.endsAt.epochMilliseconds),
    stamp: new Date(meeting.stampedAt.epochMilliseconds),
    summary: meeting.title,
    description: meeting.description,
    location: meeting.place,
    url: meeting.url,
    organizer: meeting.organiser,
    attendees: meeting.attendees.map((attendee) => ({
      name: attendee.name,
      email: attendee.email,
      rsvp: true,
    })),
  });
  return calendar.toString();
}

/** A case's chaired meeting as its invitation (or, for those dropped, its cancellation). */
export function caseMeetingInvitation(input: {
  meeting: { id: string; startsAt: string; endsAt: string };
  /** Where it is, as an invitation may say it: a listed place or "online", never typed text. */
  where: string;
  reference: string;
  stage: string;
  purpose: string;
  caseUrl: string;
  organiser: { name: string; email: string } | undefined;
  attendees: readonly { name: string; email: string }[];
  sequence: number;
  stampedAt: Temporal.Instant;
  cancelled?: boolean;
}): string {
  return meetingInvitation({
    id: input.meeting.id,
    sequence: input.sequence,
    title: `Professional disagreement ${input.reference}: ${input.stage}`,
    description: `${input.purpose}. ${input.caseUrl}`,
    startsAt: Temporal.Instant.from(input.meeting.startsAt),
    endsAt: Temporal.Instant.from(input.meeting.endsAt),
    place: input.where,
    url: input.caseUrl,
    organiser: input.organiser ?? { name: 'Accord', email: 'no-reply@accord.localhost' },
    attendees: input.attendees.map((person) => ({ name: person.name, email: person.email })),
    stampedAt: input.stampedAt,
    cancelled: input.cancelled ?? false,
  });
}
