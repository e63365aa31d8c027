import { z } from 'zod';
import { isoInstant } from '../../clock.ts';
import { Invalid, NotAllowedNow } from '../../errors.ts';
import { isMinuted } from '../disagreement.ts';
import { caseCommand, changed, notEnded, withHistory } from './caseCommand.ts';
import { id, text } from './inputs.ts';

/** The minutes of a chaired meeting, once it has started: by its chair, the parties or the partnership team. */
export const recordMinutes = caseCommand({
  name: 'minutes-recorded',
  ability: 'arrange-meeting',
  refusal: 'You cannot record this meeting’s minutes',
  input: z.strictObject({ meetingId: id, minutes: text(20000) }),
  apply(disagreement, input, { rules, by }) {
    notEnded(disagreement, 'record minutes on');
    const meeting = disagreement.meetings.find((candidate) => candidate.id === input.meetingId);
    if (!meeting) {
      throw new Invalid('There is no such meeting', [
        { path: 'meetingId', message: 'There is no such meeting on this case' },
      ]);
    }
    if (!isMinuted(meeting, rules.ladder)) {
      throw new NotAllowedNow('The protocol says this stage’s meeting is not minuted', {
        field: 'minutes',
      });
    }
    if (Temporal.Instant.compare(meeting.startsAt, rules.now) > 0) {
      throw new NotAllowedNow('The minutes are recorded once the meeting has started', {
        field: 'minutes',
      });
    }
    const at = isoInstant(rules.now);
    return {
      disagreement: changed(disagreement, rules, {
        meetings: disagreement.meetings.map((candidate) =>
          candidate === meeting
            ? { ...candidate, minutes: input.minutes, minutesBy: by.personId, minutesAt: at }
            : candidate,
        ),
        history: withHistory(disagreement, {
          at,
          kind: 'minutes-recorded',
          personId: by.personId,
          text: `Minutes recorded: ${input.minutes}`,
        }),
      }),
      events: [{ type: 'MinutesRecorded', meetingId: meeting.id }],
    };
  },
});
