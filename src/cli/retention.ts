import { parseArgs } from 'node:util';
import { systemClock } from '../domain/clock.ts';
import { commandLine } from '../services/requestContext.ts';
import { runRetention } from '../services/retention/runRetention.ts';
import { type Command, UsageError } from './command.ts';
import { withDatabase } from './withDatabase.ts';

const cases = (count: number) => `${count} ${count === 1 ? 'case' : 'cases'}`;

export const retention: Command = {
  name: 'retention',
  forms: [
    {
      usage: 'accord retention run [--dry-run]',
      summary:
        "purge the details of cases past their partnership's retention period; --dry-run only counts them",
    },
  ],
  async run({ args, stdout, loadConfig }) {
    const [subcommand, ...rest] = args;
    if (subcommand !== 'run') {
      throw new UsageError(subcommand ? `unknown subcommand "${subcommand}"` : 'say what to do');
    }
    const { values } = parseArgs({
      args: rest,
      options: { 'dry-run': { type: 'boolean', default: false } },
      allowPositionals: false,
    });
    const config = loadConfig();
    const run = await withDatabase(config, (database) =>
      runRetention(
        { database, clock: systemClock, databaseOwnerUrl: config.databaseOwnerUrl },
        { dryRun: values['dry-run'] },
        commandLine,
      ),
    );
    for (const partnership of run.byPartnership) {
      stdout.write(
        `${partnership.name} (${partnership.months} months): ${cases(partnership.purged)}\n`,
      );
    }
    if (run.bytesReleased === false) {
      stdout.write(
        'A transaction begun before the purge was still open: some old bytes stay in the database files until the next run.\n',
      );
    }
    stdout.write(
      run.dryRun ? `Would purge ${cases(run.purged)}.\n` : `Purged ${cases(run.purged)}.\n`,
    );
    return 0;
  },
};
