import { z } from 'zod';
import { isoInstant } from '../../clock.ts';
import { NotAllowedNow } from '../../errors.ts';
import { caseCommand, changed, withHistory } from './caseCommand.ts';
import { lessonInput, lessonsGiven, MOST_LESSONS, roomForLessons } from './lessons.ts';

/** A resolved disagreement is closed, with any lessons for the partnership's learning log. */
export const close = caseCommand({
  name: 'closed',
  ability: 'close',
  refusal: 'You cannot close this disagreement',
  input: z.strictObject({
    lessons: z.array(lessonInput).max(MOST_LESSONS).default([]),
  }),
  apply(disagreement, input, { rules, by }) {
    if (disagreement.status !== 'resolved') {
      throw new NotAllowedNow('Only a resolved disagreement can be closed');
    }
    roomForLessons(disagreement.lessons.length, input.lessons.length);
    const at = isoInstant(rules.now);
    const given = lessonsGiven(input.lessons, rules.protocol, {
      source: 'closed',
      recordedAt: at,
      recordedBy: by.personId,
    });
    const count = input.lessons.length;
    return {
      disagreement: changed(disagreement, rules, {
        status: 'closed',
        closedAt: at,
        lessons: [...disagreement.lessons, ...given],
        history: withHistory(disagreement, {
          at,
          kind: 'closed',
          personId: by.personId,
          text:
            count === 0
              ? 'Closed'
              : `Closed, with ${count} lesson${count === 1 ? '' : 's'} for the partnership`,
        }),
      }),
      events: [{ type: 'DisagreementClosed', lessons: count }],
    };
  },
});
