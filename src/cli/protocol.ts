import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { describeProblem, parseProtocolFile } from '../domain/protocol/validateProtocol.ts';
import { type Command, UsageError } from './command.ts';

export const protocol: Command = {
  name: 'protocol',
  forms: [
    {
      usage: 'accord protocol check FILE',
      summary: 'check a protocol file; exit 1 with one line per problem',
    },
  ],
  async run({ args, stdout, stderr }) {
    const [subcommand, ...rest] = args;
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
