import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { keptAnswersRepository } from '../db/repositories/keptAnswersRepository.ts';
import { sessionRepository } from '../db/repositories/sessionRepository.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';

/** How long answers sent after a session ended wait for their person to sign in again. */
export const KEPT_ANSWERS_HOURS = 2;
/** How long an ended session still says whose it was (its data is emptied when it ends). */
export const ENDED_SESSION_KNOWN_HOURS = 12;

export type EndedSession = { personId: string; raiseDraft?: unknown };
export type Answers = Record<string, string | string[]>;

const hashOf = (id: string) => createHash('sha256').update(id).digest('hex');

/** What of a form is kept: its answers, never its token, a password or anything but text. */
export function answersToKeep(body: unknown): Answers {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const answers: Answers = {};
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith('_') || /password/i.test(name)) continue;
    if (typeof value === 'string') answers[name] = value;
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
      answers[name] = value;
  }
  return answers;
}

/** Whether a form's answers are all empty: the person typed nothing into it. */
export const nothingTyped = (answers: Answers): boolean =>
  Object.values(answers).every((value) => value.length === 0);

/**
 * Answers of a form sent after its person's session ended (a child's details, often): kept
 * for their person alone, for KEPT_ANSWERS_HOURS, given back once, on the page they came from.
 */
export function keptAnswers(deps: { database: Database; clock: Clock }) {
  const kept = () => keptAnswersRepository(deps.database.db);
  return {
    /** Whose the ended session (by its id's hash) was, and the raise draft it still held. */
    async endedSession(sessionIdHash: string): Promise<EndedSession | undefined> {
      const stored = await sessionRepository(deps.database.db).get(sessionIdHash);
      if (!stored?.personId) return undefined;
      return { personId: stored.personId, raiseDraft: stored.data.raiseDraft };
    },

    /** Keeps the answers; the id for the browser's cookie, or undefined when there is none to keep. */
    async keep(input: {
      personId: string;
      path: string;
      answers: Answers;
      raiseDraft?: unknown;
    }): Promise<string | undefined> {
      // Nothing typed is nothing to give back: a raise draft alone is carried without answers.
      const typed = nothingTyped(input.answers) ? {} : input.answers;
      if (Object.keys(typed).length === 0 && input.raiseDraft === undefined) return;
      const id = randomBytes(32).toString('base64url');
      const now = deps.clock.now();
      await kept().insert(hashOf(id), {
        personId: input.personId,
        path: input.path,
        answers: typed,
        raiseDraft: input.raiseDraft,
        createdAt: isoInstant(now),
        expiresAt: isoInstant(now.add({ hours: KEPT_ANSWERS_HOURS })),
      });
      return id;
    },

    /**
     * The answers kept under one of the cookie's ids (the newest first) for the person signed
     * in, on their page: deleted as they are given, with the id they were under. Anyone else is
     * given nothing, and they stay.
     */
    async take(input: {
      ids: readonly string[];
      personId: string;
      path: string;
    }): Promise<{ id: string; answers: Answers; raiseDraft?: unknown } | undefined> {
      for (const id of [...input.ids].reverse()) {
        const idHash = hashOf(id);
        const owner = await kept().peekOwner(idHash);
        if (!owner || owner.personId !== input.personId || owner.path !== input.path) continue;
        const found = await kept().take(idHash);
        if (!found) continue;
        const now = deps.clock.now();
        if (Temporal.Instant.compare(Temporal.Instant.from(found.expiresAt), now) <= 0) continue;
        return {
          id,
          answers: found.answers as Answers,
          ...(found.raiseDraft === undefined ? {} : { raiseDraft: found.raiseDraft }),
        };
      }
      return undefined;
    },
  };
}

export type KeptAnswersService = ReturnType<typeof keptAnswers>;
