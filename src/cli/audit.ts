import { parseArgs } from 'node:util';
import { verifyAuditLog } from '../services/verifyAuditLog.ts';
import { type Command, UsageError } from './command.ts';
import { withDatabase } from './withDatabase.ts';

export const audit: Command = {
  name: 'audit',
  forms: [
    {
      usage: 'accord audit verify',
      summary: "check the audit log's hash chain; exit 1 naming the first broken entry",
    },
  ],
  async run({ args, stdout, loadConfig }) {
    const [subcommand, ...rest] = args;
    if (subcommand !== 'verify') {
      throw new UsageError(subcommand ? `unknown subcommand "${subcommand}"` : 'say what to do');
    }
    parseArgs({ args: rest, options: {}, allowPositionals: false });
    const check = await withDatabase(loadConfig(), verifyAuditLog);
    if (!check.intact) {
      stdout.write(`The audit log is broken at entry ${check.firstBroken}: ${check.reason}.\n`);
      return 1;
    }
    stdout.write(
      check.head
        ? `The audit log is intact: ${check.entries} entries, the last is entry ${check.head.seq} (${check.head.hash}).\n`
        : 'The audit log is intact: it has no entries yet.\n',
    );
    return 0;
  },
};
