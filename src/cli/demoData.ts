import { parseArgs } from 'node:util';
import { systemClock } from '../domain/clock.ts';
import { loadDemoData } from '../services/loadDemoData.ts';
import type { Command } from './command.ts';
import { withDatabase } from './withDatabase.ts';

export const demoData: Command = {
  name: 'demo-data',
  forms: [
    {
      usage: 'accord demo-data',
      summary:
        'load the demo data set (invented partnerships, people and cases) into an empty database',
    },
  ],
  async run({ args, stdout, loadConfig }) {
    // A database that is not empty is refused (Conflict): runCli reports it and exits 1.
    parseArgs({ args, options: {}, allowPositionals: false });
    const loaded = await withDatabase(loadConfig(), (database) =>
      loadDemoData({ database, clock: systemClock }, { via: 'cli' }),
    );
    const { open, resolved, closed, withdrawn } = loaded.byStatus;
    stdout.write(
      [
        `Loaded the demo data set: ${loaded.partnerships} partnerships, ${loaded.people} people and ${loaded.cases} cases`,
        `(${open} open, ${loaded.overdue} of them overdue; ${resolved} resolved, ${closed} closed, ${withdrawn} withdrawn).`,
        'Everyone in it is invented and has no password: start Accord with `npm run demo` (DEMO_MODE=true)',
        'and sign in as anyone at /demo/sign-in, for example as admin@example.org, the administrator.',
        '',
      ].join('\n'),
    );
    return 0;
  },
};
