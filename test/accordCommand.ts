import { runCli } from '../src/cli/main.ts';
import { testConfig } from './testApp.ts';

export type CommandResult = { exitCode: number; stdout: string; stderr: string };

/** Runs an `accord` command in this process, with the test configuration and these settings. */
export async function accordCommand(
  environment: Record<string, string>,
  ...argv: string[]
): Promise<CommandResult> {
  const out: string[] = [];
  const err: string[] = [];
  const exitCode = await runCli(argv, {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    loadConfig: () => testConfig(environment),
  });
  return { exitCode, stdout: out.join(''), stderr: err.join('') };
}
