import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { systemClock } from '../domain/clock.ts';
import { describeProblem, parseProtocolFile } from '../domain/protocol/validateProtocol.ts';
import { adoptProtocol } from '../services/adoptProtocol.ts';
import { commandLine } from '../services/requestContext.ts';
import { type Command, type CommandContext, UsageError } from './command.ts';
import { withDatabase } from './withDatabase.ts';

export const protocol: Command = {
  name: 'protocol',
  forms: [
    {
      usage: 'accord protocol check FILE',
      summary: 'check a protocol file; exit 1 with one line per problem',
    },
    {
      usage: 'accord protocol adopt --partnership ID [--reason TEXT] FILE',
      summary:
        "make a protocol file the partnership's protocol in force, as a new version, saying why; its calendar becomes the partnership's working time (open stages are due again under it)",
    },
  ],
  async run({ args, stdout, stderr, loadConfig }) {
    const [subcommand, ...rest] = args;
    if (subcommand === 'adopt') return adopt(rest, stdout, loadConfig);
    if (subcommand !== 'check') {
      throw new UsageError(subcommand ? `unknown subcommand "${subcommand}"` : 'say what to do');
    }
    const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('give exactly one protocol file');

    let source: string;
    try {
      source = await readFile(file, 'utf8');
    } catch (error) {
      stderr.write(
        `accord protocol check: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`,
      );
      return 1;
    }
    const check = parseProtocolFile(source);
    if (!check.ok) {
      stdout.write(check.problems.map((problem) => `${describeProblem(problem)}\n`).join(''));
      return 1;
    }
    const { id, version, name, stages, pathways } = check.protocol;
    stdout.write(
      `${file} is a valid protocol: ${name} (${id}, version ${version}), ${stages.length} stages, ${pathways.length} pathway${pathways.length === 1 ? '' : 's'} besides the general one.\n`,
    );
    return 0;
  },
};

async function adopt(
  args: string[],
  stdout: CommandContext['stdout'],
  loadConfig: CommandContext['loadConfig'],
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { partnership: { type: 'string' }, reason: { type: 'string' } },
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (!values.partnership) throw new UsageError('give the partnership with --partnership ID');
  if (!file || extra.length > 0) throw new UsageError('give exactly one protocol file');
  const protocolSource = await readFile(file, 'utf8');
  const adopted = await withDatabase(loadConfig(), (database) =>
    adoptProtocol(
      { database, clock: systemClock },
      { partnershipId: values.partnership as string, protocolSource, reason: values.reason },
      commandLine,
    ),
  );
  const cases =
    adopted.reprojected === 1
      ? '1 open disagreement is'
      : `${adopted.reprojected} open disagreements are`;
  stdout.write(
    `Adopted ${adopted.name} as version ${adopted.version}. Disagreements already open keep their version.\n${
      adopted.statedVersion === adopted.version
        ? ''
        : `The file says version ${adopted.statedVersion}: it is kept as given, but the partnership numbers it ${adopted.version}.\n`
    }${
      adopted.workingTimeChanged
        ? `Its calendar changed the partnership's working time. ${adopted.workingTimeChange} ${cases} now due at another time.\n`
        : ''
    }`,
  );
  return 0;
}
