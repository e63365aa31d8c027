import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GENESIS_HASH } from './auditChain.ts';
import {
  checkpointLine,
  compareWithCheckpoints,
  isGenuine,
  makeCheckpoint,
  readCheckpoints,
} from './auditCheckpoint.ts';

const KEY = 'an-invented-checkpoint-key-for-the-tests-only';
const hashOf = (seq: number) => seq.toString(16).padStart(64, 'a');
const at = '2026-12-08T10:00:00.000Z';

describe('audit checkpoints', () => {
  test('a checkpoint made with the key is genuine; any field changed, or another key, is not', () => {
    const made = makeCheckpoint({ seq: 12, hash: hashOf(12), entries: 12 }, at, KEY);
    assert.equal(isGenuine(made, KEY), true);
    assert.equal(isGenuine(made, `${KEY}!`), false);
    for (const changed of [
      { seq: 11 },
      { hash: hashOf(11) },
      { entries: 13 },
      { at: '2026-12-08T11:00:00.000Z' },
      { mac: hashOf(1) },
    ]) {
      assert.equal(isGenuine({ ...made, ...changed }, KEY), false, JSON.stringify(changed));
    }
  });

  test('reads back its own line, a log line carrying one, and skips blank lines', () => {
    const made = makeCheckpoint({ seq: 3, hash: hashOf(3), entries: 3 }, at, KEY);
    const logged = JSON.stringify({
      level: 30,
      job: 'audit-checkpoint',
      result: { auditCheckpoint: made },
      msg: `audit checkpoint: ${checkpointLine(made)}`,
    });
    const read = readCheckpoints(`${checkpointLine(made)}\n\n${logged}\n`, 'kept.jsonl');
    assert.deepEqual(read.problems, []);
    assert.deepEqual(
      read.checkpoints.map(({ where }) => where),
      ['line 1 of kept.jsonl', 'line 3 of kept.jsonl'],
    );
    assert.deepEqual(read.checkpoints[1]?.checkpoint, made);
  });

  test('a line that is not a checkpoint is a problem, never passed over', () => {
    const made = makeCheckpoint({ seq: 3, hash: hashOf(3), entries: 3 }, at, KEY);
    const read = readCheckpoints(
      [
        'not json',
        JSON.stringify({ ...made, seq: -1 }),
        JSON.stringify({ ...made, extra: 1 }),
      ].join('\n'),
      'kept.jsonl',
    );
    assert.deepEqual(read.checkpoints, []);
    assert.equal(read.problems[0], 'line 1 of kept.jsonl is not JSON');
    assert.match(
      read.problems[1] ?? '',
      /^line 2 of kept.jsonl is not an audit checkpoint \(seq: /,
    );
    assert.match(read.problems[2] ?? '', /^line 3 of kept.jsonl is not an audit checkpoint/);
  });

  test('a log matches the checkpoints it still reaches and names where it stops matching', () => {
    const kept = [2, 0, 6, 9].map((seq) => ({
      checkpoint: makeCheckpoint(
        { seq, hash: seq === 0 ? GENESIS_HASH : hashOf(seq), entries: seq },
        at,
        KEY,
      ),
      where: `checkpoint ${seq}`,
    }));
    const log = (hashes: Record<number, string>, entries: number) => ({
      entries,
      hashAt: (seq: number) => hashes[seq],
      brokenAt: undefined,
    });
    const honest = compareWithCheckpoints(
      log({ 2: hashOf(2), 6: hashOf(6), 9: hashOf(9) }, 12),
      kept,
    );
    assert.deepEqual(honest.mismatched, []);
    assert.deepEqual(
      honest.matched.map(({ checkpoint }) => checkpoint.seq),
      [0, 2, 6, 9],
    );

    const rewritten = compareWithCheckpoints(log({ 2: hashOf(2), 6: hashOf(60) }, 7), kept);
    assert.deepEqual(
      rewritten.mismatched.map(({ where }) => where),
      ['checkpoint 6', 'checkpoint 9'],
    );
    assert.equal(rewritten.vouchedUpTo, 2);
    assert.match(
      rewritten.mismatched[1]?.reason ?? '',
      /saw 9 entries, up to entry 9, but the log now has 7 and no entry 9/,
    );
  });
});
