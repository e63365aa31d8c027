import type { Logger } from '../logger.ts';

/** A job the scheduler runs every `everyMs`: one file per job in src/jobs/. */
export type Job = {
  name: string;
  everyMs: number;
  /** `shouldStop` turns true when the process is stopping: long jobs end at a safe point. */
  run(shouldStop: () => boolean): Promise<unknown>;
  /** What a run did that an operator should find in the log (at info), if anything. */
  describe?(result: unknown): string | undefined;
};

export type Scheduler = { stop(): Promise<void> };

/**
 * Runs each job on its interval in this instance, never overlapping itself. Every instance
 * runs the same jobs: the jobs make that safe (leases, unique keys), not the scheduler.
 */
export function startScheduler(jobs: readonly Job[], logger: Logger): Scheduler {
  let stopping = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  const schedule = (job: Job, delay: number) => {
    if (stopping) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = job
        .run(() => stopping)
        .then(
          (result) => {
            const failed = (result as { failed?: unknown[] } | undefined)?.failed;
            const said = job.describe?.(result);
            if (failed?.length)
              logger.warn({ job: job.name, failed }, 'job could not handle some cases');
            else if (said) logger.info({ job: job.name, result }, said);
            else logger.debug({ job: job.name, result }, 'job ran');
          },
          (error: unknown) => logger.error({ err: error, job: job.name }, 'job failed'),
        )
        .finally(() => {
          running.delete(run);
          schedule(job, job.everyMs);
        });
      running.add(run);
    }, delay);
    timer.unref();
    timers.add(timer);
  };
  for (const job of jobs) schedule(job, Math.min(job.everyMs, 1000));

  return {
    async stop() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}
