import { z } from 'zod';
import { isoInstant } from '../../clock.ts';
import { Invalid, NotAllowedNow } from '../../errors.ts';
import { lessonThemes } from '../../vocabulary.ts';
import { caseCommand, changed, withHistory } from './caseCommand.ts';
import { text } from './inputs.ts';

/** A resolved disagreement is closed, with any lessons for the partnership's learning log. */
export const close = caseCommand({
  name: 'closed',
  ability: 'close',
  refusal: 'You cannot close this disagreement',
  input: z.strictObject({
    lessons: z
      .array(z.strictObject({ theme: z.enum(lessonThemes), text: text(5000) }))
      .max(20)
      .default([]),
  }),
  apply(disagreement, input, { rules, by }) {
    if (disagreement.status !== 'resolved') {
      throw new NotAllowedNow('Only a resolved disagreement can be closed');
    }
    input.lessons.forEach((lesson, index) => {
      if (!rules.protocol.learning.themes.includes(lesson.theme)) {
        throw new Invalid('That lesson theme is not one this partnership uses', [
          { path: `lessons.${index}.theme`, message: 'Choose one of the partnership’s themes' },
        ]);
      }
    });
    const at = isoInstant(rules.now);
    const count = input.lessons.length;
    return {
      disagreement: changed(disagreement, rules, {
        status: 'closed',
        closedAt: at,
        lessons: input.lessons,
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
