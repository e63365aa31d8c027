// Start-up time to a healthy service, the one-off stylesheet compile, and page throughput.
// TEST_DATABASE_URL adds start-up on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadStylesheet } from '../src/web/assets/stylesheet.ts';
import { startAccord } from '../test/runningAccord.ts';
import { createScratchDatabase, databaseKindsToTest } from '../test/testDatabase.ts';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function untilHealthy(url: string): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(`${url}/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function stylesheetCompile(): void {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'accord-bench-css-'));
  const started = performance.now();
  loadStylesheet(cacheDir);
  const ms = performance.now() - started;
  rmSync(cacheDir, { recursive: true, force: true });
  console.log(
    `stylesheet compile (first start after an install, cached after): ${ms.toFixed(0)} ms`,
  );
}

/**
 * Milliseconds from starting `node src/main.ts` to its first /health 200: on a fresh database
 * (the first start, which migrates it), and again on the same database (every restart after).
 */
export async function coldStartTimes(
  kind: 'sqlite' | 'postgres',
  runs: number,
): Promise<{ fresh: number[]; restart: number[] }> {
  const times = { fresh: [] as number[], restart: [] as number[] };
  for (let run = 0; run < runs; run++) {
    const scratch = await createScratchDatabase(kind);
    for (const start of ['fresh', 'restart'] as const) {
      const started = performance.now();
      const accord = startAccord({ PORT: '0', ...scratch.environment });
      const url = await accord.listening;
      await untilHealthy(url);
      times[start].push(performance.now() - started);
      await accord.stop();
    }
    await scratch.remove();
  }
  return times;
}

async function startUp(kind: 'sqlite' | 'postgres', runs: number): Promise<void> {
  const { fresh, restart } = await coldStartTimes(kind, runs);
  for (const [which, times] of [
    ['a fresh', fresh],
    ['an existing', restart],
  ] as const) {
    console.log(
      `start to /health 200 on ${which} ${kind} database: median ${median(times).toFixed(0)} ms, worst ${Math.max(...times).toFixed(0)} ms (${runs} runs; target < 3000 ms)`,
    );
  }
}

async function throughput(pathName: string, requests: number, concurrency: number): Promise<void> {
  const scratch = await createScratchDatabase('sqlite');
  const accord = startAccord({ PORT: '0', ...scratch.environment });
  const url = await accord.listening;
  await untilHealthy(url);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < requests) {
        const sent = performance.now();
        const response = await fetch(`${url}${pathName}`);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${pathName} answered ${response.status}`);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `GET ${pathName}: ${(requests / seconds).toFixed(0)} requests/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms (${requests} requests, ${concurrency} at a time, SQLite, as npm start)`,
  );
  await accord.stop();
  await scratch.remove();
}

export async function runStartupBenchmarks(): Promise<void> {
  stylesheetCompile();
  for (const { kind, skip } of databaseKindsToTest()) {
    if (skip) console.log(`start-up on ${kind}: skipped (${skip})`);
    else await startUp(kind, 5);
  }
  await throughput('/', 2000, 10);
  await throughput('/health', 2000, 10);
}
