import type { Kysely } from 'kysely';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { outboxRepository } from '../db/repositories/outboxRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { meetingInvitation } from '../documents/meetingInvitation.ts';
import { formatInstant } from '../domain/calendar/formatting.ts';
import { isoInstant } from '../domain/clock.ts';
import { chairCandidates } from '../domain/directory/chairCandidates.ts';
import {
  arrangeMeeting as arrange,
  currentMeeting,
  currentStage,
  type Disagreement,
  type Meeting,
  recordMinutes as minutesOf,
  stageLabel,
} from '../domain/disagreement/disagreement.ts';
import { type FieldProblem, Invalid, NotAllowedNow, NotFound } from '../domain/errors.ts';
import { stageOf } from '../domain/protocol/ladder.ts';
import { caseFacts, meetingMessages } from '../notify/messages.ts';
import { auditCase } from './auditCase.ts';
import { type CaseDeps, DEFAULT_BASE_URL } from './caseDeps.ts';
import type { LoadedRules } from './caseRules.ts';
import { changeCase } from './changeCase.ts';
import type { RequestContext } from './requestContext.ts';
import { loadVisibleCase } from './visibleCase.ts';

export type MeetingRequest = {
  id: string;
  version: number;
  chairId: string;
  startsAt: string;
  endsAt: string;
  place: string;
  attendeeIds: string[];
};

/**
 * Arranges the meeting a stage calls for (Humber's panel, East Riding's mediation and adjourned
 * conference, Lincolnshire's step 4a): a chair who keeps to the protocol's chair rule, a time
 * and place, and an iCalendar invitation to every attendee, sent through the outbox.
 */
export function arrangeMeeting(
  deps: CaseDeps,
  request: MeetingRequest,
  context: RequestContext,
): Promise<Disagreement> {
  return changeCase(deps, context, {
    id: request.id,
    version: request.version,
    ability: 'arrange-meeting',
    refusal: 'You cannot arrange this disagreement’s meeting',
    auditAction: 'disagreement.meeting-arranged',
    change: async ({ disagreement, rules, actor }, db) => {
      const stage = currentStage(disagreement);
      const ladderStage = stage && stageOf(rules.ladder, stage.key);
      const rule = ladderStage?.onEntry.chairedMeeting;
      const people = await peopleRepository(db).getMany([
        request.chairId,
        ...request.attendeeIds,
        actor.personId,
      ]);
      const find = (id: string) =>
        people.find(
          (person) =>
            person.id === id &&
            person.active &&
            person.partnershipId === disagreement.partnershipId,
        );
      if (!rule) {
        throw new NotAllowedNow(
          `${stageLabel(rules, ladderStage ?? undefined)} does not call for a chaired meeting`,
        );
      }
      // The chair must be one the protocol's rule allows; those invited must work for an agency
      // in the disagreement or be named for its stages: a meeting is never a way to show the
      // case to anyone else.
      const partnershipPeople = await peopleRepository(db).inPartnership(
        disagreement.partnershipId,
      );
      const agencies = await organisationRepository(db).agencies(disagreement.partnershipId);
      const allowedChairs = rule
        ? chairCandidates(rule.chair, disagreement, partnershipPeople, agencies)
        : [];
      const parties = [disagreement.raiserAgencyId, ...disagreement.otherAgencyIds];
      const problems: FieldProblem[] = [];
      const chair = allowedChairs.find((person) => person.id === request.chairId);
      if (!chair) {
        problems.push({
          path: 'chairId',
          message: 'Choose a chair the protocol allows for this meeting',
        });
      }
      request.attendeeIds.forEach((id, index) => {
        const person = find(id);
        if (!person?.agencyId || !parties.includes(person.agencyId)) {
          problems.push({
            path: `attendeeIds.${index}`,
            message: 'Invite people who work for the agencies in the disagreement',
          });
        }
      });
      if (problems.length > 0 || !chair) throw new Invalid('Check the meeting’s details', problems);

      const previous = currentMeeting(disagreement);
      const moved = previous !== undefined;
      const { disagreement: next, meeting } = arrange(
        disagreement,
        { ...request, chairName: chair.name },
        actor.personId,
        rules,
      );

      const { calendar, attendees, label, agencyName } = await invitationFor(db, deps, {
        disagreement,
        rules,
        meeting,
        sequence: next.version,
      });
      const startsAt = Temporal.Instant.from(meeting.startsAt);
      const message = meetingMessages.meetingInvitation({
        ...caseFacts(disagreement, agencyName, deps.baseUrl ?? DEFAULT_BASE_URL),
        stage: label,
        whenText: formatInstant(startsAt, rules.calendar.timeZone),
        place: meeting.place,
        chair: chair.name,
        purpose: rule?.purpose ?? 'A meeting',
        moved,
      });
      await outboxRepository(db).enqueue(
        attendees.map((person) => ({
          kind: 'meetingInvitation',
          dedupeKey: `${disagreement.id}:v${next.version}:meetingInvitation:${person.email}`,
          partnershipId: disagreement.partnershipId,
          disagreementId: disagreement.id,
          personId: person.id,
          recipient: person.email,
          ...message,
          calendar,
        })),
        isoInstant(deps.clock.now()),
      );

      // Those dropped from a moved meeting get a cancellation, so it leaves their calendars.
      const dropped = previous
        ? previous.attendeeIds.filter((id) => !meeting.attendeeIds.includes(id))
        : [];
      if (previous && dropped.length > 0) {
        const cancellation = await invitationFor(db, deps, {
          disagreement,
          rules,
          meeting: { ...previous, attendeeIds: dropped },
          sequence: next.version,
          cancelled: true,
        });
        const cancelledMessage = meetingMessages.meetingCancelledForYou({
          ...caseFacts(disagreement, agencyName, deps.baseUrl ?? DEFAULT_BASE_URL),
          stage: label,
          whenText: formatInstant(
            Temporal.Instant.from(previous.startsAt),
            rules.calendar.timeZone,
          ),
        });
        await outboxRepository(db).enqueue(
          cancellation.attendees.map((person) => ({
            kind: 'meetingCancelled',
            dedupeKey: `${disagreement.id}:v${next.version}:meetingCancelled:${person.email}`,
            partnershipId: disagreement.partnershipId,
            disagreementId: disagreement.id,
            personId: person.id,
            recipient: person.email,
            ...cancelledMessage,
            calendar: cancellation.calendar,
          })),
          isoInstant(deps.clock.now()),
        );
      }
      return next;
    },
  });
}

