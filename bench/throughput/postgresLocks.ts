// Who waits on a lock in the benchmark's PostgreSQL database while it is loaded: the audit
// chain's append lock is an advisory lock, so a read queued behind it shows as one not granted.
import pg from 'pg';

export type LockSample = { maxAdvisoryWaiting: number; maxWaiting: number; samples: number };

export type LockSampler = { stop(): Promise<LockSample> };

/** Counts not-granted locks of the database's sessions every `everyMs` until stopped. */
export async function sampleLocks(connectionString: string, everyMs = 50): Promise<LockSampler> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const seen: LockSample = { maxAdvisoryWaiting: 0, maxWaiting: 0, samples: 0 };
  let stopping = false;
  let failure: unknown;
  const loop = (async () => {
    while (!stopping) {
      const { rows } = await client.query<{ advisory: number; waiting: number }>(
        `select count(*) filter (where l.locktype = 'advisory')::int as advisory,
                count(*)::int as waiting
           from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where not l.granted and a.datname = current_database()`,
      );
      const row = rows[0] ?? { advisory: 0, waiting: 0 };
      seen.maxAdvisoryWaiting = Math.max(seen.maxAdvisoryWaiting, row.advisory);
      seen.maxWaiting = Math.max(seen.maxWaiting, row.waiting);
      seen.samples++;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })().catch((error) => {
    failure = error;
  });
  return {
    async stop() {
      stopping = true;
      await loop;
      await client.end();
      if (failure) throw new Error(`sampling pg_locks failed: ${(failure as Error).message}`);
      return seen;
    },
  };
}

export function mergeLockSamples(samples: LockSample[]): LockSample {
  return {
    maxAdvisoryWaiting: Math.max(0, ...samples.map((s) => s.maxAdvisoryWaiting)),
    maxWaiting: Math.max(0, ...samples.map((s) => s.maxWaiting)),
    samples: samples.reduce((sum, s) => sum + s.samples, 0),
  };
}
