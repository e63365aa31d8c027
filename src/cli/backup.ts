import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { systemClock } from '../domain/clock.ts';
import { backupDatabase } from '../services/backups/backupDatabase.ts';
import { restoreDatabase } from '../services/backups/restoreDatabase.ts';
import { type Command, type CommandContext, UsageError } from './command.ts';

export const backup: Command = {
  name: 'backup',
  forms: [
    {
      usage: 'accord backup FILE',
      summary: 'a consistent copy of the embedded database, safe while Accord runs',
    },
  ],
  async run({ args, stdout, stderr, loadConfig }) {
    const file = theFile(args);
    const config = loadConfig();
    if (config.databaseUrl) return usePostgresTools('backup', stderr);
    const made = await backupDatabase(config.dataDir, file);
    stdout.write(`Backed up the database to ${made.file} (${made.bytes} bytes).\n`);
    return 0;
  },
};

export const restore: Command = {
  name: 'restore',
  forms: [
    {
      usage: 'accord restore FILE',
      summary: 'put a backup in place of the embedded database (stop Accord first)',
    },
  ],
  async run({ args, stdout, stderr, loadConfig }) {
    const file = theFile(args);
    const config: Config = loadConfig();
    if (config.databaseUrl) return usePostgresTools('restore', stderr);
    const restored = await restoreDatabase(config.dataDir, file, { clock: systemClock });
    const migrated = restored.migrated.length;
    stdout.write(
      [
        `Restored ${file} into ${config.dataDir}${restored.replaced ? ', in place of the database there' : ''}.`,
        migrated > 0
          ? `It was made by an older version: ${migrated} migration${migrated === 1 ? '' : 's'} applied.`
          : undefined,
        `Its audit log is intact: ${restored.auditEntries} entries, the last recording this restore.`,
        '',
      ]
        .filter((line) => line !== undefined)
        .join('\n'),
    );
    return 0;
  },
};

function theFile(args: string[]): string {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true });
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('say which FILE');
  if (extra.length > 0) throw new UsageError('give one FILE');
  return file;
}

function usePostgresTools(command: 'backup' | 'restore', stderr: CommandContext['stderr']) {
  const tool = command === 'backup' ? 'pg_dump' : 'pg_restore';
  stderr.write(
    `accord ${command}: DATABASE_URL is set, so Accord's data is in PostgreSQL: use ${tool} (see docs/operations.md). accord ${command} is for the embedded database in DATA_DIR.\n`,
  );
  return 1;
}
