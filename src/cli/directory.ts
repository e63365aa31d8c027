import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { systemClock } from '../domain/clock.ts';
import { importPeople, PEOPLE_CSV_COLUMNS } from '../services/importPeople.ts';
import { allPartnerships } from '../services/readDirectory.ts';
import { commandLine } from '../services/requestContext.ts';
import { type Command, UsageError } from './command.ts';
import { withDatabase } from './withDatabase.ts';

export const directory: Command = {
  name: 'directory',
  forms: [
    {
      usage: 'accord directory import FILE [--partnership ID]',
      summary: `add people from a CSV file (${PEOPLE_CSV_COLUMNS.join(', ')}); all or nothing`,
    },
  ],
  async run({ args, stdout, loadConfig }) {
    const [subcommand, ...rest] = args;
    if (subcommand !== 'import') {
      throw new UsageError(subcommand ? `unknown subcommand "${subcommand}"` : 'say what to do');
    }
    const { values, positionals } = parseArgs({
      args: rest,
      options: { partnership: { type: 'string' } },
      allowPositionals: true,
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('give exactly one CSV file');
    const csv = await readFile(file, 'utf8');
    return withDatabase(loadConfig(), async (database) => {
      let partnershipId = values.partnership;
      if (!partnershipId) {
        const all = await allPartnerships(database);
        if (all.length !== 1) {
          throw new UsageError(
            `there are ${all.length} partnerships: say which with --partnership ID`,
          );
        }
        partnershipId = all[0]?.id as string;
      }
      const { imported } = await importPeople(
        { database, clock: systemClock },
        { partnershipId, csv },
        commandLine,
      );
      stdout.write(`Imported ${imported} ${imported === 1 ? 'person' : 'people'}.\n`);
      return 0;
    });
  },
};
