import type { Config } from '../config.ts';

/** What every command gets: its arguments, output streams and the configuration. */
export type CommandContext = {
  args: string[];
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  loadConfig(): Config;
};

export type Command = {
  name: string;
  /** One line for each form of the command, as the help lists them. */
  forms: { usage: string; summary: string }[];
  /** Returns the exit code. */
  run(context: CommandContext): Promise<number>;
};

/** A mistake in how a command was called: exit code 2 with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}
