import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';

export type DemoServer = {
  baseUrl: string;
  /** Runs the `accord` command line on the server's database; resolves with its standard output. */
  accord(args: string[]): Promise<string>;
  stop(): void;
};

/**
 * Accord in demo mode on an empty, temporary data folder: the demo data set is loaded at
 * start, relative to today, so every run finds the same cases in the same states.
 */
export async function startDemoServer(root: string): Promise<DemoServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'accord-screenshot-'));
  const env = {
    PATH: process.env.PATH ?? '',
    DATA_DIR: dataDir,
    DEMO_MODE: 'true',
    PORT: '0',
    LOG_LEVEL: 'info',
  };
  const server = spawn(process.execPath, [path.join(root, 'src/main.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => {
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const baseUrl = await listeningAddress(server);
    const accord = (args: string[]) => runAccord(root, env, args);
    return { baseUrl, accord, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

function listeningAddress(server: ChildProcessByStdio<null, Readable, Readable>): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (code) => reject(new Error(`Accord exited with ${code}:\n${output}`)));
  });
}

function runAccord(root: string, env: Record<string, string>, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'src/cli/main.ts'), ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`accord ${args.join(' ')} exited with ${code}:\n${stderr}`));
    });
  });
}
