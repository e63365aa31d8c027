import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pino } from 'pino';
import { appendReads } from '../../test/auditTampering.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { isGenuine, readCheckpoints } from '../domain/audit/auditCheckpoint.ts';
import { fixedClock } from '../domain/clock.ts';
import { verifyAuditLogAgainstCheckpoints } from '../services/verifyAuditLog.ts';
import { auditCheckpointJob } from './auditCheckpointJob.ts';
import { startScheduler } from './scheduler.ts';

const KEY = 'an-invented-checkpoint-key-for-the-tests-only';

describeOnEachDatabase(
  'the audit checkpoint job',
  (context) => {
    function folder(t: { after(fn: () => void): void }) {
      const made = mkdtempSync(path.join(os.tmpdir(), 'accord-checkpoint-job-'));
      t.after(() => rmSync(made, { recursive: true, force: true }));
      return made;
    }

    test('logs a checkpoint that, picked from the log as it is, verifies the log', async () => {
      await appendReads(context.database, 1, 4);
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
      const job = auditCheckpointJob({
        database: context.database,
        clock: fixedClock('2026-12-08T10:00:00Z'),
        key: KEY,
        file: undefined,
        everyMs: 60 * 60_000,
      });
      const scheduler = startScheduler([job], logger);
      for (let waited = 0; lines.length === 0 && waited < 5000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await scheduler.stop();
      assert.equal(lines.length, 1);
      assert.match(
        lines[0] ?? '',
        /"msg":"audit checkpoint: \{\\"accordAuditCheckpoint\\":1,\\"seq\\":4,/,
      );

      const read = readCheckpoints(lines.join(''), 'the log');
      assert.deepEqual(read.problems, []);
      const [kept] = read.checkpoints;
      assert.ok(kept && isGenuine(kept.checkpoint, KEY));
      assert.equal(kept.checkpoint.at, '2026-12-08T10:00:00.000Z');
      await appendReads(context.database, 5, 2);
      const result = await verifyAuditLogAgainstCheckpoints(context.database, read.checkpoints);
      assert.equal(result.chain.intact, true);
      assert.equal(result.checkpoints.matched.length, 1);
    });

    test('appends each checkpoint to the file, one line each', async (t) => {
      const file = path.join(folder(t), 'checkpoints.jsonl');
      const job = auditCheckpointJob({
        database: context.database,
        clock: fixedClock('2026-12-08T10:00:00Z'),
        key: KEY,
        file,
        everyMs: 60_000,
      });
      await appendReads(context.database, 1, 2);
      await job.run(() => false);
      await appendReads(context.database, 3, 1);
      await job.run(() => false);
      const read = readCheckpoints(readFileSync(file, 'utf8'), file);
      assert.deepEqual(read.problems, []);
      assert.deepEqual(
        read.checkpoints.map(({ checkpoint }) => [checkpoint.seq, checkpoint.entries]),
        [
          [2, 2],
          [3, 3],
        ],
      );
    });

    test('a file it cannot write to is reported, with the checkpoint to keep', async (t) => {
      const file = path.join(folder(t), 'no-such-folder', 'checkpoints.jsonl');
      const job = auditCheckpointJob({
        database: context.database,
        clock: fixedClock('2026-12-08T10:00:00Z'),
        key: KEY,
        file,
        everyMs: 60_000,
      });
      const result = (await job.run(() => false)) as { failed?: string[] };
      assert.match(
        result.failed?.[0] ?? '',
        /^the audit checkpoint could not be added to \S+ \(ENOENT[^)]*\); keep it from here: \{"accordAuditCheckpoint":1,"seq":0,/,
      );
    });
  },
  { eachTest: true },
);
