// The benchmark's servers, each a child process on the same Node as this one. Their output goes
// to a log file, not a pipe, so this process (the load generator's) spends no time reading it.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export type Child = {
  name: string;
  pid: number;
  url: string;
  /** CPU time this process has used so far (user and system, every thread), in seconds. */
  cpuSeconds(): number;
  /** The end of what it has written, for an error message. */
  logTail(): string;
  stop(): Promise<void>;
};

const running = new Set<ChildProcess>();
const cleanUps = new Set<() => Promise<void>>();

/** Work to undo if the run is interrupted (a database to drop, a folder to remove). */
export function onInterrupt(cleanUp: () => Promise<void>): () => void {
  cleanUps.add(cleanUp);
  return () => cleanUps.delete(cleanUp);
}

// Whatever way this process ends, no server is left behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    console.error(`\n${signal}: stopping the servers and removing what the run made`);
    for (const child of running) child.kill('SIGKILL');
    await Promise.all([...running].map((child) => once(child, 'exit')));
    for (const cleanUp of cleanUps) await cleanUp().catch((error) => console.error(error));
    process.exit(130);
  });
}

const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process from /proc/PID/stat (fields 14 and 15), in seconds. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in brackets and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

/** A port nobody listens on now, for a child to listen on. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Starts `node script args…` and resolves once `healthPath` answers 200 on the given port;
 * rejects, with the end of its log, if it exits first or is not healthy within the time.
 */
export async function startChild(options: {
  name: string;
  script: string;
  args?: string[];
  env: Record<string, string>;
  port: number;
  healthPath: string;
  logFile: string;
  timeoutMs?: number;
}): Promise<Child> {
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, [options.script, ...(options.args ?? [])], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  running.add(child);
  const exited = once(child, 'exit').then(([code, signal]) => {
    running.delete(child);
    return code ?? signal;
  });
  const logTail = () => readFileSync(options.logFile, 'utf8').slice(-3000);
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killLater = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killLater);
  };
  let exitedWith: unknown;
  exited.then((code) => {
    exitedWith = code;
  });
  const deadline = performance.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (exitedWith !== undefined) {
      throw new Error(
        `${options.name} exited (${exitedWith}) before it was healthy:\n${logTail()}`,
      );
    }
    if (performance.now() > deadline) {
      await stop();
      throw new Error(
        `${options.name} was not healthy at ${url}${options.healthPath}:\n${logTail()}`,
      );
    }
    try {
      const response = await fetch(`${url}${options.healthPath}`);
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    name: options.name,
    pid: child.pid as number,
    url,
    cpuSeconds: () => cpuSecondsOf(child.pid as number),
    logTail,
    stop,
  };
}
