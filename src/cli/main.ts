#!/usr/bin/env node
import { ConfigError, loadConfig } from '../config.ts';
import { Invalid } from '../domain/errors.ts';
import { account } from './account.ts';
import { audit } from './audit.ts';
import { backup, restore } from './backup.ts';
import { type Command, type CommandContext, UsageError } from './command.ts';
import { demoData } from './demoData.ts';
import { directory } from './directory.ts';
import { generate } from './generate.ts';
import { migrate } from './migrate.ts';
import { partnership } from './partnership.ts';
import { protocol } from './protocol.ts';
import { retention } from './retention.ts';
import { token } from './token.ts';

const commands: Command[] = [
  migrate,
  demoData,
  generate,
  partnership,
  protocol,
  directory,
  account,
  token,
  audit,
  backup,
  restore,
  retention,
];

export function helpText(): string {
  const forms = commands.flatMap((command) => command.forms);
  const width = Math.max(...forms.map((form) => form.usage.length));
  return [
    'Usage: accord <command> [options]',
    '',
    'Commands:',
    ...forms.map((form) => `  ${form.usage.padEnd(width)}  ${form.summary}`),
    '',
    'Options:',
    '  -h, --help  show this help',
    '',
    'Configuration comes from environment variables (see the README).',
    '',
  ].join('\n');
}

/** Runs one command line and returns the exit code; never exits the process itself. */
export async function runCli(
  argv: string[],
  io: Pick<CommandContext, 'stdout' | 'stderr'> & Partial<Pick<CommandContext, 'loadConfig'>>,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io[name === undefined ? 'stderr' : 'stdout'].write(helpText());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr.write(`accord: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(usageOf(command));
    return 0;
  }
  try {
    return await command.run({ args, loadConfig: io.loadConfig ?? (() => loadConfig()), ...io });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof Invalid) {
      const lines = error.errors
        .map((problem) => `  ${problem.path}: ${problem.message}\n`)
        .join('');
      io.stderr.write(`accord ${name}: ${error.message}\n${lines}`);
      return 1;
    }
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr.write(`accord ${name}: ${(error as Error).message}\n${usageOf(command)}`);
      return 2;
    }
    io.stderr.write(`accord ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}

function usageOf(command: Command): string {
  return `${command.forms.map((form) => `Usage: ${form.usage}\n  ${form.summary}\n`).join('')}`;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

if (import.meta.main) {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
