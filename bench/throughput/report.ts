// The throughput benchmark's table: each request on each configuration against the hello-world
// measured beside it, the two-instance efficiency, the audit chain's lock and the cold start.
import os from 'node:os';
import type { Measurement } from './load.ts';
import { type LockSample, mergeLockSamples } from './postgresLocks.ts';

export type BenchRequest = {
  label: string;
  path: (caseId: string) => string;
  auth: 'token' | 'session';
  goal: { percentOfHelloWorld: number; p99Ms?: number };
};

/** One Accord run and the hello-world run just before it, in the same round. */
export type RunRecord = {
  request: BenchRequest;
  configuration: string;
  accord: Measurement;
  helloWorld: Measurement;
  locks?: LockSample;
};

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const mean = (values: number[]) => sum(values) / values.length;
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

/** One figure, or the lowest and highest of the rounds when they differ. */
function spread(values: number[]): string {
  if (values.length === 0) return '–';
  const low = Math.min(...values);
  const high = Math.max(...values);
  return ms(low) === ms(high) ? ms(low) : `${ms(low)}–${ms(high)}`;
}

function goalWords(goal: BenchRequest['goal']): string {
  return `≥ ${goal.percentOfHelloWorld} %${goal.p99Ms ? `, p99 ≤ ${goal.p99Ms} ms` : ''}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths?.[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function ratesTable(
  records: RunRecord[],
  requests: BenchRequest[],
  configurations: string[],
): string {
  const rows = [
    ['request', 'configuration', 'req/s', '% of hello-world', 'p50 ms', 'p99 ms', 'goal', ''],
  ];
  for (const request of requests) {
    for (const configuration of configurations) {
      const runs = records.filter(
        (r) => r.request === request && r.configuration === configuration,
      );
      if (runs.length === 0) continue;
      const rate = mean(runs.map((r) => r.accord.requestsPerSecond));
      const percent = (100 * rate) / mean(runs.map((r) => r.helloWorld.requestsPerSecond));
      // A run in which nothing was answered has no latencies (autocannon times answers only).
      const answeredRuns = runs.filter((r) => r.accord.answered > 0);
      const worstP99 = Math.max(...answeredRuns.map((r) => r.accord.p99Ms));
      const met =
        answeredRuns.length === runs.length &&
        percent >= request.goal.percentOfHelloWorld &&
        (request.goal.p99Ms === undefined || worstP99 <= request.goal.p99Ms);
      const failures = sum(runs.map((r) => r.accord.failures));
      const unanswered = runs.length - answeredRuns.length;
      rows.push([
        request.label,
        configuration,
        rate.toFixed(0),
        `${percent.toFixed(2)} %`,
        spread(answeredRuns.map((r) => r.accord.p50Ms)),
        spread(answeredRuns.map((r) => r.accord.p99Ms)),
        goalWords(request.goal),
        [
          met ? 'met' : 'missed',
          failures > 0 ? `(${failures} requests failed)` : '',
          unanswered > 0 ? `(${unanswered} runs with no answer in time)` : '',
        ]
          .filter(Boolean)
          .join(' '),
      ]);
    }
  }
  return table(rows);
}

function helloWorldLine(records: RunRecord[]): string {
  const runs = records.map((r) => r.helloWorld);
  return `hello-world (bare Fastify 5 JSON, ${runs.length} runs): ${mean(runs.map((r) => r.requestsPerSecond)).toFixed(0)} req/s (${spread(runs.map((r) => r.requestsPerSecond))}), p50 ${spread(runs.map((r) => r.p50Ms))} ms, p99 ${spread(runs.map((r) => r.p99Ms))} ms`;
}

function perCpuSecond(runs: RunRecord[]): number {
  const cpuSeconds = sum(runs.map((r) => r.accord.cpuSeconds));
  return cpuSeconds > 0 ? sum(runs.map((r) => r.accord.answered)) / cpuSeconds : 0;
}

/** Two instances' requests per CPU-second as a share of one's, or undefined with nothing to compare. */
function share(single: number, double: number): number | undefined {
  return single > 0 && double > 0 ? (100 * double) / single : undefined;
}

function efficiencyLines(
  records: RunRecord[],
  requests: BenchRequest[],
  one: string,
  two: string,
): string[] {
  const of = (configuration: string, request?: BenchRequest) =>
    records.filter((r) => r.configuration === configuration && (!request || r.request === request));
  const line = (label: string, request?: BenchRequest) => {
    const single = perCpuSecond(of(one, request));
    const double = perCpuSecond(of(two, request));
    const ratio = share(single, double);
    return `  ${label}: ${single.toFixed(0)} req per CPU-second with one instance, ${double.toFixed(0)} with two = ${ratio === undefined ? 'nothing answered to compare' : `${ratio.toFixed(0)} %`}`;
  };
  const overall = share(perCpuSecond(of(one)), perCpuSecond(of(two)));
  return [
    'Efficiency of two instances (requests per CPU-second of the Accord processes, /proc/PID/stat utime+stime; goal ≥ 90 %):',
    ...requests.map((request) => line(request.label, request)),
    `${line('all three together')}: ${overall !== undefined && overall >= 90 ? 'met' : 'missed'}`,
  ];
}

function lockLine(records: RunRecord[], configuration: string): string {
  const seen = mergeLockSamples(
    records.flatMap((r) => (r.configuration === configuration && r.locks ? [r.locks] : [])),
  );
  return `  ${configuration}: at most ${seen.maxAdvisoryWaiting} waiting on an advisory lock (the audit chain's), at most ${seen.maxWaiting} waiting on any lock (${seen.samples} samples): ${seen.maxAdvisoryWaiting === 0 ? 'met' : 'missed'}`;
}

export type StartTimes = { median: number; worst: number; runs: number };

export function printReport(report: {
  records: RunRecord[];
  requests: BenchRequest[];
  configurations: string[];
  twoInstances?: { one: string; two: string };
  /** On a fresh database (the first start, migrating it) and on the same again (a restart). */
  coldStartMs: { fresh: StartTimes; restart: StartTimes };
  /** The one-minute load average before and after: the ratios mean little on a busy machine. */
  loadAverages: [number, number];
  heading: string;
}): void {
  const { records, requests, configurations, twoInstances, coldStartMs } = report;
  const lines = [
    '',
    report.heading,
    `Load average (1 min) before ${report.loadAverages[0].toFixed(1)}, after ${report.loadAverages[1].toFixed(1)} on ${os.availableParallelism()} cores: a busy machine lowers every figure.`,
    helloWorldLine(records),
    '',
    ratesTable(records, requests, configurations),
    '',
  ];
  if (twoInstances) {
    lines.push(...efficiencyLines(records, requests, twoInstances.one, twoInstances.two), '');
    lines.push(
      "Waiting on locks in PostgreSQL (pg_locks every 50 ms during the runs; goal: none on the audit chain's):",
    );
    lines.push(lockLine(records, twoInstances.one), lockLine(records, twoInstances.two), '');
  }
  for (const [which, times] of [
    ['a fresh embedded database (the first start: it migrates)', coldStartMs.fresh],
    ['the same database again (a restart)', coldStartMs.restart],
  ] as const) {
    lines.push(
      `Cold start to /health 200 on ${which}: median ${times.median.toFixed(0)} ms, worst ${times.worst.toFixed(0)} ms (${times.runs} runs); goal < 1000 ms (median): ${times.median < 1000 ? 'met' : 'missed'}`,
    );
  }
  console.log(lines.join('\n'));
}
