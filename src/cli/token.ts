import { parseArgs } from 'node:util';
import { systemClock } from '../domain/clock.ts';
import { createApiToken } from '../services/apiTokens.ts';
import { activePersonWithEmail } from '../services/findPeople.ts';
import { commandLine } from '../services/requestContext.ts';
import { type Command, UsageError } from './command.ts';
import { withDatabase } from './withDatabase.ts';

export const token: Command = {
  name: 'token',
  forms: [
    {
      usage: 'accord token create --user EMAIL [--name TEXT]',
      summary: 'print a new API token (and nothing else) that acts as that person',
    },
  ],
  async run({ args, stdout, stderr, loadConfig }) {
    const [subcommand, ...rest] = args;
    if (subcommand !== 'create') {
      throw new UsageError(subcommand ? `unknown subcommand "${subcommand}"` : 'say what to do');
    }
    const { values } = parseArgs({
      args: rest,
      options: { user: { type: 'string' }, name: { type: 'string' } },
      allowPositionals: false,
    });
    if (!values.user) throw new UsageError('give the person’s e-mail address with --user');
    return withDatabase(loadConfig(), async (database) => {
      const person = await activePersonWithEmail(database, values.user as string);
      if (!person) {
        stderr.write(`accord token: nobody with the e-mail address ${values.user} can sign in\n`);
        return 1;
      }
      const created = await createApiToken(
        { database, clock: systemClock },
        { personId: person.id, name: values.name ?? 'Command line token' },
        commandLine,
      );
      stdout.write(`${created.token}\n`);
      return 0;
    });
  },
};