/** The minutes of a chaired meeting, once it has started: by its chair, the parties or the partnership team. */
export function recordMinutes(
  deps: CaseDeps,
  request: { id: string; version: number; meetingId: string; minutes: string },
  context: RequestContext,
): Promise<Disagreement> {
  return changeCase(deps, context, {
    id: request.id,
    version: request.version,
    ability: 'arrange-meeting',
    refusal: 'You cannot record this meeting’s minutes',
    auditAction: 'disagreement.minutes-recorded',
    change: ({ disagreement, rules, actor }) =>
      minutesOf(
        disagreement,
        { meetingId: request.meetingId, minutes: request.minutes },
        actor.personId,
        rules,
      ),
  });
}

/** The iCalendar invitation for a case's meeting, and what its message needs. */
async function invitationFor(
  db: Kysely<DatabaseSchema>,
  deps: CaseDeps,
  input: {
    disagreement: Disagreement;
    rules: LoadedRules;
    meeting: Meeting;
    sequence: number;
    cancelled?: boolean;
  },
) {
  const { disagreement, rules, meeting } = input;
  const people = await peopleRepository(db).getMany([...meeting.attendeeIds, meeting.arrangedBy]);
  const attendees = people.filter(
    (person) => person.active && meeting.attendeeIds.includes(person.id),
  );
  const organiser = people.find((person) => person.id === meeting.arrangedBy);
  const agencies = await organisationRepository(db).agencies(disagreement.partnershipId);
  const agencyName = (id: string) =>
    agencies.find((agency) => agency.id === id)?.name ?? 'an agency';
  const { caseUrl } = caseFacts(disagreement, agencyName, deps.baseUrl ?? DEFAULT_BASE_URL);
  const ladderStage = stageOf(rules.ladder, meeting.stageKey);
  const label = stageLabel(rules, ladderStage);
  const calendar = meetingInvitation({
    id: meeting.id,
    sequence: input.sequence,
    title: `Professional disagreement ${disagreement.reference}: ${label}`,
    description: `${ladderStage?.onEntry.chairedMeeting?.purpose ?? 'Meeting'}. ${caseUrl}`,
    startsAt: Temporal.Instant.from(meeting.startsAt),
    endsAt: Temporal.Instant.from(meeting.endsAt),
    place: meeting.place,
    url: caseUrl,
    organiser: {
      name: organiser?.name ?? 'Accord',
      email: organiser?.email ?? 'no-reply@accord.localhost',
    },
    attendees: attendees.map((person) => ({ name: person.name, email: person.email })),
    stampedAt: deps.clock.now(),
    cancelled: input.cancelled ?? false,
  });
  return { calendar, attendees, caseUrl, label, agencyName };
}

/** The current meeting's invitation, to add to a calendar from the case page; an audited read. */
export async function meetingCalendar(
  deps: CaseDeps,
  id: string,
  context: RequestContext,
): Promise<string> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const { disagreement, rules } = await loadVisibleCase(trx, id, context, now);
    const meeting = currentMeeting(disagreement);
    if (!meeting) throw new NotFound('No meeting has been arranged for this stage');
    await auditCase(trx, context, now, 'disagreement.meeting-calendar-read', disagreement);
    return (
      await invitationFor(trx, deps, {
        disagreement,
        rules,
        meeting,
        sequence: disagreement.version,
      })
    ).calendar;
  });
}
