import { parseArgs } from 'node:util';
import { systemClock } from '../domain/clock.ts';
import { generateCases, refuseUnlessGenerated } from '../services/generation/generateCases.ts';
import { type Command, UsageError } from './command.ts';
import { withDatabase } from './withDatabase.ts';

const wholeNumber = (value: string | undefined, name: string, fallback: number, least = 1) => {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < least) {
    throw new UsageError(`--${name} must be a whole number of at least ${least}`);
  }
  return Number(value);
};

export const generate: Command = {
  name: 'generate',
  forms: [
    {
      usage: 'accord generate --cases N [--partnerships P] [--years Y] [--seed S]',
      summary:
        'fill a database with N realistic invented cases over Y years (7) in P new partnerships (1), for measuring Accord at volume; never into a database with real partnerships',
    },
  ],
  async run({ args, stdout, stderr, loadConfig }) {
    const { values } = parseArgs({
      args,
      options: {
        cases: { type: 'string' },
        partnerships: { type: 'string' },
        years: { type: 'string' },
        seed: { type: 'string' },
      },
      allowPositionals: false,
    });
    if (values.cases === undefined) throw new UsageError('say how many cases: --cases N');
    const options = {
      cases: wholeNumber(values.cases, 'cases', 0),
      partnerships: wholeNumber(values.partnerships, 'partnerships', 1),
      years: wholeNumber(values.years, 'years', 7),
      seed: wholeNumber(values.seed, 'seed', 1, 0),
    };
    const summary = await withDatabase(loadConfig(), async (database) => {
      await refuseUnlessGenerated(database);
      let reported = 0;
      return generateCases(
        { database, clock: systemClock },
        {
          ...options,
          onProgress: (made) => {
            if (made - reported >= 10_000 || made === options.cases) {
              reported = made;
              stderr.write(`${made} of ${options.cases} cases\n`);
            }
          },
        },
      );
    });
    const { open, resolved, closed, withdrawn } = summary.byStatus;
    stdout.write(
      `Generated ${summary.cases} cases in ${summary.partnerships} partnership${summary.partnerships === 1 ? '' : 's'} in ${summary.seconds.toFixed(0)} s (${Math.round(summary.cases / Math.max(summary.seconds, 0.001))} a second): ${open} open, ${resolved} resolved, ${closed} closed, ${withdrawn} withdrawn.\n`,
    );
    return 0;
  },
};
