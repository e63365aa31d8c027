import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Invalid } from '../../errors.ts';
import type { Protocol } from '../../protocol/protocolSchema.ts';
import { lessonThemes } from '../../vocabulary.ts';
import type { Lesson } from '../caseDocument.ts';
import { text } from './inputs.ts';

const theme = z.enum(lessonThemes);

/** The most lessons one disagreement holds, however they were given. */
export const MOST_LESSONS = 20;

/** Refuses lessons that would take a disagreement past MOST_LESSONS. */
export function roomForLessons(existing: number, adding: number): void {
  if (existing + adding <= MOST_LESSONS) return;
  const left = Math.max(0, MOST_LESSONS - existing);
  throw new Invalid(`A disagreement can have ${MOST_LESSONS} lessons at most`, [
    {
      path: 'lessons',
      message:
        left === 0
          ? `This disagreement already has ${existing} lessons: the most it can have`
          : `This disagreement has ${existing} lessons already: give ${left} more at most`,
    },
  ]);
}

/**
 * A lesson as a command takes it (api.md: `themes` lists them all and `theme` is the first;
 * either may be sent): read as its themes, in order, each once.
 */
export const lessonInput = z
  .strictObject({
    theme: theme.optional(),
    themes: z
      .array(theme)
      .min(1, 'must name at least one theme')
      .max(lessonThemes.length)
      .optional(),
    text: text(5000),
  })
  .superRefine((lesson, context) => {
    if (!lesson.theme && !lesson.themes) {
      context.addIssue({
        code: 'custom',
        path: ['themes'],
        message: 'must name at least one theme',
      });
    }
    if (lesson.themes && new Set(lesson.themes).size !== lesson.themes.length) {
      context.addIssue({ code: 'custom', path: ['themes'], message: 'must name each theme once' });
    }
    if (lesson.theme && lesson.themes && lesson.themes[0] !== lesson.theme) {
      context.addIssue({
        code: 'custom',
        path: ['theme'],
        message: 'must be the first of themes, when both are sent',
      });
    }
  })
  .transform((lesson) => ({
    themes: lesson.themes ?? [lesson.theme as (typeof lessonThemes)[number]],
    text: lesson.text,
  }));

export type LessonInput = z.output<typeof lessonInput>;

/** Lessons as the case keeps them, after checking their themes are the partnership's own. */
export function lessonsGiven(
  given: readonly LessonInput[],
  protocol: Protocol,
  recorded: Pick<Lesson, 'source' | 'recordedAt' | 'recordedBy'>,
  path = 'lessons',
): Lesson[] {
  given.forEach((lesson, index) => {
    lesson.themes.forEach((theme, themeIndex) => {
      if (!protocol.learning.themes.includes(theme)) {
        throw new Invalid('That lesson theme is not one this partnership uses', [
          {
            path: `${path}.${index}.themes.${themeIndex}`,
            message: 'Choose one of the partnership’s themes',
          },
        ]);
      }
    });
  });
  return given.map((lesson) => ({ id: randomUUID(), ...lesson, ...recorded }));
}
