import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { retentionJob } from './retentionJob.ts';
import { type Job, startScheduler } from './scheduler.ts';

/** A logger that keeps what it was told, at each level. */
function listeningLogger() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => lines.push(JSON.parse(line) as { level: number; msg: string }) },
  );
  return { logger, lines };
}

const INFO = 30;
const DEBUG = 20;

test('a run a job describes is logged at info in its words; one it does not, only at debug', async () => {
  const { logger, lines } = listeningLogger();
  let runs = 0;
  const job: Job = {
    name: 'example',
    everyMs: 60_000,
    run: async () => ({ done: ++runs === 1 ? 2 : 0 }),
    describe: (result) => {
      const { done } = result as { done: number };
      return done > 0 ? `example: ${done} things done` : undefined;
    },
  };
  const quiet: Job = { name: 'quiet', everyMs: 60_000, run: async () => ({ done: 5 }) };
  const scheduler = startScheduler([job, quiet], logger);
  await new Promise((resolve) => setTimeout(resolve, 1200));
  await scheduler.stop();
  assert.deepEqual(
    lines.filter((line) => line.level === INFO).map((line) => line.msg),
    ['example: 2 things done'],
  );
  assert.equal(lines.filter((line) => line.level === DEBUG && line.msg === 'job ran').length, 1);
});

test('the retention job describes a run that removed something, and only such a run', () => {
  const job = retentionJob({} as never);
  const run = (purged: number) => ({
    purged,
    bytesReleased: true,
    byPartnership: [],
    dryRun: false,
  });
  assert.equal(
    job.describe?.(run(3)),
    "retention: the details of 3 cases past their partnership's retention period were removed",
  );
  assert.match(job.describe?.(run(1)) ?? '', /of 1 case past/);
  assert.equal(job.describe?.(run(0)), undefined);
});
