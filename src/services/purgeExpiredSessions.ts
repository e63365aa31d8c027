import type { Database } from '../db/database.ts';
import { accountRepository } from '../db/repositories/accountRepository.ts';
import { keptAnswersRepository } from '../db/repositories/keptAnswersRepository.ts';
import { sessionRepository } from '../db/repositories/sessionRepository.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { ENDED_SESSION_KNOWN_HOURS } from './keptAnswers.ts';
import { FAILURE_WINDOW_MINUTES } from './signInWithPassword.ts';

/**
 * Expired sessions lose anything they held (a raise draft holds a child's details) and go (a
 * person's, emptied, after ENDED_SESSION_KNOWN_HOURS); answers kept after a session ended go
 * when they expire; and so do sign-in throttles that have been quiet for a while (no failure, no wait). Any instance may run it: deleting
 * what is already gone changes nothing.
 */
export async function purgeExpiredSessions(deps: {
  database: Database;
  clock: Clock;
}): Promise<{ sessions: number; throttles: number; keptAnswers: number }> {
  const now = deps.clock.now();
  const sessions = await sessionRepository(deps.database.db).deleteExpired(
    isoInstant(now),
    isoInstant(now.subtract({ hours: ENDED_SESSION_KNOWN_HOURS })),
  );
  const keptAnswers = await keptAnswersRepository(deps.database.db).deleteExpired(isoInstant(now));
  // Quiet for the window since the first failure and since the last wait ended.
  const quietSince = isoInstant(now.subtract({ minutes: FAILURE_WINDOW_MINUTES }));
  const throttles = await accountRepository(deps.database.db).deleteStaleThrottles(
    quietSince,
    quietSince,
  );
  return { sessions, throttles, keptAnswers };
}
