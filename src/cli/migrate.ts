import { parseArgs } from 'node:util';
import { databaseTargetFor, openDatabase } from '../db/database.ts';
import { prepareDatabase } from '../db/prepareDatabase.ts';
import { systemClock } from '../domain/clock.ts';
import { reindexCases } from '../services/reindexCases.ts';
import type { Command } from './command.ts';

export const migrate: Command = {
  name: 'migrate',
  forms: [{ usage: 'accord migrate', summary: 'create or upgrade the database schema' }],
  async run({ args, stdout, loadConfig }) {
    parseArgs({ args, options: {}, allowPositionals: false });
    const config = loadConfig();
    const database = openDatabase(databaseTargetFor(config));
    try {
      const applied = await prepareDatabase(config, database);
      const indexed = await reindexCases({ database, clock: systemClock });
      if (indexed > 0) stdout.write(`Indexed ${indexed} cases again for this version.\n`);
      stdout.write(
        applied.length === 0
          ? `The database at ${database.description} is up to date.\n`
          : `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to ${database.description}:\n${applied.map((name) => `  ${name}\n`).join('')}`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
