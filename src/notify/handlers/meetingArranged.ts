import { caseMeetingInvitation } from '../../documents/meetingInvitation.ts';
import { formatInstant } from '../../domain/calendar/formatting.ts';
import type { Person } from '../../domain/directory/directory.ts';
import type { EventOf } from '../../domain/disagreement/caseEvents.ts';
import type { Meeting } from '../../domain/disagreement/disagreement.ts';
import { stageLabel } from '../../domain/disagreement/disagreement.ts';
import { venueText } from '../../domain/disagreement/meetingVenue.ts';
import { stageOf } from '../../domain/protocol/ladder.ts';
import { meetingMessages } from '../messages.ts';
import type { MessageFacts, MessageHandler, MessageIntent } from './messageIntent.ts';

/** A meeting's invitation as its attendees get it, and as the case page offers it (.ics). */
export function invitationTo(
  facts: Pick<MessageFacts, 'disagreement' | 'rules' | 'people' | 'facts' | 'now'>,
  meeting: Meeting,
  options: { attendeeIds?: readonly string[]; cancelled?: boolean } = {},
): { calendar: string; attendees: Person[]; stage: string } {
  const invited = options.attendeeIds ?? meeting.attendeeIds;
  const attendees = facts.people.filter((person) => person.active && invited.includes(person.id));
  const organiser = facts.people.find((person) => person.id === meeting.arrangedBy);
  const ladderStage = stageOf(facts.rules.ladder, meeting.stageKey);
  const stage = stageLabel(facts.rules, ladderStage);
  const calendar = caseMeetingInvitation({
    meeting,
    where: venueText(meeting.venue),
    reference: facts.disagreement.reference,
    stage,
    purpose: ladderStage?.onEntry.chairedMeeting?.purpose ?? 'Meeting',
    caseUrl: facts.facts.caseUrl,
    organiser,
    attendees,
    sequence: facts.disagreement.version,
    stampedAt: facts.now,
    cancelled: options.cancelled ?? false,
  });
  return { calendar, attendees, stage };
}

/**
 * A meeting arranged or moved: every attendee gets the invitation (RFC 5545, sent through the
 * outbox); those dropped from a moved meeting get a cancellation, so it leaves their calendars.
 */
export const meetingArranged: MessageHandler<EventOf<'MeetingArranged'>> = (event, facts) => {
  const meeting = facts.disagreement.meetings.find((candidate) => candidate.id === event.meetingId);
  if (!meeting) return [];
  const zone = facts.rules.calendar.timeZone;
  const ladderStage = stageOf(facts.rules.ladder, meeting.stageKey);
  const chair = facts.people.find((person) => person.id === meeting.chairId);
  const invitation = invitationTo(facts, meeting);
  const intents: MessageIntent[] = [
    {
      kind: 'meetingInvitation',
      to: invitation.attendees,
      toActor: true,
      calendar: invitation.calendar,
      message: meetingMessages.meetingInvitation({
        ...facts.facts,
        stage: invitation.stage,
        whenText: formatInstant(Temporal.Instant.from(meeting.startsAt), zone),
        where: venueText(meeting.venue),
        chair: chair?.name ?? 'The chair',
        purpose: ladderStage?.onEntry.chairedMeeting?.purpose ?? 'A meeting',
        moved: event.previous !== null,
      }),
    },
  ];
  const previous = event.previous;
  const dropped = previous
    ? previous.attendeeIds.filter((id) => !meeting.attendeeIds.includes(id))
    : [];
  if (previous && dropped.length > 0) {
    const cancellation = invitationTo(facts, previous, { attendeeIds: dropped, cancelled: true });
    intents.push({
      kind: 'meetingCancelled',
      to: cancellation.attendees,
      toActor: true,
      toThoseWhoSawItBefore: true,
      calendar: cancellation.calendar,
      message: meetingMessages.meetingCancelled({
        ...facts.facts,
        stage: cancellation.stage,
        whenText: formatInstant(Temporal.Instant.from(previous.startsAt), zone),
      }),
    });
  }
  return intents;
};
