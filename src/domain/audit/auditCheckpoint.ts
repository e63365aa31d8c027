import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { GENESIS_HASH } from './auditChain.ts';

/**
 * A checkpoint of the audit log, kept outside the database: its last entry and how many
 * there were, at a moment, under a MAC whose key the database never holds. The chain alone
 * is an unkeyed hash that whoever owns the database can recompute after an edit; a kept
 * checkpoint cannot be recomputed without the key, so the log must still reach it.
 */
export type AuditHead = { seq: number; hash: string; entries: number };

export type AuditCheckpoint = AuditHead & {
  accordAuditCheckpoint: typeof CHECKPOINT_FORMAT;
  at: string;
  mac: string;
};

export const CHECKPOINT_FORMAT = 1;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hexadecimal digits');
const count = z.number().int().min(0);

const checkpointSchema = z.strictObject({
  accordAuditCheckpoint: z.literal(CHECKPOINT_FORMAT),
  seq: count,
  hash: hex64,
  entries: count,
  at: z.iso.datetime(),
  mac: hex64,
});

// Frozen like the chain's own hash: changing it makes every kept checkpoint fail its MAC.
function macOf(head: AuditHead, at: string, key: string): string {
  const canonical = JSON.stringify([
    'accord-audit-checkpoint',
    CHECKPOINT_FORMAT,
    head.seq,
    head.hash,
    head.entries,
    at,
  ]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

export function makeCheckpoint(head: AuditHead, at: string, key: string): AuditCheckpoint {
  return {
    accordAuditCheckpoint: CHECKPOINT_FORMAT,
    seq: head.seq,
    hash: head.hash,
    entries: head.entries,
    at,
    mac: macOf(head, at, key),
  };
}

/** The checkpoint as the one line of JSON an operator keeps. */
export function checkpointLine(checkpoint: AuditCheckpoint): string {
  const { accordAuditCheckpoint, seq, hash, entries, at, mac } = checkpoint;
  return JSON.stringify({ accordAuditCheckpoint, seq, hash, entries, at, mac });
}

/** Whether the checkpoint was made with this key and has not been changed since. */
export function isGenuine(checkpoint: AuditCheckpoint, key: string): boolean {
  const expected = Buffer.from(macOf(checkpoint, checkpoint.at, key), 'hex');
  const given = Buffer.from(checkpoint.mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A checkpoint read back, and where it was found ("line 3 of checkpoints.jsonl"). */
export type KeptCheckpoint = { checkpoint: AuditCheckpoint; where: string };

/**
 * Reads kept checkpoints, one a line (blank lines skipped). A line of Accord's log that
 * carries one (the checkpoint job's, `result.auditCheckpoint`) is read as that checkpoint,
 * so lines picked from the log need no editing. Every other line is a problem, by number:
 * a checkpoint that cannot be read is never passed over.
 */
export function readCheckpoints(
  text: string,
  source: string,
): { checkpoints: KeptCheckpoint[]; problems: string[] } {
  const checkpoints: KeptCheckpoint[] = [];
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const where = lines.length > 1 ? `line ${index + 1} of ${source}` : source;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`${where} is not JSON`);
      return;
    }
    const logged = (value as { result?: { auditCheckpoint?: unknown } } | null)?.result
      ?.auditCheckpoint;
    const parsed = checkpointSchema.safeParse(logged ?? value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.');
      problems.push(
        `${where} is not an audit checkpoint${field ? ` (${field}: ${issue?.message})` : ''}`,
      );
      return;
    }
    checkpoints.push({ checkpoint: parsed.data, where });
  });
  return { checkpoints, problems };
}

/**
 * What the log holds where checkpoints look: how many entries, the hash at given seqs, and
 * the first entry its chain check found broken (no stored hash vouches for what follows it).
 */
export type LogAtCheckpoints = {
  entries: number;
  hashAt(seq: number): string | undefined;
  brokenAt: number | undefined;
};

export type CheckpointMismatch = KeptCheckpoint & { reason: string };

export type CheckpointComparison = {
  matched: KeptCheckpoint[];
  /** In the order of the entries they vouch for, earliest first. */
  mismatched: CheckpointMismatch[];
  /** When some fail: the last entry a checkpoint still vouches for before the first failure. */
  vouchedUpTo: number | undefined;
};

/**
 * Each checkpoint against the log: the entry it ended at must still be there with the same
 * hash, and the log must hold at least as many entries. A hash covers every entry before it,
 * so a match vouches for the whole log up to that entry, however the chain was recomputed.
 */
export function compareWithCheckpoints(
  log: LogAtCheckpoints,
  kept: readonly KeptCheckpoint[],
): CheckpointComparison {
  const bySeq = [...kept].sort((a, b) => a.checkpoint.seq - b.checkpoint.seq);
  const matched: KeptCheckpoint[] = [];
  const mismatched: CheckpointMismatch[] = [];
  let vouchedUpTo: number | undefined;
  for (const one of bySeq) {
    const { seq, hash, entries, at } = one.checkpoint;
    const found = seq === 0 ? GENESIS_HASH : log.hashAt(seq);
    let reason: string | undefined;
    if (log.brokenAt !== undefined && seq >= log.brokenAt) {
      reason = `the chain is broken at entry ${log.brokenAt}, so nothing vouches that the log still holds what the checkpoint of ${at} saw up to entry ${seq}`;
    } else if (found === undefined || log.entries < entries) {
      reason = `the checkpoint of ${at} saw ${entries} ${entries === 1 ? 'entry' : 'entries'}, up to entry ${seq}, but the log now has ${log.entries}${found === undefined ? ` and no entry ${seq}` : ''}: entries have been removed`;
    } else if (found !== hash) {
      reason = `entry ${seq} is not the one the checkpoint of ${at} saw: the log up to it has been changed since (an entry edited, removed or moved, and the chain computed again)`;
    }
    if (reason) mismatched.push({ ...one, reason });
    else {
      matched.push(one);
      if (mismatched.length === 0) vouchedUpTo = seq;
    }
  }
  return { matched, mismatched, vouchedUpTo: mismatched.length > 0 ? vouchedUpTo : undefined };
}
