import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { appendReads, factsOf, rewriteAuditLog } from '../../test/auditTampering.ts';
import { testConfig } from '../../test/testApp.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import type { AuditEntry, AuditFacts } from '../domain/audit/auditChain.ts';
import { runCli } from './main.ts';

const KEY = 'an-invented-checkpoint-key-for-the-tests-only';

describeOnEachDatabase(
  'audit checkpoints',
  (context) => {
    async function accord(args: string[], env: Record<string, string> = {}) {
      const out: string[] = [];
      const err: string[] = [];
      const exitCode = await runCli(args, {
        stdout: { write: (text: string) => out.push(text) },
        stderr: { write: (text: string) => err.push(text) },
        loadConfig: () => testConfig({ ...context.environment, AUDIT_CHECKPOINT_KEY: KEY, ...env }),
      });
      return { exitCode, stdout: out.join(''), stderr: err.join('') };
    }

    /** Two checkpoints kept in a file: after entry 2, and after entry 6. */
    async function keptCheckpoints(t: { after(fn: () => void): void }): Promise<string> {
      await appendReads(context.database, 1, 2);
      const first = await accord(['audit', 'checkpoint']);
      await appendReads(context.database, 3, 4);
      const second = await accord(['audit', 'checkpoint']);
      assert.equal(first.exitCode, 0, first.stderr);
      assert.equal(second.exitCode, 0, second.stderr);
      const folder = mkdtempSync(path.join(os.tmpdir(), 'accord-checkpoints-'));
      t.after(() => rmSync(folder, { recursive: true, force: true }));
      const file = path.join(folder, 'checkpoints.jsonl');
      writeFileSync(file, first.stdout + second.stdout);
      return file;
    }

    test('a checkpoint is one line of JSON: the last entry, the count, the time and a MAC', async () => {
      await appendReads(context.database, 1, 3);
      const { exitCode, stdout } = await accord(['audit', 'checkpoint']);
      assert.equal(exitCode, 0);
      assert.match(stdout, /^\{[^\n]*\}\n$/);
      const checkpoint = JSON.parse(stdout);
      assert.deepEqual(Object.keys(checkpoint), [
        'accordAuditCheckpoint',
        'seq',
        'hash',
        'entries',
        'at',
        'mac',
      ]);
      assert.equal(checkpoint.seq, 3);
      assert.equal(checkpoint.entries, 3);
      const verified = await accord(['audit', 'verify']);
      assert.match(verified.stdout, new RegExp(`the last is entry 3 \\(${checkpoint.hash}\\)`));
      assert.match(checkpoint.mac, /^[0-9a-f]{64}$/);
    });

    test('without AUDIT_CHECKPOINT_KEY no checkpoint is made, and none is checked', async () => {
      const made = await accord(['audit', 'checkpoint'], { AUDIT_CHECKPOINT_KEY: '' });
      assert.equal(made.exitCode, 1);
      assert.match(made.stderr, /AUDIT_CHECKPOINT_KEY is not set/);
      const line = (await accord(['audit', 'checkpoint'])).stdout;
      const checked = await accord(['audit', 'verify', '--checkpoint', line], {
        AUDIT_CHECKPOINT_KEY: '',
      });
      assert.equal(checked.exitCode, 3);
      assert.match(checked.stderr, /AUDIT_CHECKPOINT_KEY is not set.*\nNothing was verified\./);
    });

    test('an honest log with more entries since its checkpoints matches them', async (t) => {
      const file = await keptCheckpoints(t);
      await appendReads(context.database, 7, 3);
      const result = await accord(['audit', 'verify', '--checkpoint', file]);
      assert.equal(result.exitCode, 0, result.stdout + result.stderr);
      assert.match(
        result.stdout,
        /^The audit log is intact: 9 entries, the last is entry 9 \([0-9a-f]{64}\)\.\nIt matches all 2 checkpoints; the latest is that of \S+, which vouches for entries 1 to 6\.\n$/,
      );
    });

    test('one checkpoint given as JSON on the command line is checked too', async () => {
      await appendReads(context.database, 1, 2);
      const line = (await accord(['audit', 'checkpoint'])).stdout.trim();
      const result = await accord(['audit', 'verify', '--checkpoint', line]);
      assert.equal(result.exitCode, 0, result.stderr);
      assert.match(
        result.stdout,
        /It matches the checkpoint of \S+, which vouches for entries 1 to 2\./,
      );
    });

    // Each done as the database's owner would: the chain computed again, the head rewritten.
    const tamperings: Record<string, [(entries: AuditEntry[]) => AuditFacts[], RegExp]> = {
      'the tail cut off': [
        (entries) => factsOf(entries.slice(0, 4)),
        /saw 6 entries, up to entry 6, but the log now has 4 and no entry 6: entries have been removed/,
      ],
      'an entry edited': [
        (entries) =>
          factsOf(entries).map((facts, i) =>
            i === 2 ? { ...facts, action: 'disagreement.withdrawn' } : facts,
          ),
        /entry 6 is not the one the checkpoint of \S+ saw: the log up to it has been changed since/,
      ],
      'an entry deleted': [
        (entries) => factsOf(entries.filter((_, i) => i !== 2)),
        /saw 6 entries, up to entry 6, but the log now has 5 and no entry 6: entries have been removed/,
      ],
      'two entries swapped': [
        (entries) => {
          const facts = factsOf(entries);
          [facts[2], facts[3]] = [facts[3] as AuditFacts, facts[2] as AuditFacts];
          return facts;
        },
        /entry 6 is not the one the checkpoint of \S+ saw/,
      ],
    };
    for (const [name, [change, reason]] of Object.entries(tamperings)) {
      test(`${name} and the chain computed again: the chain alone passes, the checkpoint does not`, async (t) => {
        const file = await keptCheckpoints(t);
        await rewriteAuditLog(context.database, context.kind, change);
        assert.equal((await accord(['audit', 'verify'])).exitCode, 0);

        const result = await accord(['audit', 'verify', '--checkpoint', file]);
        assert.equal(result.exitCode, 1, result.stdout + result.stderr);
        assert.match(result.stdout, /^The audit log is intact: /);
        assert.match(
          result.stdout,
          /\nThe audit log does not match 1 of 2 checkpoints:\n {2}line 2 of /,
        );
        assert.match(result.stdout, reason);
        assert.match(
          result.stdout,
          /\nWhat was changed lies after entry 2, which a checkpoint still vouches for, and at or before entry 6\.\n$/,
        );
      });
    }

    test('an entry edited without computing the chain again breaks both checks', async (t) => {
      const file = await keptCheckpoints(t);
      // The same facts written back: only to turn the triggers off, as the owner can.
      await rewriteAuditLog(context.database, context.kind, (entries) => factsOf(entries));
      await context.database.db
        .updateTable('audit_log')
        .set({ action: 'disagreement.withdrawn' })
        .where('seq', '=', 1)
        .execute();
      const result = await accord(['audit', 'verify', '--checkpoint', file]);
      assert.equal(result.exitCode, 1);
      assert.match(result.stdout, /^The audit log is broken at entry 1: entry 1 has been changed/);
      assert.match(result.stdout, /does not match 2 of 2 checkpoints/);
      assert.match(result.stdout, /the chain is broken at entry 1, so nothing vouches that/);
      assert.match(result.stdout, /What was changed is at or before entry 2\.\n$/);
    });

    test('a checkpoint under another key, or changed to fit a rewritten log, is refused', async (t) => {
      const file = await keptCheckpoints(t);
      const otherKey = await accord(['audit', 'verify', '--checkpoint', file], {
        AUDIT_CHECKPOINT_KEY: 'another-invented-key-of-at-least-32-characters',
      });
      assert.equal(otherKey.exitCode, 3);
      assert.equal(otherKey.stdout, '');
      assert.match(
        otherKey.stderr,
        /^accord audit verify: line 1 of \S+ is not a genuine checkpoint: its MAC does not match\. Either AUDIT_CHECKPOINT_KEY is not the key it was made with, or the checkpoint has been changed\.\nNothing was verified\.\n$/,
      );

      const kept = JSON.parse(readFileSync(file, 'utf8').split('\n')[1] ?? '');
      await rewriteAuditLog(context.database, context.kind, (entries) =>
        factsOf(entries.slice(0, 4)),
      );
      const rewritten = JSON.parse((await accord(['audit', 'checkpoint'])).stdout);
      const fitted = JSON.stringify({ ...kept, seq: 4, entries: 4, hash: rewritten.hash });
      const refused = await accord(['audit', 'verify', '--checkpoint', fitted]);
      assert.equal(refused.exitCode, 3);
      assert.match(refused.stderr, /the checkpoint given is not a genuine checkpoint/);
    });

    test('a file with a line that is not a checkpoint is refused, naming the line', async (t) => {
      const file = await keptCheckpoints(t);
      writeFileSync(file, `\n${JSON.stringify({ seq: 1 })}\n`, { flag: 'a' });
      const result = await accord(['audit', 'verify', '--checkpoint', file]);
      assert.equal(result.exitCode, 3);
      assert.match(result.stderr, /line 4 of \S+ is not an audit checkpoint \(/);
      const missing = await accord(['audit', 'verify', '--checkpoint', `${file}.missing`]);
      assert.equal(missing.exitCode, 3);
      assert.match(missing.stderr, /cannot read the checkpoint file \S+\.missing: ENOENT/);
    });
  },
  { eachTest: true },
);
