import { z } from 'zod';
import { isoInstant } from '../../clock.ts';
import { NotAllowedNow } from '../../errors.ts';
import { caseCommand, changed, withHistory } from './caseCommand.ts';
import { lessonInput, lessonsGiven, roomForLessons } from './lessons.ts';

/**
 * A learning point referred to the partnership's learning log while the case runs, or after it
 * closed (Lincolnshire step 4b: the Senior Liaison Officers refer learning points to the PPET
 * subgroup; a case closed after step 3 without agreement can take it too).
 */
export const referLesson = caseCommand({
  name: 'lesson-referred',
  ability: 'refer-lesson',
  refusal: 'Only the people on the disagreement and the partnership team can refer a lesson',
  input: z.strictObject({ lesson: lessonInput }),
  apply(disagreement, input, { rules, by }) {
    roomForLessons(disagreement.lessons.length, 1);
    const at = isoInstant(rules.now);
    const [lesson] = lessonsGiven(
      [input.lesson],
      rules.protocol,
      {
        source: 'referred',
        recordedAt: at,
        recordedBy: by.personId,
      },
      'lesson',
    );
    if (!lesson) throw new NotAllowedNow('There is no lesson to refer');
    return {
      disagreement: changed(disagreement, rules, {
        lessons: [...disagreement.lessons, lesson],
        history: withHistory(disagreement, {
          at,
          kind: 'lesson-referred',
          personId: by.personId,
          text: `A lesson was referred to ${rules.protocol.learning.route}`,
        }),
      }),
      events: [{ type: 'LessonReferred', lessonId: lesson.id }],
    };
  },
});
