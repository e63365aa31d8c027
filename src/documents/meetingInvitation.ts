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
