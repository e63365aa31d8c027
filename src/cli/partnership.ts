import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { systemClock } from '../domain/clock.ts';
import {
  builtInProtocolFile,
  builtInProtocolIds,
  isBuiltInProtocolId,
} from '../protocols/builtInProtocols.ts';
import { createPartnership } from '../services/createPartnership.ts';
import { commandLine } from '../services/requestContext.ts';
import { type Command, UsageError } from './command.ts';
import { withDatabase } from './withDatabase.ts';

/** A built-in protocol by its id, or a protocol file by its path. */
export async function readProtocolSource(idOrFile: string): Promise<string> {
  return readFile(isBuiltInProtocolId(idOrFile) ? builtInProtocolFile(idOrFile) : idOrFile, 'utf8');
}

export const partnership: Command = {
  name: 'partnership',
  forms: [
    {
      usage: 'accord partnership create --name TEXT --protocol ID|FILE [--reference-prefix TEXT]',
      summary: `a new partnership on a built-in protocol (${builtInProtocolIds.join(', ')}) or a file; prints its id. Its case references start with the prefix (by default, its name's initials)`,
    },
  ],
  async run({ args, stdout, loadConfig }) {
    const [subcommand, ...rest] = args;
    if (subcommand !== 'create') {
      throw new UsageError(subcommand ? `unknown subcommand "${subcommand}"` : 'say what to do');
    }
    const { values } = parseArgs({
      args: rest,
      options: {
        name: { type: 'string' },
        protocol: { type: 'string' },
        'reference-prefix': { type: 'string' },
      },
      allowPositionals: false,
    });
    if (!values.name) throw new UsageError('give the partnership’s --name');
    if (!values.protocol)
      throw new UsageError(`give --protocol: ${builtInProtocolIds.join(', ')}, or a protocol file`);
    const protocolSource = await readProtocolSource(values.protocol);
    const created = await withDatabase(loadConfig(), (database) =>
      createPartnership(
        { database, clock: systemClock },
        {
          name: values.name as string,
          protocolSource,
          referencePrefix: values['reference-prefix'],
        },
        commandLine,
      ),
    );
    stdout.write(`${created.id}\n`);
    return 0;
  },
};
