// One load run: autocannon against one address, with the CPU time the serving processes spent.
import autocannon from 'autocannon';
import type { Child } from './children.ts';

export type Measurement = {
  /** Answers with a 2xx status per second. */
  requestsPerSecond: number;
  answered: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers that were not 2xx, errors and timeouts: any of these spoils the run. */
  failures: number;
  /** CPU seconds the measured processes spent during the run (user and system). */
  cpuSeconds: number;
};

export type LoadOptions = { connections: number; durationSeconds: number };

export async function measure(
  url: string,
  headers: Record<string, string>,
  options: LoadOptions,
  servers: Child[],
): Promise<Measurement> {
  const cpuBefore = servers.map((server) => server.cpuSeconds());
  const result = await autocannon({
    url,
    headers,
    connections: options.connections,
    duration: options.durationSeconds,
  });
  const cpuAfter = servers.map((server) => server.cpuSeconds());
  const answered = result['2xx'];
  return {
    requestsPerSecond: answered / result.duration,
    answered,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    cpuSeconds: cpuAfter.reduce((sum, after, at) => sum + after - (cpuBefore[at] ?? 0), 0),
  };
}
