import type { Database } from '../db/database.ts';
import { sessionRepository } from '../db/repositories/sessionRepository.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';

/** Where the pages' sessions are kept: in the database, so any instance can serve any request. */
export function sessionStore(deps: { database: Database; clock: Clock }, idleMinutes: number) {
  const sessions = () => sessionRepository(deps.database.db);
  return {
    /** The session's data, or undefined when there is none or it has expired. */
    async get(idHash: string): Promise<Record<string, unknown> | undefined> {
      const stored = await sessions().get(idHash);
      const now = deps.clock.now();
      if (!stored || Temporal.Instant.compare(Temporal.Instant.from(stored.expiresAt), now) <= 0) {
        return undefined;
      }
      return stored.data;
    },

    async save(
      idHash: string,
      personId: string | null,
      data: Record<string, unknown>,
    ): Promise<void> {
      const now = deps.clock.now();
      await sessions().save(
        idHash,
        {
          personId,
          data,
          createdAt: isoInstant(now),
          expiresAt: isoInstant(now.add({ minutes: idleMinutes })),
        },
        isoInstant(now),
      );
    },

    /** Ended by the server, not by its person: see sessionRepository's `end`. */
    async end(idHash: string): Promise<void> {
      await sessions().end(idHash, isoInstant(deps.clock.now()));
    },

    /** Gone at once: its person signed out. */
    async destroy(idHash: string): Promise<void> {
      await sessions().delete(idHash);
    },
  };
}
