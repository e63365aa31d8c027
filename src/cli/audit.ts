import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ChainCheck } from '../domain/audit/auditChain.ts';
import {
  type CheckpointComparison,
  checkpointLine,
  isGenuine,
  type KeptCheckpoint,
  readCheckpoints,
} from '../domain/audit/auditCheckpoint.ts';
import { systemClock } from '../domain/clock.ts';
import { makeAuditCheckpoint } from '../services/auditCheckpoints.ts';
import { verifyAuditLog, verifyAuditLogAgainstCheckpoints } from '../services/verifyAuditLog.ts';
import { type Command, type CommandContext, UsageError } from './command.ts';
import { withDatabase } from './withDatabase.ts';

/** Exit code of a checkpoint that cannot be used: unreadable, malformed, or not genuine. */
const CHECKPOINT_REFUSED = 3;
const MISMATCHES_LISTED = 5;

export const audit: Command = {
  name: 'audit',
  forms: [
    {
      usage: 'accord audit verify [--checkpoint FILE_OR_JSON]…',
      summary:
        "check the audit log's hash chain, and against each kept checkpoint; exit 1 naming the first broken entry or unmatched checkpoint, 3 if a checkpoint is refused",
    },
    {
      usage: 'accord audit checkpoint',
      summary:
        'print a checkpoint of the audit log (one JSON line with a MAC under AUDIT_CHECKPOINT_KEY) to keep outside the database',
    },
  ],
  async run(context) {
    const [subcommand, ...rest] = context.args;
    if (subcommand === 'verify') return verify(rest, context);
    if (subcommand === 'checkpoint') return checkpoint(rest, context);
    throw new UsageError(subcommand ? `unknown subcommand "${subcommand}"` : 'say what to do');
  },
};

async function checkpoint(args: string[], { stdout, stderr, loadConfig }: CommandContext) {
  parseArgs({ args, options: {}, allowPositionals: false });
  const config = loadConfig();
  const { key } = config.auditCheckpoint;
  if (!key) {
    stderr.write(
      'accord audit checkpoint: AUDIT_CHECKPOINT_KEY is not set: a checkpoint is signed with it, and checked with it later.\n',
    );
    return 1;
  }
  const made = await withDatabase(config, (database) =>
    makeAuditCheckpoint({ database, clock: systemClock }, key),
  );
  stdout.write(`${checkpointLine(made)}\n`);
  return 0;
}

async function verify(args: string[], { stdout, stderr, loadConfig }: CommandContext) {
  const { values } = parseArgs({
    args,
    options: { checkpoint: { type: 'string', multiple: true } },
    allowPositionals: false,
  });
  const config = loadConfig();
  if (!values.checkpoint) {
    const chain = await withDatabase(config, verifyAuditLog);
    stdout.write(chainWords(chain));
    return chain.intact ? 0 : 1;
  }
  const refuse = (message: string) => {
    stderr.write(`accord audit verify: ${message}\nNothing was verified.\n`);
    return CHECKPOINT_REFUSED;
  };
  const { key } = config.auditCheckpoint;
  if (!key) {
    return refuse(
      'AUDIT_CHECKPOINT_KEY is not set: a checkpoint is checked with the key that made it.',
    );
  }
  const kept: KeptCheckpoint[] = [];
  for (const given of values.checkpoint) {
    const read = await readGiven(given);
    if (typeof read === 'string') return refuse(read);
    if (read.problems.length > 0) return refuse(read.problems.join('\n'));
    if (read.checkpoints.length === 0) return refuse(`${given} holds no checkpoint.`);
    kept.push(...read.checkpoints);
  }
  const forged = kept.find(({ checkpoint }) => !isGenuine(checkpoint, key));
  if (forged) {
    return refuse(
      `${forged.where} is not a genuine checkpoint: its MAC does not match. Either AUDIT_CHECKPOINT_KEY is not the key it was made with, or the checkpoint has been changed.`,
    );
  }

  const result = await withDatabase(config, (database) =>
    verifyAuditLogAgainstCheckpoints(database, kept),
  );
  stdout.write(chainWords(result.chain));
  stdout.write(checkpointWords(result.checkpoints));
  return result.chain.intact && result.checkpoints.mismatched.length === 0 ? 0 : 1;
}

/** A --checkpoint value: one checkpoint as JSON, or a file of them; or why it cannot be read. */
async function readGiven(given: string) {
  if (given.trimStart().startsWith('{')) return readCheckpoints(given, 'the checkpoint given');
  try {
    return readCheckpoints(await readFile(given, 'utf8'), given);
  } catch (error) {
    return `cannot read the checkpoint file ${given}: ${(error as Error).message}`;
  }
}

function chainWords(check: ChainCheck): string {
  if (!check.intact) {
    return `The audit log is broken at entry ${check.firstBroken}: ${check.reason}.\n`;
  }
  return check.head
    ? `The audit log is intact: ${check.entries} entries, the last is entry ${check.head.seq} (${check.head.hash}).\n`
    : 'The audit log is intact: it has no entries yet.\n';
}

function checkpointWords({ matched, mismatched, vouchedUpTo }: CheckpointComparison): string {
  const total = matched.length + mismatched.length;
  const checkpoints = (n: number) => `${n} ${n === 1 ? 'checkpoint' : 'checkpoints'}`;
  const first = mismatched[0];
  if (!first) {
    const latest = matched.at(-1)?.checkpoint;
    const which = total === 1 ? 'the checkpoint' : `all ${checkpoints(total)}; the latest is that`;
    return `It matches ${which} of ${latest?.at}, which vouches for entries 1 to ${latest?.seq}.\n`;
  }
  const listed = mismatched
    .slice(0, MISMATCHES_LISTED)
    .map((one) => `  ${one.where}: ${one.reason}.\n`);
  const more = mismatched.length - listed.length;
  return [
    `The audit log does not match ${mismatched.length} of ${checkpoints(total)}:\n`,
    ...listed,
    more > 0 ? `  and ${more} more.\n` : '',
    vouchedUpTo === undefined
      ? `What was changed is at or before entry ${first.checkpoint.seq}.\n`
      : `What was changed lies after entry ${vouchedUpTo}, which a checkpoint still vouches for, and at or before entry ${first.checkpoint.seq}.\n`,
  ].join('');
}
