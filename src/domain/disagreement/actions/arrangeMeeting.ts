import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { formatInstant } from '../../calendar/formatting.ts';
import { isoInstant } from '../../clock.ts';
import { chairCandidates } from '../../directory/chairCandidates.ts';
import { type FieldProblem, Invalid, NotAllowedNow } from '../../errors.ts';
import { stageOf } from '../../protocol/ladder.ts';
import type { Meeting, MeetingVenue } from '../caseDocument.ts';
import { currentMeeting, dueOf, partyAgencyIds, stageLabel, storedDue } from '../disagreement.ts';
import { placeOnTheCase, venueFrom } from '../meetingVenue.ts';
import { caseCommand, changed, notBefore, openStage, withHistory } from './caseCommand.ts';
import { id, instant, text } from './inputs.ts';

/**
 * Arranges (or moves) the meeting the current stage calls for (Humber's panel, East Riding's
 * mediation and adjourned conference, Lincolnshire's step 4a): a chair who keeps to the
 * protocol's chair rule, a time and place, and everyone invited, who hear of it with a
 * calendar invitation. Those invited work for the agencies in the disagreement: a meeting is
 * never a way to show the case to anyone else.
 */
export const arrangeMeeting = caseCommand({
  name: 'meeting-arranged',
  ability: 'arrange-meeting',
  refusal: 'You cannot arrange this disagreement’s meeting',
  needsWholeDirectory: true,
  input: z.strictObject({
    chairId: id,
    startsAt: instant,
    endsAt: instant,
    placeId: id.optional().meta({
      description:
        'One of the partnership’s meeting places: the only place the invitations (e-mail and .ics) name',
    }),
    online: z.boolean().optional().meta({
      description: 'Online: the invitations say so; put the link in placeDetails',
    }),
    placeDetails: text(500).optional().meta({
      description:
        'A room, the link to join, or where it is if somewhere else: shown on the case only, never in an invitation',
    }),
    place: text(500).optional().meta({
      description: 'The earlier name of placeDetails: kept on the case only',
      deprecated: true,
    }),
    attendeeIds: z.array(id).max(50),
  }),
  apply(disagreement, input, { rules, by, directory }) {
    const current = openStage(disagreement, 'arrange a meeting for');
    const stage = stageOf(rules.ladder, current.key);
    const rule = stage?.onEntry.chairedMeeting;
    if (!rule) {
      throw new NotAllowedNow(`${stageLabel(rules, stage)} does not call for a chaired meeting`);
    }
    const chair = chairCandidates(
      rule.chair,
      disagreement,
      directory.people,
      directory.agencies,
    ).find((person) => person.id === input.chairId);
    const problems: FieldProblem[] = [];
    if (!chair) {
      problems.push({
        path: 'chairId',
        message: 'Choose a chair the protocol allows for this meeting',
      });
    }
    const parties = partyAgencyIds(disagreement);
    input.attendeeIds.forEach((attendeeId, index) => {
      const person = directory.people.find(
        (candidate) =>
          candidate.id === attendeeId &&
          candidate.active &&
          candidate.partnershipId === disagreement.partnershipId,
      );
      if (!person?.agencyId || !parties.includes(person.agencyId)) {
        problems.push({
          path: `attendeeIds.${index}`,
          message: 'Invite people who work for the agencies in the disagreement',
        });
      }
    });
    if (input.place !== undefined && input.placeDetails !== undefined) {
      problems.push({
        path: 'place',
        message: 'Send placeDetails or place (its older name), not both',
      });
    }
    const details = input.placeDetails ?? input.place ?? '';
    let venue: MeetingVenue | undefined;
    try {
      venue = venueFrom(
        { placeId: input.placeId, online: input.online, details },
        directory.meetingPlaces,
      );
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      problems.push(...error.errors);
    }
    if (problems.length > 0 || !chair || !venue) {
      throw new Invalid('Check the meeting’s details', problems);
    }
    if (Temporal.Instant.compare(input.endsAt, input.startsAt) <= 0) {
      throw new Invalid('The meeting must end after it starts', [
        { path: 'endsAt', message: 'The meeting must end after it starts' },
      ]);
    }
    notBefore(
      input.startsAt,
      current.startedAt,
      'The meeting cannot be before the stage started',
      'startsAt',
    );
    const stageIndex = disagreement.stages.length - 1;
    const previous = currentMeeting(disagreement) ?? null;
    const meeting: Meeting = {
      id: previous?.id ?? randomUUID(),
      stageKey: current.key,
      stageIndex,
      chairId: input.chairId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      place: details,
      venue,
      attendeeIds: [...new Set([input.chairId, ...input.attendeeIds])],
      arrangedBy: by.personId,
      arrangedAt: isoInstant(rules.now),
      minutes: null,
      minutesBy: null,
      minutesAt: null,
    };
    const meetings = [
      ...disagreement.meetings.filter((other) => other.stageIndex !== stageIndex),
      meeting,
    ];
    // Arranging it may meet the stage's own timescale (Lincolnshire 4a): its due time again.
    const due = storedDue(
      dueOf({ ...disagreement, meetings }, rules, current.key, current.startedAt),
    );
    const when = formatInstant(Temporal.Instant.from(input.startsAt), rules.calendar.timeZone);
    return {
      disagreement: changed(disagreement, rules, {
        meetings,
        stages: disagreement.stages.map((entered) =>
          entered === current ? { ...entered, ...due } : entered,
        ),
        history: withHistory(disagreement, {
          at: isoInstant(rules.now),
          kind: 'meeting-arranged',
          personId: by.personId,
          text: `${previous ? 'Meeting moved' : 'Meeting arranged'}: ${when}, ${placeOnTheCase(venue, details)}, chaired by ${chair.name}`,
        }),
      }),
      events: [{ type: 'MeetingArranged', meetingId: meeting.id, previous }],
    };
  },
});
