import { parseArgs } from 'node:util';
import { systemClock } from '../domain/clock.ts';
import { activePersonWithEmail } from '../services/findPeople.ts';
import { createPasswordLink, PASSWORD_LINK_HOURS } from '../services/passwordLinks.ts';
import { commandLine } from '../services/requestContext.ts';
import { type Command, UsageError } from './command.ts';
import { withDatabase } from './withDatabase.ts';

export const account: Command = {
  name: 'account',
  forms: [
    {
      usage: 'accord account password-link --user EMAIL',
      summary: `print a one-time link (valid ${PASSWORD_LINK_HOURS} hours) with which that person sets their password`,
    },
  ],
  async run({ args, stdout, stderr, loadConfig }) {
    const [subcommand, ...rest] = args;
    if (subcommand !== 'password-link') {
      throw new UsageError(subcommand ? `unknown subcommand "${subcommand}"` : 'say what to do');
    }
    const { values } = parseArgs({
      args: rest,
      options: { user: { type: 'string' } },
      allowPositionals: false,
    });
    if (!values.user) throw new UsageError('give the person’s e-mail address with --user');
    const config = loadConfig();
    return withDatabase(config, async (database) => {
      const person = await activePersonWithEmail(database, values.user as string);
      if (!person) {
        stderr.write(`accord account: nobody active has the e-mail address ${values.user}\n`);
        return 1;
      }
      const token = await createPasswordLink(
        { database, clock: systemClock },
        person.id,
        commandLine,
      );
      stdout.write(`${config.baseUrl}/set-password/${token}\n`);
      return 0;
    });
  },
};
